"""The cycle's moves, the self-review, the visit's reviewer rules, the confidential report and
priorities becoming support requests."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.models import Role, RoleAssignment
from members.models import Person, Specialism, User
from peer_review import services
from peer_review.models import Priority, Review, Stage
from strands.models import SupportRequest
from tests.peer_review.helpers import (
    BELLENDEN,
    LORDSHIP,
    NUNHEAD,
    PECKHAM_RYE,
    cluster_school,
    complete_answers,
    day,
    person,
    url,
)

# In term, after the demo's reviewer training (early in the year) has run.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("autumn_term")]


def test_it_allows_only_the_next_stage():
    review = Review(stage=Stage.VISIT)
    review.check_move(Stage.REPORT)
    with pytest.raises(ValidationError, match="until the school's self-review is submitted"):
        Review(stage=Stage.SELF_REVIEW).check_move(Stage.REPORT)
    with pytest.raises(ValidationError, match="past that step"):
        review.check_move(Stage.VISIT)


def test_it_saves_a_draft_then_submits_the_self_review_once(login):
    client = login("head")
    cs = cluster_school(BELLENDEN)
    answers = complete_answers(cs)
    first_area = next(key for key in answers if key.startswith("evidence_"))
    draft = {first_area: "Only this, for now."}
    assert client.post(url("self-review", pk=cs.pk), draft).status_code == 302
    review = Review.objects.get(cluster_school=cs)
    assert review.stage == Stage.SELF_REVIEW
    assert review.answers.get(evidence="Only this, for now.")

    incomplete = client.post(url("self-review-submit", pk=cs.pk), draft)
    assert "Choose a judgement for" in incomplete.content.decode()
    assert Review.objects.get(pk=review.pk).stage == Stage.SELF_REVIEW

    assert client.post(url("self-review-submit", pk=cs.pk), answers).status_code == 302
    assert Review.objects.get(pk=review.pk).stage == Stage.VISIT
    again = client.post(url("self-review-submit", pk=cs.pk), answers)
    assert "cannot be changed" in again.content.decode()


def _submitted(name: str, demo) -> Review:
    cs = cluster_school(name)
    head = Review.objects.filter(cluster_school=cs).first()
    if head is None or head.stage == Stage.SELF_REVIEW:
        school_head = RoleAssignment.objects.current().get(
            role=Role.HEADTEACHER, organisation=cs.organisation
        )
        actor = school_head.person.user or demo.user("head")
        answers = {
            int(key.split("_")[1]): (value, complete_answers(cs)[f"evidence_{key.split('_')[1]}"])
            for key, value in complete_answers(cs).items()
            if key.startswith("judgement_")
        }
        return services.self_review_save(
            actor=actor, cluster_school=cs, answers=answers, submit=True
        )
    return head


def test_it_never_lets_a_school_be_reviewed_by_its_own_staff(demo):
    review = _submitted(BELLENDEN, demo)
    teacher = person("Kemi Adeyemi")  # Bellenden Road's Year 4 teacher
    with pytest.raises(ValidationError, match="never reviewed by its own staff"):
        services.visit_record(
            actor=demo.user("director"),
            cluster_school=review.cluster_school,
            visit_on=day(60),
            reviewers=[teacher],
            lead_reviewer=teacher,
        )
    assert not Review.objects.get(pk=review.pk).reviewers.exists()


def test_it_refuses_a_reviewer_without_the_training(demo):
    cs = cluster_school(PECKHAM_RYE)
    untrained = Person.objects.create(
        full_name="Una Trained", organisation=cluster_school(NUNHEAD).organisation
    )
    with pytest.raises(ValidationError, match="has not completed the peer review training"):
        services.visit_record(
            actor=demo.user("director"),
            cluster_school=cs,
            visit_on=day(60),
            reviewers=[untrained],
            lead_reviewer=untrained,
        )


def test_it_records_one_visit_per_school_and_cycle(demo):
    cs = cluster_school(PECKHAM_RYE)
    reviewer = person("Olu Bakare")
    services.visit_record(
        actor=demo.user("director"),
        cluster_school=cs,
        visit_on=day(60),
        reviewers=[reviewer],
        lead_reviewer=reviewer,
    )
    with pytest.raises(ValidationError, match="already recorded for this cycle"):
        services.visit_record(
            actor=demo.user("director"),
            cluster_school=cs,
            visit_on=day(61),
            reviewers=[reviewer],
            lead_reviewer=reviewer,
        )
    review = Review.objects.get(cluster_school=cs)
    assert review.stage == Stage.REPORT
    assert review.lead_reviewer == reviewer


def test_the_report_is_the_schools_until_its_head_shares_it(demo, client):
    review = _submitted(BELLENDEN, demo)
    cs = review.cluster_school
    reviewer = person("Olu Bakare")
    services.visit_record(
        actor=demo.user("director"),
        cluster_school=cs,
        visit_on=day(60),
        reviewers=[reviewer],
        lead_reviewer=reviewer,
    )
    client.force_login(demo.user("reviewer"))
    written = client.post(
        url("report-write", pk=cs.pk), {"report": "### Strengths\n\n<script>x</script>Reading."}
    )
    assert written.status_code == 302
    assert Review.objects.get(pk=review.pk).stage == Stage.WORKSHOP
    # The reviewer's Markdown is sanitised as minutes are.
    page = client.get(url("report-detail", pk=cs.pk)).content.decode()
    assert "<h3>Strengths</h3>" in page and "<script>x" not in page

    # Another head of the cluster (Lordship Lane's, made a sign-in here) is told nothing.
    other = _head_of(LORDSHIP, demo)
    client.force_login(other)
    assert client.get(url("report-detail", pk=cs.pk)).status_code == 404
    client.force_login(demo.user("head"))
    assert client.get(url("report-detail", pk=cs.pk)).status_code == 200
    assert client.post(url("report-share", pk=cs.pk)).status_code == 302
    client.force_login(other)
    assert client.get(url("report-detail", pk=cs.pk)).status_code == 200


def _head_of(school: str, demo):
    head = (
        RoleAssignment.objects.current()
        .get(role=Role.HEADTEACHER, organisation__name=school)
        .person
    )
    if head.user is None:
        head.user = User.objects.create_user(email="lordship-head@example.test", password="x")
        head.save()
    return head.user


def test_a_workshop_needs_a_priority_and_then_each_becomes_one_support_request(demo, client):
    cs = cluster_school(LORDSHIP)  # the report is written; the workshop is next
    client.force_login(demo.user("director"))
    empty = client.post(url("workshop-record", pk=cs.pk), {"workshop_on": day(70).isoformat()})
    assert "Enter at least one agreed priority." in empty.content.decode()
    maths = Specialism.objects.get(name="Mathematics")
    response = client.post(
        url("workshop-record", pk=cs.pk),
        {
            "workshop_on": day(70).isoformat(),
            "priority_1": "Reasoning in Year 5 and 6 maths",
            "area_1": maths.pk,
        },
    )
    assert response.status_code == 302
    priority = Priority.objects.get(text="Reasoning in Year 5 and 6 maths")
    assert priority.review.stage == Stage.SUPPORT
    before = SupportRequest.objects.count()
    for _ in range(2):  # a double click makes one request
        client.post(url("priority-request-support", pk=priority.pk))
    assert SupportRequest.objects.count() == before + 1
    request = Priority.objects.get(pk=priority.pk).support_request
    assert request.school.name == LORDSHIP
    assert request.area_of_need == maths
    assert "Reasoning in Year 5 and 6 maths" in request.description
    page = client.get(url("review-detail", pk=cs.pk)).content.decode()
    assert "Support requested" in page


def test_the_cluster_lead_or_director_sets_three_to_six_focus_areas(demo, client):
    cs = cluster_school(LORDSHIP)
    client.force_login(demo.user("director"))
    response = client.post(
        url("focus-areas", pk=cs.cluster_id), {"area_1": "Reading", "area_2": "Writing"}
    )
    assert "Enter at least 3 focus areas." in response.content.decode()
    # Schools have submitted against this year's areas: they are fixed now.
    response = client.post(
        url("focus-areas", pk=cs.cluster_id),
        {"area_1": "Reading", "area_2": "Writing", "area_3": "Maths"},
    )
    assert "they are fixed for this year" in response.content.decode()


def test_the_cluster_pages_ask_the_same_number_of_queries_however_many_schools(
    demo, client, django_assert_max_num_queries
):
    client.force_login(demo.user("director"))
    with django_assert_max_num_queries(20):
        assert client.get(url("cluster-list")).status_code == 200
    cs = cluster_school(NUNHEAD)
    with django_assert_max_num_queries(22):
        page = client.get(url("cluster-detail", pk=cs.cluster_id))
    assert "Nunhead Green Primary School" in page.content.decode()
    with django_assert_max_num_queries(26):
        assert client.get(url("review-detail", pk=cs.pk)).status_code == 200


def test_the_cluster_page_asks_no_more_queries_with_more_reviewed_schools(demo, client):
    client.force_login(demo.user("director"))
    cs = cluster_school(NUNHEAD)
    page = url("cluster-detail", pk=cs.cluster_id)
    client.get(page)  # warm the caches (the alliance, the session) first
    with CaptureQueriesContext(connection) as before:
        client.get(page)
    review = _submitted(BELLENDEN, demo)
    reviewer = person("Olu Bakare")
    services.visit_record(
        actor=demo.user("director"),
        cluster_school=review.cluster_school,
        visit_on=day(60),
        reviewers=[reviewer],
        lead_reviewer=reviewer,
    )
    with CaptureQueriesContext(connection) as after:
        client.get(page)
    assert len(after) == len(before)
