"""The one iCalendar builder: CPD sessions and governance meetings both go into calendars."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import icalendar
from django.utils import timezone


def event_ics(*, uid: str, product: str, status: str = "", **event: object) -> bytes:
    """One event as an iCalendar file. A ``CANCELLED`` event is sent with ``METHOD:CANCEL`` so
    that calendars which hold it remove it, rather than adding a second copy."""
    return events_ics(
        product=product,
        events=[{"uid": uid, "status": status, **event}],
        cancel=status == "CANCELLED",
    )


def events_ics(*, product: str, events: Iterable[dict], cancel: bool = False) -> bytes:
    """Several events in one iCalendar file (every session of a booking, say). Each event
    takes the keyword arguments of ``event_ics`` but ``product``."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Alliance Portal//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "PUBLISH")
    for fields in events:
        calendar.add_component(_event(**fields))
    return calendar.to_ical()


def _event(
    *,
    uid: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    summary: str,
    location: str,
    description: str,
    url: str = "",
    status: str = "",
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@alliance-portal")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", summary)
    event.add("location", location)
    event.add("description", description)
    if url:
        event.add("url", url)
    if status:
        event.add("status", status)
    return event
