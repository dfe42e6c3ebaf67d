"""A person's "Download my data" holds their cohort enrolments with each step, the schools they
may book for, and the programmes they facilitate (issue 23)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from programmes import cohorts
from programmes.models import Booker, Programme

pytestmark = pytest.mark.django_db


def _download(login, persona: str) -> dict:
    return login(persona).get(reverse("personal-data-download")).json()


def test_it_gives_a_participant_each_step_of_their_enrolment(login, make_cohort, teacher):
    programme = make_cohort()
    cohorts.apply(actor=teacher, programme=programme, participant=teacher, note="Maths lead")
    [enrolment] = _download(login, "teacher")["programme_enrolments"]
    assert enrolment["history"] and enrolment["history"][0]["to"]
    assert _download(login, "head")["programme_enrolments"] == []


def test_it_gives_a_booker_the_school_they_may_book_for(login, demo, teacher):
    Booker.objects.create(
        organisation=teacher.organisation, person=teacher, granted_by=demo.user("head").person
    )
    [right] = _download(login, "teacher")["booking_rights"]
    assert right["school"] == "Bellenden Road Primary School"
    assert _download(login, "head")["booking_rights"] == []


def test_it_gives_a_facilitator_the_programmes_they_facilitate_and_no_others(login, demo):
    theirs = set(
        Programme.objects.filter(facilitators__user__email="sle@demo.test").values_list(
            "title", flat=True
        )
    )
    data = _download(login, "sle")
    assert {p["programme"] for p in data["programmes_facilitated"]} == theirs
    cpd_leads = Programme.objects.filter(facilitators__user__email="cpd-lead@demo.test")
    assert not {p.title for p in cpd_leads} & {
        p["programme"] for p in data["programmes_facilitated"]
    }
    assert _download(login, "teacher")["programmes_facilitated"] == []
