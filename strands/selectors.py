"""Reads about strands: who leads each and which organisations contribute."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from alliance.models import Alliance, Role, RoleAssignment
from members.selectors import designations_for
from strands.models import Contribution, Strand


def _current_leads() -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.current()
        .filter(role=Role.STRATEGIC_LEAD)
        .select_related("person__organisation")
    )


def _current_contributions() -> QuerySet[Contribution]:
    return Contribution.objects.active_on(timezone.localdate()).select_related("organisation")


def strands_with_leads_for(*, alliance: Alliance) -> QuerySet[Strand]:
    return Strand.objects.filter(alliance=alliance).prefetch_related(
        Prefetch("role_assignments", queryset=_current_leads(), to_attr="current_leads"),
        Prefetch(
            "contributions", queryset=_current_contributions(), to_attr="current_contributions"
        ),
    )


def strand_detail_for(*, strand: Strand) -> dict[str, Any]:
    context: dict[str, Any] = {
        "strand": strand,
        "leads": list(_current_leads().filter(strand=strand)),
        "contributions": list(_current_contributions().filter(strand=strand)),
    }
    if strand.kind in ("sle", "school-support"):
        context["designations"] = designations_for(alliance=strand.alliance)
    return context
