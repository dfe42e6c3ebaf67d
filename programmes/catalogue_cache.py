"""The catalogue's rendered filters and results, cached per alliance, forgotten on every change.

The catalogue is the busiest page and the same few filter combinations are asked for again and
again, so its rendered body (filter form and one page of results) is kept in Django's cache
(Redis in production, so every worker shares it), keyed by the path, the query string and the
alliances whose member prices the visitor pays.

Each alliance's catalogue has its own version (see ``alliance.cache``), and the combined
catalogue (every alliance's programmes) one more, so a change empties the alliance it touches
and the combined catalogue, never another alliance's: a booking, cancellation, offer or
session change that moves a programme's copy of its next session (``services._update_schedule``
and ``services._schedule_from``), and any save of a programme, session, alliance or strand
(signals below). So places left are never stale after a booking. An organisation (a
facilitator's school, shown on any alliance's programmes) empties every catalogue.

Entries also expire after ``CATALOGUE_CACHE_SECONDS`` (30) at most, and before the first
listed programme's next session starts, so time passing (a session starting, a booking
deadline passing) shows within that time as it does without the cache.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from alliance.cache import VersionedCache
from alliance.models import Alliance, Partnership
from members.models import Organisation
from programmes.models import Programme, Session
from strands.models import Strand

# The scope of the combined catalogue; an alliance's is its id.
COMBINED = "combined"


def seconds() -> int:
    return getattr(settings, "CATALOGUE_CACHE_SECONDS", 30)


CATALOGUE = VersionedCache("cpd-catalogue", seconds=seconds)


def bump(*alliance_ids: int) -> None:
    """Empty these alliances' catalogues and the combined one."""
    CATALOGUE.bump(*set(alliance_ids), COMBINED)


def bump_all() -> None:
    CATALOGUE.bump()


def _on_change(sender, instance, **kwargs) -> None:
    bump(instance.pk if isinstance(instance, Alliance) else instance.alliance_id)


def _on_m2m_change(sender, instance, **kwargs) -> None:
    # The programme's audiences or phases (from the programme's side, as its form saves them).
    if isinstance(instance, Programme):
        bump(instance.alliance_id)
    else:
        bump_all()


def connect_signals() -> None:
    for model in (Programme, Session, Alliance, Strand):
        uid = f"cpd-catalogue-{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
    # A partnership (its name, its providers) shows in its catalogue, which is the combined one's.
    CATALOGUE.forget_when_changed(Organisation, Partnership)
    m2m_changed.connect(
        _on_m2m_change, sender=Partnership.providers.through, dispatch_uid="cpd-catalogue-partners"
    )
    for through in (Programme.audiences.through, Programme.phases.through):
        m2m_changed.connect(_on_m2m_change, sender=through, dispatch_uid=f"cpd-catalogue-{through}")
