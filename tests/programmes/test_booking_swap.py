"""Giving a booked person's place to a colleague from the same school, on the same sessions,
without the place ever being free for someone else."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alliance.models import AuditEntry, AuditKind
from members.models import Organisation, Person
from programmes.models import Booking, BookingStatus, Session
from programmes.services import booking_create, booking_swap

pytestmark = pytest.mark.django_db


def _swap_url(booking) -> str:
    return reverse("programmes:booking-swap", args=["southwark", booking.pk])


@pytest.fixture
def two_sessions(head, bellenden, staff, make_programme, make_session):
    """One of the staff booked on both sessions of a programme, the second one full."""
    programme = make_programme()
    sessions = [make_session(programme, days=10), make_session(programme, days=20, capacity=1)]
    [booked] = staff(1)
    bookings = booking_create(
        actor=head, organisation=bellenden, sessions=sessions, delegates=[booked]
    )
    return sessions, bookings


def test_a_colleague_takes_the_places_on_every_session_of_the_booking(
    login, demo, staff, two_sessions
):
    sessions, bookings = two_sessions
    [colleague] = staff(1)
    before = [
        (s.places_taken, s.waiting_count)
        for s in Session.objects.order_by("pk").filter(pk__in=[s.pk for s in sessions])
    ]
    response = login("head").post(_swap_url(bookings[0]), {"colleague": colleague.pk}, follow=True)
    assert f"{colleague.full_name} now has the place of" in response.content.decode()
    for booking in bookings:
        booking.refresh_from_db()
        assert booking.delegate == colleague
        assert booking.status == BookingStatus.CONFIRMED  # the place kept, never freed
    after = [
        (s.places_taken, s.waiting_count)
        for s in Session.objects.order_by("pk").filter(pk__in=[s.pk for s in sessions])
    ]
    assert after == before
    entry = AuditEntry.objects.get(kind=AuditKind.BOOKING_SWAPPED)
    assert entry.actor == demo.user("head")
    assert colleague.full_name in entry.detail and "replaced by" in entry.detail


def test_only_a_colleague_from_the_same_school(head, two_sessions):
    _sessions, bookings = two_sessions
    outsider = Person.objects.create(
        full_name="Not Mine",
        organisation=Organisation.objects.get(name="Albion Street Primary School"),
    )
    with pytest.raises(PermissionDenied):
        booking_swap(actor=head, booking=bookings[0], colleague=outsider)
    assert Booking.objects.filter(delegate=outsider).count() == 0


def test_the_page_offers_only_the_schools_staff_and_refuses_a_tampered_id(login, two_sessions):
    _sessions, bookings = two_sessions
    outsider = Person.objects.create(
        full_name="Not Mine",
        organisation=Organisation.objects.get(name="Albion Street Primary School"),
    )
    client = login("head")
    assert "Not Mine" not in client.get(_swap_url(bookings[0])).content.decode()
    response = client.post(_swap_url(bookings[0]), {"colleague": outsider.pk})
    assert "Choose a colleague from the same school." in response.content.decode()
    assert not Booking.objects.filter(delegate=outsider).exists()


def test_it_refuses_a_colleague_already_on_one_of_the_sessions(
    head, bellenden, staff, two_sessions
):
    sessions, bookings = two_sessions
    [colleague] = staff(1)
    booking_create(
        actor=head, organisation=bellenden, sessions=[sessions[0]], delegates=[colleague]
    )
    with pytest.raises(ValidationError, match="already has a place"):
        booking_swap(actor=head, booking=bookings[0], colleague=colleague)
    assert all(
        Booking.objects.get(pk=b.pk).delegate_id == bookings[0].delegate_id for b in bookings
    )


def test_another_schools_head_cannot_swap(login, staff, two_sessions):
    _sessions, bookings = two_sessions
    [colleague] = staff(1)
    response = login("chair").post(_swap_url(bookings[0]), {"colleague": colleague.pk})
    assert response.status_code == 404
    assert not Booking.objects.filter(delegate=colleague).exists()


def test_a_cancelled_place_cannot_be_given_away(head, staff, two_sessions):
    from programmes.services import booking_cancel

    _sessions, bookings = two_sessions
    for booking in bookings:
        booking_cancel(actor=head, booking=booking)
    with pytest.raises(ValidationError, match="already cancelled"):
        booking_swap(actor=head, booking=bookings[0], colleague=staff(1)[0])


def test_giving_the_same_place_twice_says_so_and_changes_nothing_more(head, staff, two_sessions):
    _sessions, bookings = two_sessions
    [colleague] = staff(1)
    stale = Booking.objects.get(pk=bookings[0].pk)  # as a second click's request read it
    booking_swap(actor=head, booking=bookings[0], colleague=colleague)
    with pytest.raises(ValidationError, match="already has this place"):
        booking_swap(actor=head, booking=stale, colleague=colleague)
    assert AuditEntry.objects.filter(kind=AuditKind.BOOKING_SWAPPED).count() == 1
