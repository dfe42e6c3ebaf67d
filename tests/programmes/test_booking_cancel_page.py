"""Cancelling asks first on its own page, then says what happened; a place cancelled in time
costs nothing, a late one shows its charge and why."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliance.permissions import perms_for
from programmes.models import Booking, BookingStatus, Session
from programmes.services import booking_cancel, booking_create, session_cancel
from tests.programmes.conftest import in_days

pytestmark = pytest.mark.django_db


def _cancel_url(booking) -> str:
    return reverse("programmes:booking-cancel", args=["southwark", booking.pk])


@pytest.fixture
def priced(head, bellenden, staff, make_programme, make_session):
    """£50 places of the head's staff, booked while open; bookings close ``deadline_days`` from
    now (less than 0: they have closed, and cancelling now is late)."""

    def book(*, deadline_days: float = 5, capacity: int = 10, people: int = 1):
        programme = make_programme(member_price=Decimal("50"))
        session = make_session(programme, capacity=capacity)
        bookings = booking_create(
            actor=head, organisation=bellenden, sessions=[session], delegates=staff(people)
        )
        Session.objects.filter(pk=session.pk).update(booking_deadline=in_days(deadline_days))
        return [Booking.objects.select_related("session").get(pk=b.pk) for b in bookings]

    return book


def test_the_page_asks_first_and_writes_nothing(login, priced):
    [booking] = priced()
    client = login("head")
    with CaptureQueriesContext(connection) as captured:
        page = client.get(_cancel_url(booking))
    sql = [q["sql"] for q in captured.captured_queries if "django_session" not in q["sql"]]
    assert not [q for q in sql if q.startswith(("INSERT", "UPDATE", "DELETE"))]
    html = page.content.decode()
    assert "Cancel this place?" in html
    assert booking.delegate.full_name in html
    assert "Nothing: it is before the booking deadline" in html
    assert "the £50.00 for this place is no longer due" in html
    assert "Nobody is waiting" in html
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_it_says_the_place_goes_to_the_waiting_list(login, priced):
    first, _waiting = priced(capacity=1, people=2)
    html = login("head").get(_cancel_url(first)).content.decode()
    assert "1 person is on the waiting list: the place is offered to the first in line" in html


def test_a_place_cancelled_in_time_costs_nothing_in_the_page_and_the_csv(login, priced):
    [booking] = priced()
    client = login("head")
    done = client.post(_cancel_url(booking), follow=True).content.decode()
    assert "Nothing to pay for it." in done
    booking.refresh_from_db()
    assert (booking.status, booking.price_due) == (BookingStatus.CANCELLED, Decimal("0"))
    assert "£50.00" not in done
    csv = client.get(reverse("programmes:booking-export", args=["southwark"]))
    [row] = [
        line
        for line in b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()
        if booking.delegate.email in line
    ]
    assert row.endswith(",0.00")


def test_a_late_cancellation_shows_the_charge_and_why(login, priced):
    [booking] = priced(deadline_days=-0.1)  # bookings closed a couple of hours ago
    client = login("head")
    html = client.get(_cancel_url(booking)).content.decode()
    assert "this is a <strong>late cancellation</strong>" in html
    assert "the £50.00 for this place is still due" in html
    done = client.post(_cancel_url(booking), follow=True).content.decode()
    assert "It was after the booking deadline: £50.00 is still due." in done
    assert "Late cancellation: cancelled after the deadline of" in done
    booking.refresh_from_db()
    assert (booking.cancelled_late, booking.price_due) == (True, Decimal("50"))


def test_leaving_the_waiting_list_costs_nothing_even_late(head, priced):
    _first, waiting = priced(capacity=1, people=2, deadline_days=-0.1)
    cancelled = booking_cancel(actor=head, booking=waiting)
    assert (cancelled.cancelled_late, cancelled.price_due) == (False, Decimal("0"))


def test_a_session_the_alliance_cancels_costs_nobody_anything(demo, priced):
    [booking] = priced()
    session = Session.objects.select_related("programme").get(pk=booking.session_id)
    session_cancel(perms=perms_for(demo.user("director").person, demo.southwark), session=session)
    assert Booking.objects.get(pk=booking.pk).price_due == Decimal("0")


def test_another_schools_head_cannot_see_or_cancel_it(login, priced):
    [booking] = priced()
    chair = login("chair")
    assert chair.get(_cancel_url(booking)).status_code == 404
    assert chair.post(_cancel_url(booking)).status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_the_deadline_rule_lives_on_the_booking(priced):
    [booking] = priced(deadline_days=2)
    assert not booking.cancels_late()
    assert booking.cancels_late(in_days(3))
