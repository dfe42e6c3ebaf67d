"""The one iCalendar builder: CPD sessions and governance meetings both go into calendars."""

from __future__ import annotations

import datetime

import icalendar
from django.utils import timezone


def event_ics(
    *,
    uid: str,
    product: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    summary: str,
    location: str,
    description: str,
    url: str = "",
    status: str = "",
) -> bytes:
    """One event as an iCalendar file. A ``CANCELLED`` event is sent with ``METHOD:CANCEL`` so
    that calendars which hold it remove it, rather than adding a second copy."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Alliance Portal//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if status == "CANCELLED" else "PUBLISH")
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
    calendar.add_component(event)
    return calendar.to_ical()
