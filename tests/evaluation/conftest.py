"""Builders for feedback tests: a CPD course of past sessions with delegates booked on it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from alliance.permissions import perms_for
from evaluation.models import FeedbackRequest
from evaluation.services import feedback_requests_create, token_of
from members.models import Organisation, Person
from programmes.models import Booking, BookingStatus, Programme, ProgrammeStatus, Session
from programmes.services import attendance_mark
from strands.models import Strand

_serial = count()


@dataclass
class Course:
    programme: Programme
    sessions: list[Session]
    delegates: list[Person]

    def place(self, session: Session, person: Person) -> Booking:
        return Booking.objects.get(session=session, delegate=person)


@pytest.fixture
def make_course(demo):
    def make(*, sessions: int = 1, delegates: int = 3, ended_days_ago: float = 1) -> Course:
        crampton = Organisation.objects.get(name="Crampton Primary School")
        programme = Programme.objects.create(
            alliance=demo.southwark,
            strand=Strand.objects.get(alliance=demo.southwark, kind="cpd"),
            title=f"Questioning that makes pupils think {next(_serial)}",
            summary="A course for tests.",
            led_by=crampton,
            status=ProgrammeStatus.PUBLISHED,
            member_price=Decimal("0"),
            non_member_price=Decimal("0"),
        )
        people = [
            Person.objects.create(
                full_name=f"Delegate {n}",
                email=f"delegate{next(_serial)}@crampton.test",
                organisation=crampton,
            )
            for n in range(delegates)
        ]
        last_end = timezone.now() - datetime.timedelta(days=ended_days_ago)
        made = []
        for number in range(sessions):
            ends = last_end - datetime.timedelta(days=7 * (sessions - 1 - number))
            made.append(
                Session.objects.create(
                    alliance=demo.southwark,
                    programme=programme,
                    starts_at=ends - datetime.timedelta(hours=2),
                    ends_at=ends,
                    booking_deadline=ends - datetime.timedelta(days=3),
                    capacity=20,
                    places_taken=delegates,
                )
            )
        Booking.objects.bulk_create(
            Booking(
                session=session,
                delegate=person,
                organisation=crampton,
                status=BookingStatus.CONFIRMED,
            )
            for session in made
            for person in people
        )
        return Course(programme, made, people)

    return make


@pytest.fixture
def mark(demo):
    """Mark a register as the director does: ``mark(session, {person: "attended"})``."""

    def _mark(session: Session, marks: dict[Person, str]) -> int:
        perms = perms_for(demo.user("director").person, demo.southwark)
        ids = {
            Booking.objects.get(session=session, delegate=person).pk: value
            for person, value in marks.items()
        }
        return attendance_mark(perms=perms, session=session, marks=ids)

    return _mark


@pytest.fixture
def open_link(make_course):
    """An open feedback link for a delegate's place on a session: (request, token)."""

    def make(course=None) -> tuple[FeedbackRequest, str]:
        course = course or make_course()
        booking = course.place(course.sessions[0], course.delegates[0])
        feedback_requests_create(session=course.sessions[0], attended=[booking])
        found = FeedbackRequest.objects.get(booking=booking)
        return found, token_of(found)

    return make
