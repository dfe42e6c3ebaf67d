"""A person's "Download my data" holds the agenda items they presented and what the minutes
record of their attendance (issue 23)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from governance.models import AgendaItem, MinutesAttendance

pytestmark = pytest.mark.django_db


def _download(login, persona: str) -> dict:
    return login(persona).get(reverse("personal-data-download")).json()


def test_it_gives_a_presenter_their_agenda_items_and_no_one_elses(login, demo):
    theirs = AgendaItem.objects.filter(presenter__user__email="finance@demo.test")
    data = _download(login, "finance")
    assert sorted(i["item"] for i in data["agenda_items_presented"]) == sorted(
        theirs.values_list("title", flat=True)
    )
    chairs = AgendaItem.objects.filter(presenter__user__email="chair@demo.test")
    assert not {i.title for i in chairs} & {i["item"] for i in data["agenda_items_presented"]}


def test_it_gives_a_person_what_the_minutes_record_of_their_attendance(login, demo):
    theirs = MinutesAttendance.objects.filter(person__user__email="head@demo.test")
    data = _download(login, "head")
    assert len(data["minutes_attendance"]) == theirs.count() > 0
    assert {row["present"] for row in data["minutes_attendance"]} <= {True, False}
    assert _download(login, "teacher")["minutes_attendance"] == []
