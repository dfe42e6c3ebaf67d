"""The bookings and attendance a person's "Download my data" file holds."""

from __future__ import annotations

from typing import Any

from alliance.personal_data import personal_data_section
from programmes.models import Booking


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
