"""The last places of a cohort (issue 15), taken at the same moment, on PostgreSQL: accepting
takes a place under the programme's row lock, so the cohort never takes more than it has; and
one person's application sent many times at once is one application."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from programmes import cohorts
from programmes.models import Booking, BookingStatus, EnrolmentStatus

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 12


def _race(work, args_list) -> dict[str, int]:
    outcomes = {"done": 0, "refused": 0, "errors": 0}
    lock = threading.Lock()
    start = threading.Barrier(len(args_list))

    def run(*args):
        try:
            start.wait()
            work(*args)
            key = "done"
        except ValidationError:
            key = "refused"
        except Exception:  # any other failure fails the test below
            key = "errors"
        finally:
            connection.close()
        with lock:
            outcomes[key] += 1

    threads = [threading.Thread(target=run, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_accepts_never_take_more_than_the_last_places(
    make_cohort, staff, head, lead_perms
):
    assert connection.vendor == "postgresql"
    programme = make_cohort(places=3, sessions=2)
    applications = [
        cohorts.apply(actor=head, programme=programme, participant=person)
        for person in staff(THREADS)
    ]

    def accept(enrolment):
        cohorts.decide(perms=lead_perms, enrolment=enrolment, decision="accepted")

    outcomes = _race(accept, [(e,) for e in applications])
    assert outcomes == {"done": 3, "refused": THREADS - 3, "errors": 0}
    programme.refresh_from_db()
    assert programme.cohort_places_taken == 3
    assert programme.enrolments.filter(status=EnrolmentStatus.ACCEPTED).count() == 3
    for session in programme.sessions.all():
        assert session.places_taken == 3
        assert Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED).count() == 3


def test_direct_enrolments_at_once_fill_the_cohort_exactly(make_cohort, staff):
    programme = make_cohort(places=4, sessions=1)

    def enrol(person):
        cohorts.enrol(programme=programme, participant=person, by=None)

    outcomes = _race(enrol, [(p,) for p in staff(THREADS)])
    assert outcomes == {"done": 4, "refused": THREADS - 4, "errors": 0}
    programme.refresh_from_db()
    assert programme.cohort_places_taken == 4


def test_one_application_sent_many_times_at_once_is_one(make_cohort, teacher):
    programme = make_cohort()

    def apply():
        cohorts.apply(actor=teacher, programme=programme, participant=teacher)

    outcomes = _race(apply, [() for _ in range(THREADS)])
    assert outcomes == {"done": 1, "refused": THREADS - 1, "errors": 0}
    assert programme.enrolments.count() == 1
