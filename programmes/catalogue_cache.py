"""The catalogue's rendered filters and results, cached under a version that every change bumps.

The catalogue is the busiest page and the same few filter combinations are asked for again and
again, so its rendered body (filter form and one page of results) is kept in Django's cache
(Redis in production, so every worker shares it), keyed by the path, the query string and the
alliances whose member prices the visitor pays.

Anything that changes what the catalogue shows bumps the version (see ``alliance.cache``): a
booking, cancellation, offer or session change that moves a programme's copy of its next
session (``services._update_schedule`` and ``services._schedule_from``), and any save of a
programme, session, alliance, strand or organisation (signals below). So places left are never
stale after a booking.

Entries also expire after ``CATALOGUE_CACHE_SECONDS`` (30) at most, and before the first
listed programme's next session starts, so time passing (a session starting, a booking
deadline passing) shows within that time as it does without the cache.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import m2m_changed

from alliance.cache import VersionedCache
from alliance.models import Alliance
from members.models import Organisation
from programmes.models import Programme, Session
from programmes.selectors import PROGRAMMES
from strands.models import Strand


def seconds() -> int:
    return getattr(settings, "CATALOGUE_CACHE_SECONDS", 30)


CATALOGUE = VersionedCache("cpd-catalogue", seconds=seconds)


def bump() -> None:
    CATALOGUE.bump()


def _on_change(sender, **kwargs) -> None:
    bump()


def connect_signals() -> None:
    CATALOGUE.forget_when_changed(Programme, Session, Alliance, Strand, Organisation)
    PROGRAMMES.forget_when_changed(Programme)
    for through in (Programme.audiences.through, Programme.phases.through):
        m2m_changed.connect(_on_change, sender=through, dispatch_uid=f"cpd-catalogue-{through}")
