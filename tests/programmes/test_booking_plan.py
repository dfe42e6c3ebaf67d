"""What a booking would cost and who would wait, worked out for the check page without a
query; and the confirmation page reads the same few queries however large the booking."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from programmes.models import Booking, BookingGroup, BookingStatus, Session
from programmes.selectors import booking_plan
from programmes.services import booking_create

pytestmark = pytest.mark.django_db


def _session(pk: int, capacity: int, taken: int = 0) -> Session:
    return Session(pk=pk, capacity=capacity, places_taken=taken, starts_at=timezone.now())


def test_member_places_add_up_per_delegate_and_session():
    plan = booking_plan(
        sessions=[_session(1, 10), _session(2, 10)], names=["A", "B"], price=Decimal("50")
    )
    assert (plan.total, plan.in_words) == (Decimal("100") * 2, "2 people on 2 sessions (4 places)")


def test_places_beyond_those_left_wait_and_cost_nothing():
    plan = booking_plan(
        sessions=[_session(1, 10, taken=9)], names=["A", "B", "C"], price=Decimal("35")
    )
    assert [p.status for p in plan.places] == ["confirmed", "waiting", "waiting"]
    assert plan.total == Decimal("35")
    assert plan.waiting_people == [("B", 1), ("C", 1)]


def test_one_person_on_one_session_is_said_plainly():
    plan = booking_plan(sessions=[_session(1, 1)], names=["A"], price=Decimal("0"))
    assert (plan.in_words, plan.total) == ("1 person on 1 session", Decimal("0"))


@pytest.mark.parametrize("people", [2, 12])
def test_the_confirmation_page_reads_the_same_few_queries_however_many_places(
    people,
    login,
    head,
    bellenden,
    staff,
    make_programme,
    make_session,
    django_assert_max_num_queries,
):
    programme = make_programme()
    sessions = [make_session(programme, days=10), make_session(programme, days=20)]
    [booking, *_] = booking_create(
        actor=head, organisation=bellenden, sessions=sessions, delegates=staff(people)
    )
    client = login("head")
    url = reverse("programmes:booking-confirmation", args=["southwark", booking.group.reference])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_the_migration_frees_places_cancelled_in_time_and_gives_old_bookings_a_reference(
    head, bellenden, staff, make_session
):
    [booking] = booking_create(
        actor=head, organisation=bellenden, sessions=[make_session()], delegates=staff(1)
    )
    BookingGroup.objects.filter(pk=booking.group_id).update(reference="", alliance=None)
    Booking.objects.filter(pk=booking.pk).update(
        status=BookingStatus.CANCELLED, price_due=Decimal("50")
    )
    migration = importlib.import_module(
        "programmes.migrations.0014_cancelled_in_time_costs_nothing"
    )
    migration.forward(apps, None)
    booking.refresh_from_db()
    booking.group.refresh_from_db()
    assert booking.price_due == 0
    assert booking.group.reference.startswith("STSA-")
