"""Many headteachers booking the last places at the same moment, on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from alliance.models import AcademicYear, Role, RoleAssignment
from members.models import Organisation, Person
from programmes.models import Booking, BookingStatus
from programmes.services import booking_create

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


def _race(session, bookers, *, join_waiting_list: bool) -> dict[str, int]:
    outcomes = {"booked": 0, "refused": 0, "errors": 0}
    lock = threading.Lock()
    start = threading.Barrier(len(bookers))

    def book(head, school, teacher):
        try:
            start.wait()
            booking_create(
                actor=head,
                organisation=school,
                sessions=[session],
                delegates=[teacher],
                join_waiting_list=join_waiting_list,
            )
            key = "booked"
        except ValidationError:
            key = "refused"
        except Exception:  # any other failure must fail the test below
            key = "errors"
        finally:
            connection.close()
        with lock:
            outcomes[key] += 1

    threads = [threading.Thread(target=book, args=args) for args in bookers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_it_never_overbooks_when_many_book_the_last_places_at_once(demo, make_session):
    assert connection.vendor == "postgresql"
    session = make_session(capacity=5)
    outcomes = _race(session, _heads_with_staff(demo, THREADS), join_waiting_list=False)
    assert outcomes == {"booked": 5, "refused": THREADS - 5, "errors": 0}
    session.refresh_from_db()
    assert session.places_taken == 5
    assert session.bookings.filter(status=BookingStatus.CONFIRMED).count() == 5


def test_it_queues_everyone_beyond_capacity_in_order_under_contention(demo, make_session):
    session = make_session(capacity=7)
    outcomes = _race(session, _heads_with_staff(demo, THREADS), join_waiting_list=True)
    assert outcomes == {"booked": THREADS, "refused": 0, "errors": 0}
    statuses = list(Booking.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(BookingStatus.CONFIRMED) == 7
    assert statuses.count(BookingStatus.WAITING) == THREADS - 7
    session.refresh_from_db()
    assert (session.places_taken, session.waiting_count) == (7, THREADS - 7)
