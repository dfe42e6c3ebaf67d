"""The SLE sections of "Download my data": applications for designation, with what the applicant
wrote, and the yearly reviews of their designation."""

from __future__ import annotations

from typing import Any

from alliance.personal_data import Held, personal_data_left_out, personal_data_section
from sle.models import DesignationReview, DesignationRound, SleApplication


@personal_data_section("sle_applications", models=[Held(SleApplication, person="applicant")])
def _applications(user: Any, person: Any) -> list[dict[str, Any]]:
    """What the applicant is shown on their application's page, with their own experience and
    statement. The panel's interview notes are shown only to those deciding, as on that page: a
    request for them goes to the director, who can weigh what may be withheld (a reference given
    in confidence, say)."""
    if person is None:
        return []
    applications = (
        SleApplication.objects.filter(applicant=person)
        .select_related("round__alliance", "school", "specialism", "phase", "head_responded_by")
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "alliance": a.round.alliance.name,
            "round": a.round.title,
            "school": a.school.name,
            "specialism": a.specialism.name,
            "phase": a.phase.name,
            "experience": a.experience,
            "statement": a.statement,
            "submitted_at": a.submitted_at,
            "status": a.get_status_display(),
            "head_responded_by": a.head_responded_by.full_name if a.head_responded_by else None,
            "head_responded_at": a.head_responded_at,
            "head_comment": a.head_comment,
            "shortlist_reason": a.shortlist_reason,
            "interviewed_on": a.interviewed_on,
            "feedback": a.feedback,
            "days_released": a.days_released,
            "decided_at": a.decided_at,
        }
        for a in applications
    ]


@personal_data_section(
    "sle_designation_reviews", models=[Held(DesignationReview, person="designation__person")]
)
def _designation_reviews(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    reviews = (
        DesignationReview.objects.filter(designation__person=person)
        .select_related("designation__alliance", "academic_year")
        .order_by("academic_year__start_year", "pk")
    )
    return [
        {
            "alliance": r.designation.alliance.name,
            "designation": r.designation.get_kind_display(),
            "academic_year": r.academic_year.label,
            "outcome": r.get_outcome_display(),
            "reason": r.reason,
            "reviewed_on": r.reviewed_on,
        }
        for r in reviews
    ]


personal_data_left_out(
    DesignationRound,
    "A call for SLEs is the alliance's record; its only person, opened_by, is the director who "
    "opened it, kept to say who did. It holds only a link to their sign-in, no copy of their "
    "name or address, so anonymising them leaves nothing of them here.",
)
