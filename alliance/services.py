"""Writes that set up an alliance."""

from __future__ import annotations

from django.db import transaction

from alliance.models import Alliance, Protocol


@transaction.atomic
def alliance_create(
    *,
    name: str,
    slug: str,
    vision: str = "",
    mission: str = "",
    protocols: list[tuple[str, str]] = (),
    **fields: str,
) -> Alliance:
    """Create an alliance with its protocols and the six strands every alliance works in."""
    from strands.models import Strand  # strands builds on alliance, not the other way round

    alliance = Alliance(name=name, slug=slug, vision=vision, mission=mission, **fields)
    alliance.full_clean()
    alliance.save()
    Protocol.objects.bulk_create(
        Protocol(alliance=alliance, position=i, title=title, description=text)
        for i, (title, text) in enumerate(protocols)
    )
    Strand.create_all_for(alliance)
    return alliance
