"""Who sees a trainee: the ITT lead, the director, the current mentor, the head of the current
placement school and the trainee; a head of another school, a past mentor and anyone else get
404; the lists cost the same number of queries however many trainees."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from alliance.models import Role, RoleAssignment
from tests.itt import training_builders as build

# The demo's trainees are on their autumn placements then (the placements run from September to
# February, and their reviews are termly): the day the suite runs may be in the summer holiday.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("autumn_term")]


@pytest.fixture
def trainee(demo):
    trainee = build.trainee(build.partnership(demo.southwark))
    bellenden = build.school("Bellenden Road Primary School")
    build.placement(trainee, at=bellenden, mentor=build.person(bellenden, "Current Mentor"))
    albion = build.school("Albion Street Primary School")
    past = build.person(albion, "Past Mentor")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    build.placement(
        trainee,
        at=albion,
        mentor=past,
        kind="second",
        starts=yesterday - datetime.timedelta(days=30),
        ends=yesterday,
    )
    return trainee


def _status(client, trainee) -> int:
    return client.get(
        reverse("itt_training:trainee-detail", args=["southwark", trainee.pk])
    ).status_code


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("itt-lead", 200),
        ("director", 200),
        ("head", 200),
        ("chair", 404),
        ("cpd-lead", 404),
        ("teacher", 404),
        ("steep-director", 404),
    ],
)
def test_it_shows_a_trainee_only_to_those_who_work_with_them(trainee, login, persona, status):
    # The demo head heads Bellenden Road, the current placement school; the chair heads another.
    assert _status(login(persona), trainee) == status


def test_the_current_mentor_and_the_trainee_see_it_and_a_past_mentor_does_not(trainee, client):
    current = trainee.placements.get(kind="main").mentor
    past = trainee.placements.get(kind="second").mentor
    for person, status in [(current, 200), (trainee.person, 200), (past, 404)]:
        client.force_login(person.user)
        assert _status(client, trainee) == status, person


def test_a_mentor_writes_no_review_for_a_placement_they_do_not_mentor(trainee, client):
    other = trainee.placements.get(kind="second")
    client.force_login(trainee.placements.get(kind="main").mentor.user)
    url = reverse("itt_training:review-write", args=["southwark", other.pk])
    assert client.get(url).status_code == 403


def test_the_itt_lead_list_and_a_trainee_page_cost_the_same_however_many(
    demo, login, django_assert_max_num_queries
):
    partnership = build.partnership(demo.southwark)
    bellenden = build.school("Bellenden Road Primary School")
    client = login("itt-lead")
    url = reverse("itt_training:trainee-list", args=["southwark"])
    for _ in range(3):
        trainee = build.trainee(partnership)
        build.placement(trainee, at=bellenden, mentor=build.person(bellenden))
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for _ in range(6):
        trainee = build.trainee(partnership)
        build.placement(trainee, at=bellenden, mentor=build.person(bellenden))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(16):
        client.get(reverse("itt_training:trainee-detail", args=["southwark", trainee.pk]))


def test_a_headteacher_loses_sight_when_the_placement_ends(trainee, login):
    trainee.placements.filter(kind="main").update(
        starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2020, 2, 1)
    )
    assert RoleAssignment.objects.filter(role=Role.HEADTEACHER).exists()
    assert _status(login("head"), trainee) == 404
