"""The one iCalendar builder: CPD sessions, governance meetings and each person's calendar
feed all go into calendars through it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar
from django.utils import timezone


@dataclass(frozen=True)
class CalendarEvent:
    """One event. ``starts``/``ends`` are datetimes, or dates for whole days (``ends`` is then
    the last day, inclusive: iCalendar's exclusive end is worked out here)."""

    uid: str
    starts: datetime.datetime | datetime.date
    ends: datetime.datetime | datetime.date
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    status: str = ""


def _event(event: CalendarEvent, *, stamp: datetime.datetime) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", f"{event.uid}@alliance-portal")
    component.add("dtstamp", stamp)
    component.add("dtstart", event.starts)
    ends = event.ends
    if not isinstance(ends, datetime.datetime):
        ends += datetime.timedelta(days=1)
    component.add("dtend", ends)
    component.add("summary", event.summary)
    component.add("location", event.location)
    component.add("description", event.description)
    if event.url:
        component.add("url", event.url)
    if event.status:
        component.add("status", event.status)
    return component


def _calendar(product: str, method: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Alliance Portal//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


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
    calendar = _calendar(product, "CANCEL" if status == "CANCELLED" else "PUBLISH")
    event = CalendarEvent(
        uid=uid,
        starts=starts_at,
        ends=ends_at,
        summary=summary,
        location=location,
        description=description,
        url=url,
        status=status,
    )
    calendar.add_component(_event(event, stamp=timezone.now()))
    return calendar.to_ical()


def calendar_ics(*, product: str, name: str, events: Iterable[CalendarEvent]) -> bytes:
    """A subscribed calendar: every event, each with the same UID as the event emailed about
    it, so a calendar holding both keeps one."""
    calendar = _calendar(product, "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        calendar.add_component(_event(event, stamp=stamp))
    return calendar.to_ical()


def events_ics(*, product: str, events: Iterable[dict]) -> bytes:
    """Several events in one iCalendar file (every session of a booking, say); each takes the
    keyword arguments of ``event_ics`` but ``product``."""
    calendar = _calendar(product, "PUBLISH")
    stamp = timezone.now()
    for fields in events:
        event = CalendarEvent(
            uid=fields["uid"],
            starts=fields["starts_at"],
            ends=fields["ends_at"],
            summary=fields["summary"],
            location=fields.get("location", ""),
            description=fields.get("description", ""),
            url=fields.get("url", ""),
            status=fields.get("status", ""),
        )
        calendar.add_component(_event(event, stamp=stamp))
    return calendar.to_ical()
