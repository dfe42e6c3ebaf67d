"""Bookings join the audit log, and a person's data file holds their bookings, nobody else's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.models import AuditEntry, AuditKind
from programmes.services import booking_cancel, booking_create, offer_accept
from tests.programmes.conftest import book_through_check

pytestmark = pytest.mark.django_db


def test_it_records_a_booking_and_its_cancellation(login, demo, staff, make_session):
    session = make_session()
    people = staff(2)
    client = login("head")
    book_through_check(
        client,
        session.programme_id,
        {"sessions": [session.pk], "delegates": [p.pk for p in people], "join_waiting_list": "on"},
    )
    made = AuditEntry.objects.get(kind=AuditKind.BOOKING_MADE)
    assert made.actor == demo.user("head")
    assert made.alliance == demo.southwark
    assert made.subject == session.programme.title
    assert people[0].full_name in made.detail and people[1].full_name in made.detail
    booking = session.bookings.get(delegate=people[0])
    client.post(reverse("programmes:booking-cancel", args=["southwark", booking.pk]))
    cancelled = AuditEntry.objects.get(kind=AuditKind.BOOKING_CANCELLED)
    assert cancelled.actor == demo.user("head")
    assert cancelled.subject_id == str(booking.pk)


def test_it_puts_my_bookings_and_nobody_elses_in_my_data(
    login, demo, head, bellenden, staff, make_session
):
    mine, theirs = make_session(), make_session()
    colleague = staff(1)[0]
    booking_create(actor=head, organisation=bellenden, sessions=[mine], delegates=[head])
    booking_create(actor=head, organisation=bellenden, sessions=[theirs], delegates=[colleague])
    data = login("head").get(reverse("personal-data-download")).json()
    # The demo head has bookings of their own already (the peer review training): of these two,
    # only their own place is in their data.
    made_here = {mine.programme.title, theirs.programme.title}
    bookings = [b for b in data["bookings"] if b["programme"] in made_here]
    assert [b["programme"] for b in bookings] == [mine.programme.title]
    assert bookings[0]["status"] == "Confirmed"
    assert colleague.full_name not in str(data)


def test_it_records_an_offered_place_taken_up_and_a_cancelled_session(
    login, demo, head, bellenden, staff, make_session
):
    session = make_session(capacity=1, days=10)
    first, waiting = staff(2)
    booked, offered = booking_create(
        actor=head, organisation=bellenden, sessions=[session], delegates=[first, waiting]
    )
    booking_cancel(actor=head, booking=booked)
    offer_accept(actor=head, booking=offered)
    taken_up = AuditEntry.objects.get(kind=AuditKind.OFFER_ACCEPTED)
    assert (taken_up.actor, taken_up.subject_id) == (demo.user("head"), str(offered.pk))
    assert waiting.full_name in taken_up.detail

    login("director").post(reverse("programmes:session-cancel", args=["southwark", session.pk]))
    cancelled = AuditEntry.objects.get(kind=AuditKind.SESSION_CANCELLED)
    assert (cancelled.actor, cancelled.alliance) == (demo.user("director"), demo.southwark)
    assert cancelled.subject_id == str(session.pk)
    assert "1 booking(s) cancelled" in cancelled.detail
