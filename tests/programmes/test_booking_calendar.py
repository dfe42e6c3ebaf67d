"""Add to calendar: one file for the whole booking, every session in it, with a file name
that says what and when."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.services import booking_create

pytestmark = pytest.mark.django_db


def test_one_file_holds_every_session_of_the_booking(
    login, head, bellenden, staff, make_programme, make_session
):
    programme = make_programme(title="Phonics: the next steps")
    sessions = [make_session(programme, days=10), make_session(programme, days=20)]
    [booking, *_] = booking_create(
        actor=head, organisation=bellenden, sessions=sessions, delegates=staff(2)
    )
    client = login("head")
    url = reverse("programmes:booking-calendar", args=["southwark", booking.group.reference])
    response = client.get(url)
    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar"
    first = timezone.localtime(sessions[0].starts_at).date().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="phonics-the-next-steps-{first}.ics"'
    )
    assert body.count("BEGIN:VEVENT") == 2
    for session in sessions:
        assert f"UID:session-{session.pk}@alliance-portal" in body
    page = client.get(reverse("programmes:booking-list", args=["southwark"])).content.decode()
    assert url in page and "Add to calendar" in page


def test_a_sessions_own_file_is_named_for_the_programme_and_date(
    login, make_programme, make_session
):
    session = make_session(make_programme(title="Outdoor learning"))
    url = reverse("programmes:session-calendar", args=["southwark", session.pk])
    response = login("anonymous").get(url)
    date = timezone.localtime(session.starts_at).date().isoformat()
    assert f'filename="outdoor-learning-{date}.ics"' in response["Content-Disposition"]
