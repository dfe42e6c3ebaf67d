"""The programmes sections of "Download my data": bookings and attendance, cohort applications
and enrolments, the right to book for a school, and the programmes a person facilitates."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from alliance.personal_data import Held, personal_data_left_out, personal_data_section
from programmes.models import Booker, Booking, BookingGroup, Enrolment, EnrolmentEvent, Programme


@personal_data_section("bookings", models=[Held(Booking, person="delegate")])
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


@personal_data_section(
    "programme_enrolments",
    models=[
        Held(Enrolment, person="participant"),
        Held(EnrolmentEvent, person="enrolment__participant"),
    ],
)
def enrolments_of(user: Any, person: Any) -> list[dict[str, Any]]:
    """Issue 15: the person's applications and enrolments on cohorts, with what they wrote."""
    if person is None:
        return []
    enrolments = (
        Enrolment.objects.filter(participant=person)
        .select_related("programme__alliance", "organisation")
        .prefetch_related(Prefetch("events", EnrolmentEvent.objects.order_by("at", "pk")))
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
            # Each step, without who took it (their head, the programme's lead: their data).
            "history": [
                {
                    "at": event.at,
                    "from": event.get_from_status_display(),
                    "to": event.get_to_status_display(),
                    "note": event.note,
                }
                for event in e.events.all()
            ],
        }
        for e in enrolments
    ]


@personal_data_section("booking_rights", models=[Held(Booker, person="person")])
def booking_rights_of(user: Any, person: Any) -> list[dict[str, Any]]:
    """The schools whose head lets them book CPD for the school."""
    if person is None:
        return []
    rights = Booker.objects.filter(person=person).select_related("organisation")
    return [{"school": b.organisation.name, "since": b.created_at} for b in rights.order_by("pk")]


@personal_data_section("programmes_facilitated", models=[Held(Programme, person="facilitators")])
def programmes_facilitated_by(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    programmes = (
        Programme.objects.filter(facilitators=person)
        .select_related("alliance")
        .order_by("title", "pk")
    )
    return [{"alliance": p.alliance.name, "programme": p.title} for p in programmes]


personal_data_left_out(
    BookingGroup,
    "One submission of the booking form; its only person, booked_by, is the head or booker who "
    "booked places for their staff, kept to say who did: a link to their person record, no "
    "copy of their name or address. Each place is its delegate's, in their 'bookings'.",
)
