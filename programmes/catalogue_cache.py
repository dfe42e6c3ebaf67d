"""The catalogue's rendered filters and results, cached under a version that every change bumps.

The catalogue is the busiest page and the same few filter combinations are asked for again and
again, so its rendered body (filter form and one page of results) is kept in Django's cache
(Redis in production, so every worker shares it), keyed by the path, the query string and the
alliances whose member prices the visitor pays.

Every key includes a version token. Anything that changes what the catalogue shows replaces the
token: a booking, cancellation, offer or session change (they all refresh the programme's
schedule, see ``services._update_schedule``), and any save of a programme, session, alliance,
strand or organisation (signals below). So places left are never stale after a booking. The
token is replaced at once and again after the transaction commits, so a page read from the
database before the commit cannot be served under the new token.

Entries also expire after ``CATALOGUE_CACHE_SECONDS`` (30) at most, and before the first
listed programme's next session starts, so time passing (a session starting, a booking
deadline passing) shows within that time as it does without the cache.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "cpd-catalogue-version"


def seconds() -> int:
    return getattr(settings, "CATALOGUE_CACHE_SECONDS", 30)


def version() -> str:
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        token = cache.get(VERSION_KEY) or ""
    return token


def _replace() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def bump() -> None:
    """The catalogue has changed: forget every cached page, now (for readers in this
    transaction) and once the change commits (once per transaction, however many rows)."""
    _replace()
    connection = transaction.get_connection()
    if not (
        connection.in_atomic_block
        and any(entry[1] is _replace for entry in connection.run_on_commit)
    ):
        transaction.on_commit(_replace)


def key(token: str, path: str, query: Iterable[tuple[str, str]], member_of: Iterable[int]) -> str:
    raw = repr((path, sorted(query), sorted(member_of)))
    return f"cpd-catalogue:{token}:{hashlib.sha1(raw.encode()).hexdigest()}"


def _on_change(sender, **kwargs) -> None:
    bump()


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from alliance.models import Alliance
    from members.models import Organisation
    from programmes.models import Programme, Session
    from strands.models import Strand

    for model in (Programme, Session, Alliance, Strand, Organisation):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"cpd-catalogue-{model.__name__}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"cpd-catalogue-del-{model.__name__}"
        )
    for through in (Programme.audiences.through, Programme.phases.through):
        m2m_changed.connect(_on_change, sender=through, dispatch_uid=f"cpd-catalogue-{through}")
