"""Small builders for programme tests, on top of the demo alliances."""

from __future__ import annotations

import datetime
import html
import re
from decimal import Decimal
from itertools import count

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliance.permissions import perms_for
from members.models import Organisation, Person
from programmes.models import Audience, Programme, ProgrammeFormat, ProgrammeStatus, Session
from programmes.services import programmes_refresh_schedule
from strands.models import Strand

_serial = count()


def in_days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def bellenden(demo) -> Organisation:
    return Organisation.objects.get(name="Bellenden Road Primary School")


@pytest.fixture
def head(demo) -> Person:
    return demo.user("head").person


@pytest.fixture
def staff(bellenden):
    """Make ``n`` new members of Bellenden's staff."""

    def make(n: int) -> list[Person]:
        return [
            Person.objects.create(
                full_name=f"Staff {next(_serial)}",
                email=f"staff{next(_serial)}@bellenden.test",
                organisation=bellenden,
            )
            for _ in range(n)
        ]

    return make


@pytest.fixture
def make_programme(demo):
    def make(alliance=None, **fields) -> Programme:
        alliance = alliance or demo.southwark
        defaults = {
            "alliance": alliance,
            "strand": Strand.objects.get(alliance=alliance, kind="cpd"),
            "title": f"Test course {next(_serial)}",
            "summary": "A course for tests.",
            "led_by": Organisation.objects.get(name="Crampton Primary School"),
            "status": ProgrammeStatus.PUBLISHED,
            "member_price": Decimal("0"),
            "non_member_price": Decimal("0"),
        }
        programme = Programme.objects.create(**{**defaults, **fields})
        programme.audiences.set(Audience.objects.filter(code="teachers"))
        return programme

    return make


@pytest.fixture
def make_session(make_programme):
    def make(programme=None, *, capacity=10, days=10, deadline_days=None, **fields) -> Session:
        programme = programme or make_programme()
        starts = in_days(days)
        deadline = in_days(deadline_days) if deadline_days is not None else starts
        session = Session.objects.create(
            alliance=programme.alliance,
            programme=programme,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            booking_deadline=min(deadline, starts),
            venue="Crampton Primary School",
            capacity=capacity,
            **fields,
        )
        programmes_refresh_schedule(programme_ids=[programme.pk])
        return session

    return make


def book_url(programme_id: int, step: str = "create") -> str:
    """The booking form (``create``), its check page (``check``) or its confirm (``confirm``)."""
    return reverse(f"programmes:booking-{step}", args=["southwark", programme_id])


_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def confirm_answers(check_page) -> dict[str, list[str]]:
    """The hidden answers of the check page's "Confirm booking" form, as a browser posts them."""
    form = check_page.content.decode().split("/book/confirm/")[-1].split("</form>")[0]
    answers: dict[str, list[str]] = {}
    for name, value in _HIDDEN.findall(form):
        answers.setdefault(name, []).append(html.unescape(value))
    return answers


def book_through_check(client: Client, programme_id: int, data: dict, **kwargs):
    """Post the booking form, then confirm on the check page, as a head would: the answer to
    the confirm (or to the form, when it has errors and there is nothing to confirm)."""
    check = client.post(book_url(programme_id, "check"), data)
    if check.status_code != 200 or b"Confirm booking" not in check.content:
        return check
    return client.post(book_url(programme_id, "confirm"), confirm_answers(check), **kwargs)


# --- cohorts (issue 15) ---


@pytest.fixture
def make_cohort(make_programme, demo):
    """A published NPQSL cohort with ``sessions`` sessions a week apart from ``days`` on."""

    def make(
        *, places: int = 5, sessions: int = 3, days: float = 20, may_miss: int = 0, **fields
    ) -> Programme:
        alliance = fields.pop("alliance", demo.southwark)
        programme = make_programme(
            alliance=alliance,
            strand=Strand.objects.get(alliance=alliance, kind="leadership"),
            kind=fields.pop("kind", "npqsl"),
            format=ProgrammeFormat.COHORT,
            cohort_places=places,
            sessions_may_miss=may_miss,
            member_price=Decimal("950"),
            non_member_price=Decimal("1200"),
            **fields,
        )
        for index in range(sessions):
            starts = timezone.now() + datetime.timedelta(days=days + 7 * index)
            Session.objects.create(
                alliance=alliance,
                programme=programme,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                booking_deadline=starts - datetime.timedelta(days=2),
                venue="Charles Dickens Primary School",
                capacity=places,
            )
        programmes_refresh_schedule(programme_ids=[programme.pk])
        return programme

    return make


@pytest.fixture
def teacher(demo) -> Person:
    return demo.user("teacher").person


@pytest.fixture
def lead_perms(demo):
    return perms_for(demo.user("leadership-lead").person, demo.southwark)


@pytest.fixture
def director_perms(demo):
    return perms_for(demo.user("director").person, demo.southwark)


def other_head(demo) -> Person:
    """The chair, headteacher of another school than the teacher's."""
    return demo.user("chair").person
