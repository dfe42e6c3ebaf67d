"""A mentor has completed the mentors' training when present at every session of one year's
run of it, once that run is over; otherwise their placement is flagged, never refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alliance.permissions import perms_for
from itt.training_selectors import mentors_trained
from itt.training_services import mentor_training_set
from programmes.models import Attendance, Programme, SessionStatus
from tests.itt import training_builders as build

# The demo's trainees are on their autumn placements then (the placements run from September to
# February, and their reviews are termly): the day the suite runs may be in the summer holiday.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("autumn_term")]


@pytest.fixture
def course(demo):
    partnership = build.partnership(demo.southwark)
    return partnership, partnership.mentor_training


def _mentor():
    return build.person(build.school("Albion Street Primary School"))


def test_present_at_every_session_of_last_years_run_is_trained(course):
    _, programme = course
    run = build.run_of(programme, start=build.last_year())
    trained, missed_one, absent = _mentor(), _mentor(), _mentor()
    build.attended(run, trained)
    build.attended(run[:1], missed_one)
    build.attended(run[1:], missed_one, mark=Attendance.ABSENT)
    build.attended(run, absent, mark=Attendance.ABSENT)
    people = {trained.pk, missed_one.pk, absent.pk}
    assert mentors_trained(programme=programme, people=people) == {trained.pk}


def test_a_run_not_yet_over_completes_nobody(course):
    _, programme = course
    started = timezone.now() - datetime.timedelta(days=2)
    run = build.run_of(programme, start=started)  # the second session is next week
    mentor = _mentor()
    build.attended(run[:1], mentor)
    assert mentors_trained(programme=programme, people={mentor.pk}) == set()


def test_a_cancelled_session_asks_nothing_of_anyone(course):
    _, programme = course
    run = build.run_of(programme, start=build.last_year(), sessions=3)
    run[2].status = SessionStatus.CANCELLED
    run[2].save()
    mentor = _mentor()
    build.attended(run[:2], mentor)
    assert mentors_trained(programme=programme, people={mentor.pk}) == {mentor.pk}


def test_it_reads_in_two_queries_however_many_mentors(course, django_assert_num_queries):
    _, programme = course
    run = build.run_of(programme, start=build.last_year())
    mentors = [_mentor() for _ in range(6)]
    for mentor in mentors:
        build.attended(run, mentor)
    with django_assert_num_queries(2):
        assert len(mentors_trained(programme=programme, people={m.pk for m in mentors})) == 6


def test_the_trainee_page_flags_an_untrained_mentor_and_not_a_trained_one(course, login):
    partnership, programme = course
    trainee = build.trainee(partnership)
    albion = build.school("Albion Street Primary School")
    trained, untrained = (
        build.person(albion, "Tariq Trained"),
        build.person(albion, "Una Untrained"),
    )
    build.attended(build.run_of(programme, start=build.last_year()), trained)
    year = trainee.training_starts_on.year
    build.placement(trainee, at=albion, mentor=trained, ends=datetime.date(year, 12, 18))
    build.placement(
        trainee, at=albion, mentor=untrained, starts=datetime.date(year + 1, 1, 5), kind="second"
    )
    page = login("itt-lead").get(
        reverse("itt_training:trainee-detail", args=["southwark", trainee.pk])
    )
    rows = [
        line
        for line in page.text.splitlines()
        if 'data-label="Mentor"' in line and "Mentor not trained" in line
    ]
    assert len(rows) == 1 and "Una Untrained" in rows[0]
    listing = login("itt-lead").get(reverse("itt_training:trainee-list", args=["southwark"]))
    assert 'Una Untrained <span class="badge text-bg-warning">Mentor not trained' in listing.text
    assert "Tariq Trained <span" not in listing.text


def test_the_lead_names_the_mentors_training_of_an_itt_strand_only(course, demo, login):
    partnership, _ = course
    url = reverse("itt_training:mentor-training-edit", args=["southwark", partnership.pk])
    client = login("itt-lead")
    cpd = Programme.objects.get(alliance=demo.southwark, title="Phonics for new teachers")
    page = client.post(url, {"mentor_training": cpd.pk})
    assert "Select a valid choice" in page.text
    demo_course = Programme.objects.get(alliance=demo.southwark, title=build.MENTORS_COURSE)
    assert client.post(url, {"mentor_training": demo_course.pk}).status_code == 302
    partnership.refresh_from_db()
    assert partnership.mentor_training == demo_course
    with pytest.raises(ValidationError, match="ITT strand"):
        mentor_training_set(
            perms=perms_for(demo.user("itt-lead").person, demo.southwark),
            partnership=partnership,
            programme=cpd,
        )
