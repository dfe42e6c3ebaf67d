"""Builders for the certificate and CPD record tests: past sessions and registers marked."""

from __future__ import annotations

import datetime
from decimal import Decimal
from itertools import count

from django.utils import timezone

from members.models import Organisation, Person
from programmes.models import (
    Attendance,
    Booking,
    BookingStatus,
    Programme,
    Session,
    SessionStatus,
)

_serial = count(1)


def past_session(
    programme: Programme, *, days_ago: int, hours: float = 2, cancelled: bool = False
) -> Session:
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    return Session.objects.create(
        alliance=programme.alliance,
        programme=programme,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        booking_deadline=starts - datetime.timedelta(days=1),
        venue="Crampton Primary School",
        capacity=20,
        status=SessionStatus.CANCELLED if cancelled else SessionStatus.SCHEDULED,
    )


def place(
    session: Session,
    person: Person,
    *,
    attendance: str = Attendance.ATTENDED,
    status: str = BookingStatus.CONFIRMED,
    price: str = "0",
    is_member: bool = True,
    cancelled_late: bool = False,
    school: Organisation | None = None,
) -> Booking:
    return Booking.objects.create(
        session=session,
        delegate=person,
        organisation=school or person.organisation,
        status=status,
        attendance=attendance,
        price_due=Decimal(price),
        is_member=is_member,
        cancelled_late=cancelled_late,
    )


def teacher(school: Organisation, name: str = "") -> Person:
    serial = next(_serial)
    return Person.objects.create(
        full_name=name or f"Teacher {serial}",
        email=f"teacher{serial}@cert.test",
        organisation=school,
    )
