"""The leadership sections of "Download my data": talent pool nominations of the person and the
outcomes recorded for them."""

from __future__ import annotations

from typing import Any

from alliance.personal_data import Held, personal_data_section
from leadership.models import Nomination, Outcome


@personal_data_section("talent_pool_nominations", models=[Held(Nomination, person="person")])
def _nominations(user: Any, person: Any) -> list[dict[str, Any]]:
    """Nominations of them, with their head's words and name (which the nominee is shown when
    asked to agree); not the nominations a head made of their staff, which are the staff's."""
    if person is None:
        return []
    nominations = (
        Nomination.objects.filter(person=person)
        .select_related("alliance", "organisation", "nominated_by", "invited_to")
        .order_by("created_at", "pk")
    )
    return [
        {
            "alliance": n.alliance.name,
            "school": n.organisation.name,
            "nominated_by": n.nominated_by.full_name,
            "aspiration": n.get_aspiration_display(),
            "note": n.note,
            "status": n.get_status_display(),
            "nominated_at": n.created_at,
            "answered_at": n.answered_at,
            "invited_to": n.invited_to.title if n.invited_to else None,
            "invited_at": n.invited_at,
        }
        for n in nominations
    ]


@personal_data_section("leadership_outcomes", models=[Held(Outcome, person="person")])
def _outcomes(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    outcomes = (
        Outcome.objects.filter(person=person)
        .select_related("alliance", "organisation")
        .order_by("happened_on", "pk")
    )
    return [
        {
            "alliance": o.alliance.name,
            "what_happened": o.get_kind_display(),
            "summary": o.summary,
            "new_role": o.role_title,
            "school": o.organisation.name if o.organisation else None,
            "system_role": o.get_system_role_display(),
            "qualification": o.get_qualification_display(),
            "happened_on": o.happened_on,
            "note": o.note,
            "reported_by_them": o.self_reported,
            "recorded_at": o.created_at,
        }
        for o in outcomes
    ]
