"""Meetings are dated within the years the portal serves: 2000 to 2100."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.models import AcademicYear
from governance.models import Meeting
from tests.governance.test_meetings import _form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["0001", "2101", "1999"])
def test_it_refuses_a_meeting_outside_the_years_served_next_to_the_date(login, year):
    url = reverse("governance:meeting-create", args=["southwark"])
    data = _form(starts_at=f"{year}-10-01T18:00", ends_at=f"{year}-10-01T20:00")
    response = login("chair").post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["starts_at"] == ["Enter a date between 2000 and 2100."]
    assert errors["ends_at"] == ["Enter a date between 2000 and 2100."]
    assert not Meeting.objects.filter(title=data["title"]).exists()
    assert not AcademicYear.objects.filter(start_year__lt=2000).exists()


def test_it_refuses_to_move_a_meeting_to_year_one(login):
    meeting = Meeting.objects.filter(alliance__slug="southwark").first()
    url = reverse("governance:meeting-edit", args=["southwark", meeting.pk])
    data = _form(starts_at="0001-10-01T18:00", ends_at="0001-10-01T20:00")
    response = login("chair").post(url, data)
    assert response.status_code == 200
    assert "Enter a date between 2000 and 2100." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.starts_at.year >= 2000


@pytest.mark.parametrize("start_year", [0, 2101])
def test_it_shows_the_pages_of_years_even_with_a_year_stored_outside_them(login, start_year):
    AcademicYear.objects.create(start_year=start_year)
    for persona, url in [
        ("chair", reverse("governance:meeting-list", args=["southwark"])),
        ("chair", reverse("governance:meeting-list", args=["southwark"]) + f"?year={start_year}"),
        ("director", reverse("strands:board", args=["southwark"])),
        ("director", reverse("strands:funded-time", args=["southwark"])),
        ("chair", reverse("alliance:role-home", args=["southwark"])),
    ]:
        assert login(persona).get(url).status_code == 200, url
