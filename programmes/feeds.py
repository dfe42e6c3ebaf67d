"""The CPD sessions in a person's calendar feed (``alliance.feeds``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone

from alliance.feeds import calendar_feed_source
from alliance.ical import CalendarEvent
from members.models import Person
from programmes.models import ACTIVE_STATUSES, Booking, BookingStatus, SessionStatus

# Sessions longer ago than this have left the feed: calendars keep what they already hold.
FEED_HISTORY = datetime.timedelta(days=90)


@calendar_feed_source("cpd-sessions")
def booked_sessions(person: Person, base_url: str) -> Iterator[CalendarEvent]:
    """The sessions the person holds a place on (or is queueing for), at their current times.
    A cancelled session stays, as ``STATUS:CANCELLED``, so calendars that hold it take it out;
    a booking the school cancelled leaves the feed (the session goes on without them)."""
    bookings = (
        Booking.objects.filter(delegate=person, session__ends_at__gt=timezone.now() - FEED_HISTORY)
        .filter(Q(status__in=ACTIVE_STATUSES) | Q(session__status=SessionStatus.CANCELLED))
        .select_related("session__programme__alliance")
        .order_by("session__starts_at", "session_id", "pk")
    )
    seen: set[int] = set()
    for booking in bookings:
        session = booking.session
        if session.pk in seen:  # cancelled then booked again: one event
            continue
        seen.add(session.pk)
        waiting = booking.status == BookingStatus.WAITING
        yield CalendarEvent(
            uid=f"session-{session.pk}",  # as in the emailed .ics, so calendars keep one
            starts=session.starts_at,
            ends=session.ends_at,
            summary=session.programme.title + (" (waiting list)" if waiting else ""),
            location=session.where,
            description=session.programme.summary,
            url=f"{base_url}{session.programme.get_absolute_url()}",
            status="CANCELLED"
            if session.is_cancelled
            else ("TENTATIVE" if waiting else "CONFIRMED"),
        )
