"""The last places of a cohort (issue 15), taken at the same moment, on PostgreSQL: accepting
takes a place under the programme's row lock, so the cohort never takes more than it has; and
one person's application sent many times at once is one application."""

from __future__ import annotations

from functools import partial

import pytest
from django.db import connection

from programmes import cohorts
from programmes.models import Booking, BookingStatus, EnrolmentStatus
from tests.races import at_once

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 12


def test_concurrent_accepts_never_take_more_than_the_last_places(
    make_cohort, staff, head, lead_perms
):
    assert connection.vendor == "postgresql"
    programme = make_cohort(places=3, sessions=2)
    applications = [
        cohorts.apply(actor=head, programme=programme, participant=person)
        for person in staff(THREADS)
    ]
    race = at_once(
        [
            partial(cohorts.decide, perms=lead_perms, enrolment=enrolment, decision="accepted")
            for enrolment in applications
        ]
    )
    assert race.errors == []
    # The last three places taken, the rest refused; fewer taken only when fewer were answered,
    # the others being asked to try again.
    accepted = min(3, THREADS - race.busy)
    assert (len(race.done), len(race.refused)) == (accepted, THREADS - race.busy - accepted)
    programme.refresh_from_db()
    assert programme.cohort_places_taken == accepted
    assert programme.enrolments.filter(status=EnrolmentStatus.ACCEPTED).count() == accepted
    for session in programme.sessions.all():
        assert session.places_taken == accepted
        confirmed = Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED)
        assert confirmed.count() == accepted


def test_direct_enrolments_at_once_fill_the_cohort_exactly(make_cohort, staff):
    programme = make_cohort(places=4, sessions=1)
    race = at_once(
        [
            partial(cohorts.enrol, programme=programme, participant=person, by=None)
            for person in staff(THREADS)
        ]
    )
    assert race.errors == []
    enrolled = min(4, THREADS - race.busy)  # exactly full, unless too few were answered
    assert (len(race.done), len(race.refused)) == (enrolled, THREADS - race.busy - enrolled)
    programme.refresh_from_db()
    assert programme.cohort_places_taken == enrolled


def test_one_application_sent_many_times_at_once_is_one(make_cohort, teacher):
    programme = make_cohort()
    race = at_once(
        [partial(cohorts.apply, actor=teacher, programme=programme, participant=teacher)] * THREADS
    )
    assert race.errors == []
    once = min(1, THREADS - race.busy)  # one, unless every one was asked to try again
    assert (len(race.done), len(race.refused)) == (once, THREADS - race.busy - once)
    assert programme.enrolments.count() == once
