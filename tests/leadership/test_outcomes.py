"""Outcomes: the leadership lead records what happened next; the person adds their own."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alliance.permissions import perms_for
from leadership.models import Outcome
from leadership.services import outcome_record
from members.models import Organisation, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(demo) -> Person:
    return Person.objects.get(user__email="teacher@demo.test")


def _url(person: Person) -> str:
    return reverse("leadership:person-outcomes", args=["southwark", person.pk])


def test_the_lead_records_a_promotion(demo, login, teacher):
    school = Organisation.objects.get(name="Charles Dickens Primary School")
    client = login("leadership-lead")
    response = client.post(
        _url(teacher),
        {
            "kind": "promotion",
            "role_title": "Deputy headteacher",
            "organisation": school.pk,
            "happened_on": "2026-09-01",
        },
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(person=teacher)
    assert outcome.summary == "Promoted to Deputy headteacher, Charles Dickens Primary School"
    assert not outcome.self_reported
    assert "Recorded by Fiona Gray" in client.get(_url(teacher)).text


def test_a_promotion_needs_the_role_and_the_school_next_to_the_fields(demo, login, teacher):
    client = login("leadership-lead")
    response = client.post(_url(teacher), {"kind": "promotion", "happened_on": "2026-09-01"})
    assert response.status_code == 200
    assert "Enter the role they were promoted to." in response.text
    assert "Choose the school of the new role." in response.text
    assert not Outcome.objects.filter(person=teacher).exists()


def test_it_refuses_a_date_to_come_and_a_missing_kind(demo, login, teacher):
    client = login("leadership-lead")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        _url(teacher), {"kind": "system_role", "system_role": "sle", "happened_on": tomorrow}
    )
    assert "Enter a date that is today or in the past." in response.text
    response = client.post(_url(teacher), {"happened_on": "2026-09-01"})
    assert "Choose what happened." in response.text
    assert not Outcome.objects.filter(person=teacher).exists()


def test_the_person_adds_their_own_marked_self_reported_once(demo, login, teacher):
    client = login("teacher")
    data = {"kind": "qualification", "qualification": "npqltd", "happened_on": "2026-07-01"}
    client.post(_url(teacher), data)
    client.post(_url(teacher), data)  # a double submit
    outcome = Outcome.objects.get(person=teacher)
    assert outcome.self_reported
    page = client.get(_url(teacher))
    assert "Your leadership outcomes" in page.text
    assert "Self-reported" in page.text


def test_the_participants_list_reads_a_constant_number_of_queries(
    demo, login, django_assert_max_num_queries
):
    client = login("leadership-lead")
    url = reverse("leadership:participants", args=["southwark"])
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert "Promoted to" in response.text


def test_the_pipeline_page_shows_the_share(demo, login, django_assert_max_num_queries):
    client = login("board")
    client.get(reverse("leadership:pipeline", args=["southwark"]))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("leadership:pipeline", args=["southwark"]))
    assert "Promotion or system leadership" in response.text
    assert "Talent pool" not in response.text  # the board reads the figures, not the names


def test_a_person_outside_the_alliance_is_not_there(demo, login):
    outsider = Person.objects.create(full_name="Nobody Here")
    assert login("leadership-lead").get(_url(outsider)).status_code == 404


# --- issue 23: recorded in the person's own alliance, by them or its leadership managers -------


def test_someone_of_another_alliance_records_no_outcome_here(demo, login):
    # Tandridge's director is on none of Southwark's schools or programmes.
    director = Person.objects.get(user__email="tandridge-director@demo.test")
    client = login("tandridge-director")
    data = {"kind": "system_role", "system_role": "sle", "happened_on": "2026-07-01"}
    assert client.get(_url(director)).status_code == 404
    assert client.post(_url(director), data).status_code == 404
    nominations = reverse("leadership:nomination-list", args=["southwark"])
    assert _url(director) not in client.get(nominations).text  # no link to a page not there
    assert not Outcome.objects.filter(person=director).exists()


def test_nobody_records_for_someone_else_without_managing_the_pipeline(demo, login, teacher):
    data = {"kind": "system_role", "system_role": "sle", "happened_on": "2026-07-01"}
    for persona in ("tandridge-director", "head", "board"):
        assert login(persona).post(_url(teacher), data).status_code == 403
    assert not Outcome.objects.filter(person=teacher).exists()


def test_the_service_records_only_someone_of_the_alliance(demo):
    director = Person.objects.get(user__email="tandridge-director@demo.test")
    perms = perms_for(director, demo.southwark)
    outcome = Outcome(kind="system_role", system_role="sle", happened_on=datetime.date(2026, 7, 1))
    with pytest.raises(ValidationError, match="recorded in their own alliance"):
        outcome_record(perms=perms, person=director, outcome=outcome)
    assert not Outcome.objects.filter(person=director).exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_it_refuses_a_date_outside_the_years_served(demo, login, teacher, day):
    response = login("teacher").post(
        _url(teacher), {"kind": "qualification", "qualification": "npqltd", "happened_on": day}
    )
    assert "Enter a date between 2000 and 2100." in response.text
    assert not Outcome.objects.filter(person=teacher).exists()
