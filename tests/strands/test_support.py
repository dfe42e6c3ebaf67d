from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from members.models import Designation, Phase, Specialism
from strands.models import ClusterSchool, Deployment, DeploymentStatus, SupportRequest
from strands.services import deployment_create, deployment_move
from tests.strands.helpers import day, organisation, person, url

pytestmark = pytest.mark.django_db

BELLENDEN = "Bellenden Road Primary School"


def _new_request() -> SupportRequest:
    return SupportRequest.objects.get(
        school__name=BELLENDEN, area_of_need__name="Phonics and early reading"
    )


def _nia() -> Designation:
    return Designation.objects.get(person__full_name="Nia Campbell")


def _deploy(demo, days: str, reason: str = "") -> Deployment:
    return deployment_create(
        actor=demo.user("director"),
        support_request=_new_request(),
        designation=_nia(),
        days=Decimal(days),
        starts_on=day(60),
        ends_on=day(90),
        override_reason=reason,
    )


def test_it_lets_a_headteacher_request_support_for_their_school(login):
    client = login("head")
    response = client.post(
        url("support-create"),
        {
            "school": organisation(BELLENDEN).pk,
            "area_of_need": Specialism.objects.get(name="Assessment").pk,
            "phase": Phase.objects.get(code="primary").pk,
            "description": "Help moderating writing.",
            "preferred_dates": "After half term",
        },
    )
    created = SupportRequest.objects.get(description="Help moderating writing.")
    assert response["Location"] == url("support-detail", pk=created.pk)
    assert created.requested_by == person("Daniel Forde")
    assert "Assessment" in client.get(url("support-list")).content.decode()


def test_it_refuses_a_headteacher_asking_for_another_school(login):
    client = login("head")
    response = client.post(
        url("support-create"),
        {
            "school": organisation("Honor Oak Primary School").pk,
            "area_of_need": Specialism.objects.get(name="Assessment").pk,
            "phase": Phase.objects.get(code="primary").pk,
            "description": "Not ours to ask.",
            "preferred_dates": "Any",
        },
    )
    assert "Select a valid choice" in response.content.decode()
    assert not SupportRequest.objects.filter(description="Not ours to ask.").exists()


def test_it_shows_a_request_only_to_the_director_and_the_school(login):
    pk = _new_request().pk
    assert login("director").get(url("support-detail", pk=pk)).status_code == 200
    assert login("head").get(url("support-detail", pk=pk)).status_code == 200
    # The chair heads another school: the request's existence is not even disclosed.
    assert login("chair").get(url("support-detail", pk=pk)).status_code == 404
    assert login("board").get(url("support-detail", pk=pk)).status_code == 403
    chair_list = login("chair").get(url("support-list")).content.decode()
    assert BELLENDEN not in chair_list


def test_it_signposts_a_request_to_a_cluster(login):
    client = login("director")
    support_request = _new_request()
    cluster = ClusterSchool.objects.get(
        organisation=support_request.school, academic_year=support_request.academic_year
    ).cluster
    response = client.post(
        url("support-signpost", pk=support_request.pk),
        {"kind": "cluster", "cluster": cluster.pk, "note": "Join the spring review."},
    )
    assert response.status_code == 302
    body = login("head").get(url("support-detail", pk=support_request.pk)).content.decode()
    assert f"Peer review cluster: {cluster.name}" in body


def test_it_asks_which_target_a_signpost_points_to(login):
    response = login("director").post(
        url("support-signpost", pk=_new_request().pk), {"kind": "designation"}
    )
    assert "Choose the SLE or NLE." in response.content.decode()


def test_it_refuses_to_overcommit_an_sle_without_an_override(login, demo):
    client = login("director")
    # Nia has 20 days a year and 7 already deployed in the demo (4 completed, 3 in progress).
    response = client.post(
        url("deployment-create", pk=_new_request().pk),
        {"designation": _nia().pk, "days": "17", "starts_on": day(60), "ends_on": day(90)},
    )
    assert "has 13.0 of 20.0 days left" in response.content.decode()
    assert not Deployment.objects.filter(support_request=_new_request()).exists()


def test_it_records_an_explicit_capacity_override(login, demo):
    client = login("director")
    response = client.post(
        url("deployment-create", pk=_new_request().pk),
        {
            "designation": _nia().pk,
            "days": "17",
            "starts_on": day(60),
            "ends_on": day(90),
            "override": "on",
            "override_reason": "Urgent: Ofsted monitoring visit due.",
        },
    )
    assert response.status_code == 302
    deployment = Deployment.objects.get(support_request=_new_request())
    assert deployment.capacity_override_reason == "Urgent: Ofsted monitoring visit due."
    assert deployment.capacity_overridden_by == demo.user("director")
    capacity = client.get(url("capacity")).content.decode()
    assert "-4.0 (over)" in capacity


def test_it_needs_a_reason_when_the_override_is_ticked(login):
    response = login("director").post(
        url("deployment-create", pk=_new_request().pk),
        {
            "designation": _nia().pk,
            "days": "2",
            "starts_on": day(60),
            "ends_on": day(90),
            "override": "on",
        },
    )
    assert "Give the reason for going over capacity." in response.content.decode()


def test_it_frees_days_when_a_deployment_is_withdrawn_and_keeps_it(demo):
    deployment = _deploy(demo, "13")
    with pytest.raises(ValidationError):
        _deploy(demo, "1")
    deployment_move(actor=demo.user("director"), deployment=deployment, status="withdrawn")
    assert _deploy(demo, "1").status == DeploymentStatus.PROPOSED
    deployment.refresh_from_db()
    assert deployment.status == DeploymentStatus.WITHDRAWN  # still there, in the history


def test_it_moves_a_deployment_through_to_completed_with_outcome_and_evaluation(login, demo):
    client = login("director")
    deployment = _deploy(demo, "3")
    move = url("deployment-move", pk=deployment.pk)
    client.post(move, {"status": "agreed"})
    client.post(move, {"status": "in_progress"})
    response = client.post(move, {"status": "completed"})
    assert "Record the outcome before completing the deployment." in response.content.decode()
    client.post(
        move,
        {"status": "completed", "outcome_note": "Sequence fixed.", "school_evaluation": "Great."},
    )
    deployment.refresh_from_db()
    assert deployment.status == DeploymentStatus.COMPLETED
    assert [c.status for c in deployment.changes.all()] == [
        "proposed",
        "agreed",
        "in_progress",
        "completed",
    ]
    body = login("head").get(url("support-detail", pk=_new_request().pk)).content.decode()
    assert "Sequence fixed." in body and "Great." in body


def test_it_refuses_a_move_the_workflow_does_not_allow(demo):
    deployment = _deploy(demo, "3")
    with pytest.raises(ValidationError, match="cannot become completed"):
        deployment_move(actor=demo.user("director"), deployment=deployment, status="completed")


def test_it_shows_the_sle_their_own_deployments(login, demo):
    _deploy(demo, "2")
    body = login("sle").get(url("deployment-mine")).content.decode()
    assert BELLENDEN in body
    assert "Nunhead Green Primary School" in body  # the completed demo deployment
    assert "Camberwell Grove" not in body  # someone else's


def test_it_has_demo_requests_in_every_state(login):
    body = login("director").get(url("support-list")).content.decode()
    for state in ["Waiting for the director", "Signposted", "Proposed", "Agreed"]:
        assert state in body
    for state in ["In progress", "Completed", "Withdrawn"]:
        assert state in body


def test_it_lets_the_headteacher_evaluate_support_to_their_school(login, demo):
    deployment = _deploy(demo, "3")
    for status in ["agreed", "in_progress"]:
        deployment_move(actor=demo.user("director"), deployment=deployment, status=status)
    client = login("head")
    response = client.post(
        url("deployment-evaluate", pk=deployment.pk), {"evaluation": "Our TAs are confident now."}
    )
    assert response.status_code == 302
    director = login("director")
    move = url("deployment-move", pk=deployment.pk)
    assert "Our TAs are confident now." in director.get(move).content.decode()
    director.post(move, {"status": "completed", "outcome_note": "Phonics sequence rewritten."})
    deployment.refresh_from_db()
    assert deployment.status == DeploymentStatus.COMPLETED
    assert deployment.school_evaluation == "Our TAs are confident now."


def test_it_refuses_an_evaluation_before_the_support_starts(login, demo):
    deployment = _deploy(demo, "3")
    response = login("head").post(
        url("deployment-evaluate", pk=deployment.pk), {"evaluation": "Too early."}
    )
    assert "once it is in progress or completed" in response.content.decode()
