"""A person's "Download my data" holds the talent pool nominations of them and the leadership
outcomes recorded for them; nobody else's (issue 23)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from leadership.models import Nomination, Outcome, OutcomeKind

pytestmark = pytest.mark.django_db


def _download(login, persona: str) -> dict:
    return login(persona).get(reverse("personal-data-download")).json()


def test_it_gives_the_nominee_their_nomination_with_their_heads_words(login, demo):
    mine = Nomination.objects.get(person__user__email="teacher@demo.test")
    data = _download(login, "teacher")
    [nomination] = data["talent_pool_nominations"]
    assert nomination["note"] == mine.note
    assert nomination["nominated_by"] == mine.nominated_by.full_name
    assert nomination["status"] == "Waiting for their agreement"
    others = Nomination.objects.exclude(pk=mine.pk)
    assert not any(other.note in str(data) for other in others)
    assert not any(other.person.full_name in str(data) for other in others)


def test_it_gives_the_nominating_head_none_of_their_staffs_nominations(login, demo):
    mine = Nomination.objects.get(person__user__email="teacher@demo.test")
    data = _download(login, "head")
    assert data["talent_pool_nominations"] == []
    assert mine.note not in str(data)


def test_it_gives_a_person_the_outcomes_recorded_for_them(login, demo):
    teacher = demo.user("teacher").person
    Outcome.objects.create(
        alliance=demo.southwark,
        person=teacher,
        kind=OutcomeKind.PROMOTION,
        role_title="Deputy headteacher",
        organisation=teacher.organisation,
        happened_on=datetime.date(2025, 9, 1),
        note="Appointed after NPQSL.",
        recorded_by=demo.user("leadership-lead").person,
    )
    data = _download(login, "teacher")
    [outcome] = data["leadership_outcomes"]
    assert outcome["summary"] == f"Promoted to Deputy headteacher, {teacher.organisation.name}"
    assert outcome["note"] == "Appointed after NPQSL." and outcome["reported_by_them"] is False
    assert "Appointed after NPQSL." not in str(_download(login, "head"))
    someone = Outcome.objects.exclude(person=teacher).select_related("person").first()
    assert someone.person.full_name not in str(data)
