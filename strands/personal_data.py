"""The strands sections of "Download my data": support a person asked for on their school's
behalf, the deployments they went on as an SLE or NLE, and the changes to strands they lead."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from alliance.personal_data import Held, personal_data_left_out, personal_data_section
from strands.models import (
    Contribution,
    Deployment,
    DeploymentChange,
    DeploymentVisit,
    PeerReviewCluster,
    StrandChange,
    SupportRequest,
)


@personal_data_section(
    "support_requests_made", models=[Held(SupportRequest, person="requested_by")]
)
def _support_requests(user: Any, person: Any) -> list[dict[str, Any]]:
    """The requests they made for their school, and what the alliance signposted; without whom
    it signposted them to (another person's data)."""
    if person is None:
        return []
    requests = (
        SupportRequest.objects.filter(requested_by=person)
        .select_related("alliance", "school", "area_of_need", "phase")
        .order_by("created_at", "pk")
    )
    return [
        {
            "alliance": r.alliance.name,
            "school": r.school.name,
            "area_of_need": r.area_of_need.name,
            "phase": r.phase.name,
            "description": r.description,
            "preferred_dates": r.preferred_dates,
            "requested_at": r.created_at,
            "signposted_to": r.get_signpost_kind_display(),
            "signposted_at": r.signposted_at,
        }
        for r in requests
    ]


@personal_data_section(
    "deployments",
    models=[
        Held(Deployment, person="designation__person"),
        Held(DeploymentVisit, person="deployment__designation__person"),
        Held(DeploymentChange, person="deployment__designation__person"),
    ],
)
def _deployments(user: Any, person: Any) -> list[dict[str, Any]]:
    """Where they were deployed, the days agreed and given, what they did and how the school
    judged it."""
    if person is None:
        return []
    deployments = (
        Deployment.objects.filter(designation__person=person)
        .select_related(
            "designation",
            "support_request__alliance",
            "support_request__school",
            "support_request__area_of_need",
        )
        .prefetch_related(
            Prefetch("visits", DeploymentVisit.objects.order_by("visited_on", "pk")),
            Prefetch("changes", DeploymentChange.objects.order_by("made_at", "pk")),
        )
        .order_by("starts_on", "pk")
    )
    return [
        {
            "alliance": d.support_request.alliance.name,
            "as": d.designation.get_kind_display(),
            "school": d.support_request.school.name,
            "area_of_need": d.support_request.area_of_need.name,
            "agreed_days": d.days,
            "starts_on": d.starts_on,
            "ends_on": d.ends_on,
            "status": d.get_status_display(),
            "outcome_note": d.outcome_note,
            "school_evaluation": d.school_evaluation,
            "visits": [
                {
                    "visited_on": v.visited_on,
                    "days": v.days,
                    "what_was_done": v.note,
                    "confirmed_at": v.confirmed_at,
                }
                for v in d.visits.all()
            ],
            "status_changes": [
                {"status": c.get_status_display(), "note": c.note, "at": c.made_at}
                for c in d.changes.all()
            ],
        }
        for d in deployments
    ]


@personal_data_section(
    "strand_lead_changes",
    # The portal writes the lead's name into each change ("Ada Lovelace leads CPD from ...").
    models=[Held(StrandChange, person="role_assignment__person", mentions=("description",))],
)
def _strand_lead_changes(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    changes = (
        StrandChange.objects.filter(role_assignment__person=person)
        .select_related("alliance")
        .order_by("made_at", "pk")
    )
    return [
        {
            "alliance": c.alliance.name,
            "what": c.get_kind_display(),
            "description": c.description,
            "effective_on": c.effective_on,
            "made_at": c.made_at,
        }
        for c in changes
    ]


personal_data_left_out(
    Contribution,
    "A school's contribution to a strand is the school's record; its only person, created_by, "
    "is the member of staff who recorded it, kept to say who did: a link to their sign-in, no "
    "copy of their name or address.",
)
personal_data_left_out(
    PeerReviewCluster,
    "A group of schools reviewing each other; its only person, created_by, is the member of "
    "staff who set it up, kept to say who did: a link to their sign-in, no copy of their name "
    "or address. Reviewers are in their own 'peer_reviews'.",
)
