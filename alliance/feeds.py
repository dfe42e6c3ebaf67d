"""Each person's calendar subscription: one secret address their calendar fetches every so often,
with the CPD sessions they are booked on, the meetings they are invited to and their SLE or NLE
deployments.

The apps above this layer own those events, so each registers what it adds with
``calendar_feed_source`` (programmes, governance and strands, from their ``ready``), as they
do for "Download my data" (``alliance.personal_data``); this module imports none of them.

The address carries a long random token; only its SHA-256 is stored (``CalendarFeed``), so the
token is shown once, when made. A new one replaces it and the old address then answers 404.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from alliance.audit import audit_record
from alliance.ical import CalendarEvent, calendar_ics
from alliance.models import AuditKind, CalendarFeed
from alliance.permissions import person_of

# (person, the site's address such as "https://portal.example.org") -> their events
Source = Callable[[Any, str], Iterable[CalendarEvent]]
_SOURCES: dict[str, Source] = {}

TOKEN_BYTES = 32  # 256 bits: not guessable, so the address itself may be the key


def calendar_feed_source(name: str) -> Callable[[Source], Source]:
    """Register a function giving one kind of a person's events, keyed by ``name``. Each is one
    query, however many events the person has."""

    def register(source: Source) -> Source:
        _SOURCES[name] = source
        return source

    return register


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_reset(*, user: Any, request: Any = None) -> str:
    """Make the sign-in's calendar address (or a new one, which ends the old) and return its
    token: the only time it is seen in full. Audited, as the address opens the person's
    calendar to whoever holds it: a reset nobody asked for is worth seeing."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        _feed, created = CalendarFeed.objects.update_or_create(
            user=user, defaults={"token_hash": _hash(token), "created_at": timezone.now()}
        )
        audit_record(
            actor=user,
            kind=AuditKind.CALENDAR_FEED_RESET,
            detail="First address" if created else "New address; the old one stopped working",
            request=request,
        )
    return token


def calendar_feed_user(token: str) -> Any | None:
    """Whose calendar this token opens; ``None`` for a wrong, old or made-up token. Looked up by
    its hash, so how long the lookup takes says nothing about any real token."""
    feed = CalendarFeed.objects.filter(token_hash=_hash(token)).select_related("user").first()
    return feed.user if feed and feed.user.is_active else None


def calendar_feed_ics(*, user: Any, base_url: str) -> bytes:
    """Everything the registered sources hold for the sign-in's person, soonest first."""
    person = person_of(user)
    events: list[CalendarEvent] = []
    if person is not None:
        for source in _SOURCES.values():
            events.extend(source(person, base_url))
    events.sort(key=lambda e: (str(e.starts), e.uid))
    return calendar_ics(product="Calendar", name="Alliance Portal", events=events)
