"""Many headteachers booking the last places at the same moment, on PostgreSQL."""

from __future__ import annotations

from functools import partial

import pytest
from django.db import connection

from alliance.models import AcademicYear, Role, RoleAssignment
from members.models import Organisation, Person
from programmes.models import Booking, BookingStatus
from programmes.services import booking_create
from tests.races import Race, at_once

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 24


def _heads_with_staff(demo, n: int) -> list[tuple[Person, Organisation, Person]]:
    """``n`` schools, each with a headteacher and one member of staff."""
    year = AcademicYear.current()
    result = []
    for index in range(n):
        school = Organisation.objects.create(name=f"Concurrency School {index}")
        head = Person.objects.create(full_name=f"Head {index}", organisation=school)
        RoleAssignment.objects.create(
            alliance=demo.southwark,
            academic_year=year,
            person=head,
            role=Role.HEADTEACHER,
            organisation=school,
            starts_on=year.starts_on,
        )
        school.memberships.create(alliance=demo.southwark, academic_year=year, kind="member_school")
        teacher = Person.objects.create(full_name=f"Teacher {index}", organisation=school)
        result.append((head, school, teacher))
    return result


def _race(session, bookers, *, join_waiting_list: bool) -> Race:
    return at_once(
        [
            partial(
                booking_create,
                actor=head,
                organisation=school,
                sessions=[session],
                delegates=[teacher],
                join_waiting_list=join_waiting_list,
            )
            for head, school, teacher in bookers
        ]
    )


def test_it_never_overbooks_when_many_book_the_last_places_at_once(demo, make_session):
    assert connection.vendor == "postgresql"
    session = make_session(capacity=5)
    race = _race(session, _heads_with_staff(demo, THREADS), join_waiting_list=False)
    # Everyone is answered: booked, refused as the session is full, or (on a busy machine) asked
    # to try again after waiting past the lock timeout. Nobody meets an error.
    assert race.errors == []
    assert race.answered == THREADS
    assert len(race.done) == min(5, THREADS - race.busy), race
    session.refresh_from_db()
    assert session.places_taken == 5
    assert session.bookings.filter(status=BookingStatus.CONFIRMED).count() == 5


def test_it_queues_everyone_beyond_capacity_in_order_under_contention(demo, make_session):
    session = make_session(capacity=7)
    race = _race(session, _heads_with_staff(demo, THREADS), join_waiting_list=True)
    assert race.errors == [] and race.refused == []
    assert race.answered == THREADS
    booked = len(race.done)  # all of them, unless some were asked to try again
    confirmed = min(7, booked)
    statuses = list(Booking.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(BookingStatus.CONFIRMED) == confirmed
    assert statuses.count(BookingStatus.WAITING) == booked - confirmed
    session.refresh_from_db()
    assert (session.places_taken, session.waiting_count) == (confirmed, booked - confirmed)
