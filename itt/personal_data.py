"""The ITT sections of "Download my data": a trainee's application, traineeship, placements and
progress reviews (a cause for concern included), and a mentor's placements."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from alliance.personal_data import Held, emails_of, personal_data_left_out, personal_data_section
from itt.models import (
    Applicant,
    ApplicantStageChange,
    Partnership,
    Placement,
    ProgressReview,
    Trainee,
)

# An applicant has no Person until they start training: their record is found by the address
# they applied with, or through the traineeship it became.
APPLICANTS = Held(
    Applicant,
    person="trainee__person",
    email="email",
    names=("full_name",),
    emails=("email",),
)


@personal_data_section(
    "itt_applications",
    models=[
        APPLICANTS,
        Held(ApplicantStageChange, person="applicant__trainee__person", email="applicant__email"),
    ],
)
def _applications(user: Any, person: Any) -> list[dict[str, Any]]:
    """Their application and its stages; without the panel's names (the staff's data)."""
    applicants = (
        APPLICANTS.rows_of(person_id=getattr(person, "pk", None), emails=emails_of(user, person))
        .select_related("partnership", "academic_year")
        .prefetch_related("changes")
        .order_by("created_at", "pk")
    )
    return [
        {
            "partnership": a.partnership.name,
            "academic_year": a.academic_year.label,
            "full_name": a.full_name,
            "email": a.email,
            "subject": a.subject,
            "route": a.get_route_display(),
            "applied_at": a.created_at,
            "stage": a.get_stage_display(),
            "reason": a.reason,
            "interview_at": a.interview_at,
            "offer_conditions": a.offer_conditions,
            "dbs_checked_on": a.dbs_checked_on,
            "qualifications_checked_on": a.qualifications_checked_on,
            "fitness_checked_on": a.fitness_checked_on,
            "stages": [
                {
                    "from": c.get_from_stage_display(),
                    "to": c.get_to_stage_display(),
                    "reason": c.reason,
                    "at": c.at,
                }
                for c in a.changes.all()
            ],
        }
        for a in applicants
    ]


@personal_data_section(
    "itt_traineeships",
    models=[
        Held(Trainee, person="person"),
        Held(Placement, person="trainee__person"),
        Held(ProgressReview, person="trainee__person"),
    ],
)
def _traineeships(user: Any, person: Any) -> list[dict[str, Any]]:
    """What the trainee's own record page shows them: placements with their mentors, and every
    progress review with its targets, a cause for concern and its alert included."""
    if person is None:
        return []
    trainees = (
        Trainee.objects.filter(person=person)
        .select_related("partnership", "academic_year", "first_post_school")
        .prefetch_related(
            Prefetch(
                "placements",
                Placement.objects.select_related("school", "mentor").order_by("starts_on", "pk"),
            ),
            Prefetch(
                "reviews",
                ProgressReview.objects.select_related(
                    "academic_year", "written_by", "placement__school"
                ).order_by("written_at", "pk"),
            ),
        )
        .order_by("training_starts_on", "pk")
    )
    return [
        {
            "partnership": t.partnership.name,
            "academic_year": t.academic_year.label,
            "subject": t.subject,
            "route": t.get_route_display(),
            "training_starts_on": t.training_starts_on,
            "training_ends_on": t.training_ends_on,
            "status": t.get_status_display(),
            "status_reason": t.status_reason,
            "status_changed_on": t.status_changed_on,
            "employed": t.employed,
            "first_post": t.first_post_school.name if t.first_post_school else t.first_post_name,
            "first_post_in_alliance": t.first_post_in_alliance,
            "placements": [
                {
                    "school": p.school.name,
                    "kind": p.get_kind_display(),
                    "starts_on": p.starts_on,
                    "ends_on": p.ends_on,
                    "class_or_subject": p.class_or_subject,
                    "mentor": p.mentor.full_name,
                }
                for p in t.placements.all()
            ],
            "progress_reviews": [
                {
                    "term": f"{r.get_term_display()} {r.academic_year.label}",
                    "school": r.placement.school.name if r.placement else None,
                    "rating": r.get_rating_display(),
                    "cause_for_concern": r.is_concern,
                    "targets": r.targets,
                    "written_by": r.written_by.full_name,
                    "written_at": r.written_at,
                    "concern_alert_sent_at": r.alert_sent_at,
                    "concern_acknowledged_at": r.acknowledged_at,
                }
                for r in t.reviews.all()
            ],
        }
        for t in trainees
    ]


@personal_data_section(
    "itt_mentoring",
    models=[Held(Placement, person="mentor"), Held(ProgressReview, person="written_by")],
)
def _mentoring(user: Any, person: Any) -> dict[str, Any]:
    """The placements they mentor and when they wrote each review: what they did. The trainee's
    name and the reviews' contents are the trainee's data, in the trainee's own file."""
    if person is None:
        return {"placements": [], "reviews_written": []}
    placements = (
        Placement.objects.filter(mentor=person)
        .select_related("school", "trainee__partnership")
        .order_by("starts_on", "pk")
    )
    reviews = (
        ProgressReview.objects.filter(written_by=person)
        .select_related("academic_year", "placement__school")
        .order_by("written_at", "pk")
    )
    return {
        "placements": [
            {
                "partnership": p.trainee.partnership.name,
                "school": p.school.name,
                "kind": p.get_kind_display(),
                "starts_on": p.starts_on,
                "ends_on": p.ends_on,
                "class_or_subject": p.class_or_subject,
            }
            for p in placements
        ],
        "reviews_written": [
            {
                "term": f"{r.get_term_display()} {r.academic_year.label}",
                "school": r.placement.school.name if r.placement else None,
                "written_at": r.written_at,
            }
            for r in reviews
        ],
    }


personal_data_left_out(
    Partnership,
    "Its provider contact (a name and work address at the university or SCITT) is typed in by "
    "the ITT lead to send cause-for-concern alerts to; that contact has no sign-in or person "
    "record here, so nothing can be downloaded by or anonymised for them: the ITT lead changes "
    "or clears it on the partnership's page.",
)
