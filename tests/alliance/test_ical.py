"""The one iCalendar builder behind session and meeting calendar files."""

from __future__ import annotations

import datetime

from alliance.ical import event_ics

START = datetime.datetime(2026, 3, 4, 16, 0, tzinfo=datetime.UTC)


def _ics(**fields) -> str:
    data = {
        "uid": "session-7",
        "product": "CPD",
        "starts_at": START,
        "ends_at": START + datetime.timedelta(hours=2),
        "summary": "Phonics for new teachers",
        "location": "Crampton Primary School",
        "description": "Phonics, step by step.",
    }
    return event_ics(**{**data, **fields}).decode()


def test_it_builds_one_event_that_calendars_recognise():
    ics = _ics(status="CONFIRMED")
    assert "PRODID:-//Alliance Portal//CPD//EN" in ics and "METHOD:PUBLISH" in ics
    assert "UID:session-7@alliance-portal" in ics and "DTSTART:20260304T160000Z" in ics
    assert "SUMMARY:Phonics for new teachers" in ics and "STATUS:CONFIRMED" in ics
    assert "URL" not in ics


def test_it_asks_calendars_to_remove_a_cancelled_event():
    ics = _ics(status="CANCELLED", url="https://example.test/s/7")
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics
    assert "URL:https://example.test/s/7" in ics


def test_it_leaves_out_the_status_when_none_is_given():
    assert "STATUS" not in _ics()
