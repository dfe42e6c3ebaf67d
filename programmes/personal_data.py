"""The bookings and attendance a person's "Download my data" file holds."""

from __future__ import annotations

from typing import Any

from alliance.personal_data import personal_data_section
from programmes.models import Booking, Enrolment


@personal_data_section("bookings")
def bookings_of(user: Any, person: Any) -> list[dict[str, Any]]:
    # Only the places where this person is the delegate: a head's bookings for their staff
    # are the staff's data, not the head's.
    if person is None:
        return []
    bookings = (
        Booking.objects.filter(delegate=person)
        .select_related("session__programme__alliance", "organisation")
        .order_by("session__starts_at", "pk")
    )
    return [
        {
            "alliance": b.session.programme.alliance.name,
            "programme": b.session.programme.title,
            "session_starts_at": b.session.starts_at,
            "venue": b.session.venue,
            "school": b.organisation.name if b.organisation else None,
            "status": b.get_status_display(),
            "booked_at": b.created_at,
            "cancelled_at": b.cancelled_at,
            "attendance": b.get_attendance_display(),
        }
        for b in bookings
    ]


@personal_data_section("programme_enrolments")
def enrolments_of(user: Any, person: Any) -> list[dict[str, Any]]:
    """Issue 15: the person's applications and enrolments on cohorts, with what they wrote."""
    if person is None:
        return []
    enrolments = (
        Enrolment.objects.filter(participant=person)
        .select_related("programme__alliance", "organisation")
        .order_by("applied_at", "pk")
    )
    return [
        {
            "alliance": e.programme.alliance.name,
            "programme": e.programme.title,
            "school": e.organisation.name if e.organisation else None,
            "status": e.get_status_display(),
            "applied_at": e.applied_at,
            "why_this_programme": e.application_note,
            "endorsed_at": e.endorsed_at,
            "decision": e.get_decision_display(),
            "decision_message": e.decision_message,
            "reason": e.reason,
            "completed_at": e.completed_at,
        }
        for e in enrolments
    ]
