"""The membership section of "Download my data": applications to join that name the person as
the school's headteacher."""

from __future__ import annotations

from typing import Any

from alliance.personal_data import Held, emails_of, personal_data_left_out, personal_data_section
from membership.models import Application, Renewal

# The public form takes the head's name and address before the head has any record here: the
# application is theirs by the address it gives.
APPLICATIONS = Held(Application, email="head_email", names=("head_name",), emails=("head_email",))


@personal_data_section("membership_applications", models=[APPLICATIONS])
def _applications(user: Any, person: Any) -> list[dict[str, Any]]:
    applications = (
        APPLICATIONS.rows_of(person_id=None, emails=emails_of(user, person))
        .select_related("alliance", "tier", "phase")
        .prefetch_related("strands")
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "alliance": a.alliance.name,
            "school": a.school_name,
            "urn": a.urn,
            "phase": a.phase.name,
            "number_on_roll": a.number_on_roll,
            "school_address": a.address,
            "headteacher": a.head_name,
            "headteacher_email": a.head_email,
            "tier": a.tier.name,
            "strands": [s.name for s in a.strands.all()],
            "fee": a.fee,
            "fee_description": a.fee_description,
            "submitted_at": a.submitted_at,
            "state": a.get_state_display(),
            "decided_at": a.decided_at,
            "message": a.message,
        }
        for a in applications
    ]


personal_data_left_out(
    Renewal,
    "A school's answer to the renewal request is the school's record (its tier, fee, reason for "
    "leaving); its only person, answered_by, is the head who answered for the school, kept to "
    "say who did: a link to their person record, no copy of their name or address.",
)
