"""Emails about bookings, each with the session as an iCalendar file attached."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from alliance.ical import event_ics, events_ics
from alliance.outbox import Payload, renderer
from programmes.models import Booking, Session

SUBJECTS = {
    "confirmed": "Booking confirmed: {title}",
    "waiting": "On the waiting list: {title}",
    "offered": "A place is free for you: {title}",
    "cancelled": "Booking cancelled: {title}",
    "session_cancelled": "Session cancelled: {title}",
    "reminder": "Reminder, in two days: {title}",
}


def _session_event(session: Session, *, cancelled: bool = False) -> dict:
    return {
        # The same uid in every file, so a calendar that holds the session updates it.
        "uid": f"session-{session.pk}",
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "summary": session.programme.title,
        "location": session.where,
        "description": session.programme.summary,
        "url": session.online_url,
        "status": "CANCELLED" if cancelled or session.is_cancelled else "CONFIRMED",
    }


def session_ics(session: Session, *, cancelled: bool = False) -> bytes:
    """The session as an iCalendar event; a cancelled one carries METHOD:CANCEL."""
    event = _session_event(session, cancelled=cancelled)
    return event_ics(product="CPD", **event)


def sessions_ics(sessions: Iterable[Session]) -> bytes:
    """Every session of a booking in one calendar file."""
    return events_ics(product="CPD", events=[_session_event(s) for s in sessions])


def calendar_file_name(sessions: Sequence[Session]) -> str:
    """Says what and when: ``phonics-for-new-teachers-2026-12-03.ics``, not ``session-12``."""
    first = min(sessions, key=lambda s: s.starts_at)
    title = slugify(first.programme.title)[:60].strip("-") or "cpd"
    return f"{title}-{timezone.localtime(first.starts_at):%Y-%m-%d}.ics"


def _recipients(booking: Booking) -> list[str]:
    addresses = [booking.delegate.email]
    if booking.booked_by_id:
        booker = booking.booked_by
        if booker.email:
            addresses.append(booker.email)
        elif booker.user_id:
            addresses.append(booker.user.email)
    return sorted({a.lower() for a in addresses if a})


def booking_emails(kind: str, payload: Payload) -> Iterator[EmailMessage]:
    """One email per booking, to the delegate and the booker."""
    bookings = (
        Booking.objects.filter(pk__in=payload["booking_ids"])
        .select_related(
            "session__programme", "delegate", "organisation", "booked_by__user", "group"
        )
        .order_by("pk")
    )
    for booking in bookings:
        recipients = _recipients(booking)
        if not recipients:
            continue
        session = booking.session
        context = {"booking": booking, "session": session, "programme": session.programme}
        message = EmailMessage(
            subject=SUBJECTS[kind].format(title=session.programme.title),
            body=render_to_string(f"programmes/email/{kind}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
        cancelled = kind in {"cancelled", "session_cancelled"}
        message.attach(
            calendar_file_name([session]),
            session_ics(session, cancelled=cancelled),
            "text/calendar",
        )
        yield message


def _register(kind: str) -> None:
    renderer(f"booking.{kind}")(lambda payload: booking_emails(kind, payload))


for _kind in SUBJECTS:
    _register(_kind)
