"""The peer review sections of "Download my data": the reviews a person took part in as a
reviewer, and the audits they carried out as an SLE."""

from __future__ import annotations

from typing import Any

from alliance.personal_data import Held, personal_data_left_out, personal_data_section
from peer_review.models import Audit, Review, Reviewer


@personal_data_section("peer_reviews", models=[Held(Reviewer, person="person")])
def _reviews(user: Any, person: Any) -> list[dict[str, Any]]:
    """The visits they were on and whether they led them; the report is the reviewed school's
    (confidential to its head until shared), not the reviewer's data."""
    if person is None:
        return []
    places = (
        Reviewer.objects.filter(person=person)
        .select_related("review__school", "review__cluster__academic_year", "review__alliance")
        .order_by("review__cluster__academic_year__start_year", "pk")
    )
    return [
        {
            "alliance": r.review.alliance.name,
            "cluster": r.review.cluster.name,
            "academic_year": r.review.cluster.academic_year.label,
            "school_reviewed": r.review.school.name,
            "lead_reviewer": r.is_lead,
            "visit_on": r.review.visit_on,
            "stage": r.review.get_stage_display(),
        }
        for r in places
    ]


@personal_data_section("audits", models=[Held(Audit, person="designations__person")])
def _audits(user: Any, person: Any) -> list[dict[str, Any]]:
    """Audits they carried out as an SLE: where, what and the days it took; the report is the
    audited school's."""
    if person is None:
        return []
    audits = (
        Audit.objects.filter(designations__person=person)
        .distinct()
        .select_related("alliance", "academic_year", "school", "specialism", "phase")
        .order_by("visit_on", "pk")
    )
    return [
        {
            "alliance": a.alliance.name,
            "academic_year": a.academic_year.label,
            "school": a.school.name,
            "area": a.specialism.name,
            "phase": a.phase.name,
            "visit_on": a.visit_on,
            "days": a.days,
            "report_written_at": a.report_written_at,
        }
        for a in audits
    ]


personal_data_left_out(
    Review,
    "A school's peer review (its self-review, the report, the workshop) is the school's record. "
    "Its only person, self_review_submitted_by, is the member of the school's staff who "
    "submitted the self-review, kept to say who did: a link to their sign-in, no copy of their "
    "name or address. The reviewers are in their own 'peer_reviews'.",
)
