"""The peer review cycle's writes and the audits'. Each checks who may, locks the review, checks
the move against ``NEXT_STAGE`` and writes everything or nothing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from alliance.locks import lock_one
from alliance.models import AcademicYear, Alliance
from alliance.permissions import AlliancePerms, perms_for, person_of
from members.models import Designation, Organisation, Person, Phase, Specialism, User
from peer_review import access
from peer_review.models import (
    Audit,
    FocusArea,
    Judgement,
    Priority,
    Review,
    Reviewer,
    SelfReviewAnswer,
    Stage,
)
from peer_review.training import REVIEWER_TRAINING, reviewers_trained
from strands.models import ClusterSchool, PeerReviewCluster, SignpostKind, SupportRequest
from strands.services import deployment_create, support_request_create, support_request_signpost

MIN_FOCUS_AREAS = 3
MAX_FOCUS_AREAS = 6
MAX_AUDIT_SLES = 2


def _perms(actor: User, alliance: Alliance) -> AlliancePerms:
    return perms_for(person_of(actor), alliance)


def review_for(cluster_school: ClusterSchool) -> Review:
    """The school's review for its cluster's year, started when first needed."""
    review, _ = Review.objects.get_or_create(
        cluster_school=cluster_school,
        defaults={
            "alliance_id": cluster_school.alliance_id,
            "cluster_id": cluster_school.cluster_id,
            "school_id": cluster_school.organisation_id,
        },
    )
    return review


def _locked(review: Review) -> Review:
    return lock_one(Review.objects, pk=review.pk)


# --- Focus areas ----------------------------------------------------------------------------


@transaction.atomic
def focus_areas_set(*, actor: User, cluster: PeerReviewCluster, titles: Sequence[str]) -> None:
    """The cluster's lead school's head or the director sets 3–6 focus areas for the year. They
    may change them until a school submits its self-review against them."""
    if not access.leads_cluster(_perms(actor, cluster.alliance), cluster):
        raise PermissionDenied
    cluster = lock_one(PeerReviewCluster.objects, pk=cluster.pk)
    cleaned = [title.strip() for title in titles if title.strip()]
    if len({t.casefold() for t in cleaned}) != len(cleaned):
        raise ValidationError("Each focus area must be different.")
    if not MIN_FOCUS_AREAS <= len(cleaned) <= MAX_FOCUS_AREAS:
        raise ValidationError(
            f"Enter between {MIN_FOCUS_AREAS} and {MAX_FOCUS_AREAS} focus areas; "
            f"you entered {len(cleaned)}."
        )
    if Review.objects.filter(cluster=cluster, self_review_submitted_at__isnull=False).exists():
        raise ValidationError(
            "A school has already submitted its self-review against these focus areas: "
            "they are fixed for this year."
        )
    FocusArea.objects.filter(cluster=cluster).exclude(title__in=cleaned).delete()
    for position, title in enumerate(cleaned):
        FocusArea.objects.update_or_create(
            cluster=cluster, title=title, defaults={"position": position}
        )


# --- Self-review ----------------------------------------------------------------------------


@transaction.atomic
def self_review_save(
    *,
    actor: User,
    cluster_school: ClusterSchool,
    answers: dict[int, tuple[str, str]],
    submit: bool = False,
) -> Review:
    """The school's head saves a draft of the self-review, or submits it (once): a judgement and
    evidence for every focus area. ``answers`` maps a focus area's id to (judgement, evidence)."""
    perms = _perms(actor, cluster_school.alliance)
    if not perms.heads(cluster_school.organisation_id):
        raise PermissionDenied
    review = _locked(review_for(cluster_school))
    if review.stage != Stage.SELF_REVIEW:
        submitted = timezone.localtime(review.self_review_submitted_at)
        raise ValidationError(
            f"The self-review was submitted on {submitted:%-d %B %Y} and cannot be changed."
        )
    areas = list(FocusArea.objects.filter(cluster_id=cluster_school.cluster_id))
    if not areas:
        raise ValidationError("The cluster's focus areas are not set yet: ask the cluster's lead.")
    errors: dict[str, str] = {}
    for area in areas:
        judgement, evidence = answers.get(area.pk, ("", ""))
        if judgement and judgement not in Judgement.values:
            errors[f"judgement_{area.pk}"] = "Choose a judgement from the list."
        if submit and not judgement:
            errors[f"judgement_{area.pk}"] = f"Choose a judgement for “{area.title}”."
        if submit and not evidence.strip():
            errors[f"evidence_{area.pk}"] = f"Enter the evidence for “{area.title}”."
        SelfReviewAnswer.objects.update_or_create(
            review=review,
            focus_area=area,
            defaults={"judgement": judgement, "evidence": evidence.strip()},
        )
    if errors:
        # Nothing half-saved: the draft is kept only when it is complete enough to save.
        raise ValidationError(errors)
    if submit:
        review.check_move(Stage.VISIT)
        review.stage = Stage.VISIT
        review.self_review_submitted_at = timezone.now()
        review.self_review_submitted_by = actor
        review.save()
    return review


# --- The review visit -----------------------------------------------------------------------


def check_reviewers(
    *, review: Review, reviewers: Iterable[Person], cluster_school_ids: set[int]
) -> None:
    """Reviewers come from the cluster's other schools and have completed the training."""
    reviewers = list(reviewers)
    trained = reviewers_trained(alliance=review.alliance, person_ids=[p.pk for p in reviewers])
    problems = []
    for person in reviewers:
        if person.organisation_id == review.school_id:
            problems.append(
                f"{person.full_name} works at {review.school}, the school under review: "
                "a school is never reviewed by its own staff."
            )
        elif person.organisation_id not in cluster_school_ids:
            problems.append(
                f"{person.full_name}'s school is not in this cluster: choose reviewers from "
                "the cluster's other schools."
            )
        elif person.pk not in trained:
            problems.append(
                f"{person.full_name} has not completed the {REVIEWER_TRAINING} "
                "(every session attended)."
            )
    if problems:
        raise ValidationError({"reviewers": problems})


@transaction.atomic
def visit_record(
    *,
    actor: User,
    cluster_school: ClusterSchool,
    visit_on: datetime.date,
    reviewers: Sequence[Person],
    lead_reviewer: Person,
) -> Review:
    """The director or the cluster's lead records the review visit: one per school and cycle."""
    cluster = cluster_school.cluster
    if not access.leads_cluster(_perms(actor, cluster.alliance), cluster):
        raise PermissionDenied
    review = _locked(review_for(cluster_school))
    if review.visit_on is not None:
        raise ValidationError(
            f"A review visit to {review.school} is already recorded for this cycle "
            f"({review.visit_on:%-d %B %Y}): a school has one visit a cycle."
        )
    review.check_move(Stage.REPORT)
    team = {person.pk: person for person in reviewers}
    if not team:
        raise ValidationError({"reviewers": "Choose at least one reviewer."})
    if lead_reviewer.pk not in team:
        raise ValidationError({"lead_reviewer": "Choose the lead reviewer from the reviewers."})
    school_ids = set(
        ClusterSchool.objects.filter(cluster=cluster).values_list("organisation_id", flat=True)
    )
    check_reviewers(review=review, reviewers=team.values(), cluster_school_ids=school_ids)
    for person in team.values():
        Reviewer.objects.create(review=review, person=person, is_lead=person.pk == lead_reviewer.pk)
    review.visit_on = visit_on
    review.stage = Stage.REPORT
    review.full_clean()
    review.save()
    return review


# --- The report -----------------------------------------------------------------------------


@transaction.atomic
def report_write(*, actor: User, review: Review, report: str) -> Review:
    """The lead reviewer writes the report; they may correct it until the workshop is held."""
    review = _locked(review)
    if not access.leads_review(_perms(actor, review.alliance), review):
        raise PermissionDenied
    if not report.strip():
        raise ValidationError({"report": "Write the report."})
    if review.stage not in (Stage.REPORT, Stage.WORKSHOP):
        review.check_move(Stage.WORKSHOP)
    if review.stage == Stage.REPORT:
        review.stage = Stage.WORKSHOP
    review.report = report.strip()
    review.report_written_at = timezone.now()
    review.save()
    return review


@transaction.atomic
def report_share(*, actor: User, review: Review) -> Review:
    """The reviewed school's head shares the report with the cluster's heads. Once is enough."""
    review = _locked(review)
    if not _perms(actor, review.alliance).heads(review.school_id):
        raise PermissionDenied
    if not review.report_written_at:
        raise ValidationError("There is no report to share yet.")
    if review.report_shared_at is None:
        review.report_shared_at = timezone.now()
        review.save(update_fields=["report_shared_at"])
    return review


# --- The improvement workshop ---------------------------------------------------------------


def _priorities(items: Sequence[tuple[str, Specialism | None]]) -> list[tuple[str, Specialism]]:
    kept = [(text.strip(), area) for text, area in items if text.strip() or area]
    if not kept:
        raise ValidationError({"priorities": "Enter at least one agreed priority."})
    for text, area in kept:
        if not text:
            raise ValidationError({"priorities": "Enter the text of each priority."})
        if area is None:
            raise ValidationError({"priorities": f"Choose the area of “{text}”."})
    return kept


@transaction.atomic
def workshop_record(
    *,
    actor: User,
    review: Review,
    workshop_on: datetime.date,
    priorities: Sequence[tuple[str, Specialism | None]],
) -> Review:
    """The workshop's date and the priorities agreed: by the director, the cluster's lead or
    the reviewed school's head."""
    review = _locked(review)
    perms = _perms(actor, review.alliance)
    if not (access.leads_cluster(perms, review.cluster) or perms.heads(review.school_id)):
        raise PermissionDenied
    review.check_move(Stage.SUPPORT)
    for text, area in _priorities(priorities):
        priority = Priority(review=review, text=text, area=area)
        priority.full_clean()
        priority.save()
    review.workshop_on = workshop_on
    review.stage = Stage.SUPPORT
    review.full_clean()
    review.save()
    return review


# --- Support --------------------------------------------------------------------------------


@transaction.atomic
def priority_request_support(*, actor: User, priority: Priority) -> SupportRequest:
    """A priority becomes a support request, prefilled, for the director to signpost or deploy
    on. Twice is once: the second click returns the first request."""
    priority = lock_one(
        Priority.objects.select_related(
            "review__school", "review__cluster", "audit__school", "audit__phase", "area"
        ),
        of=("self",),
        pk=priority.pk,
    )
    if priority.support_request_id:
        return priority.support_request
    if priority.review_id:
        review = priority.review
        school, alliance = review.school, review.alliance
        phase = school.phases.order_by("position").first()
        where = (
            f"Agreed at the improvement workshop on {review.workshop_on:%-d %B %Y} after the "
            f"peer review visit of {review.visit_on:%-d %B %Y} ({review.cluster})."
        )
    else:
        audit = priority.audit
        school, alliance, phase = audit.school, audit.alliance, audit.phase
        where = f"From the {audit.specialism} audit of {audit.visit_on:%-d %B %Y}."
    if phase is None:
        phase = Phase.objects.order_by("position").first()
    request = support_request_create(
        actor=actor,
        alliance=alliance,
        school=school,
        area_of_need=priority.area,
        phase=phase,
        description=f"{priority.text}\n\n{where}",
        preferred_dates="To agree with the school",
    )
    priority.support_request = request
    priority.save(update_fields=["support_request"])
    return request


# --- Audits ---------------------------------------------------------------------------------


def check_audit_sles(
    *, designations: Sequence[Designation], specialism: Specialism, school: Organisation
) -> None:
    if not 1 <= len(designations) <= MAX_AUDIT_SLES:
        raise ValidationError({"designations": "Choose one or two SLEs."})
    problems = []
    for designation in designations:
        person = designation.person
        if not designation.active:
            problems.append(f"{person.full_name} is no longer designated.")
        elif specialism not in designation.specialisms.all():
            problems.append(
                f"{person.full_name} is not an SLE for {specialism}: choose an SLE of that "
                "specialism."
            )
        elif person.organisation_id == school.pk:
            problems.append(
                f"{person.full_name} works at {school}: a school is never audited by its own staff."
            )
    if problems:
        raise ValidationError({"designations": problems})


@transaction.atomic
def audit_create(
    *,
    actor: User,
    alliance: Alliance,
    school: Organisation,
    specialism: Specialism,
    phase: Phase,
    visit_on: datetime.date,
    days: Decimal,
    designations: Sequence[Designation],
    override_reason: str = "",
) -> Audit:
    """The director commissions an audit. It is brokered as support: a request for the school,
    and a deployment of each SLE for the audit's days, so the days count against what their
    schools release, by strands' rule (going over needs the director's recorded reason)."""
    if not access.directs(_perms(actor, alliance)):
        raise PermissionDenied
    check_audit_sles(designations=designations, specialism=specialism, school=school)
    request = support_request_create(
        actor=actor,
        alliance=alliance,
        school=school,
        area_of_need=specialism,
        phase=phase,
        description=f"{specialism} audit: a review of this area by "
        f"{' and '.join(d.person.full_name for d in designations)}.",
        preferred_dates=f"{visit_on:%-d %B %Y}",
    )
    support_request_signpost(
        actor=actor,
        support_request=request,
        kind=SignpostKind.DESIGNATION,
        designation=designations[0],
        note="An audit by SLEs of this specialism.",
    )
    for designation in designations:
        deployment_create(
            actor=actor,
            support_request=request,
            designation=designation,
            days=days,
            starts_on=visit_on,
            ends_on=visit_on,
            override_reason=override_reason,
        )
    audit = Audit(
        alliance=alliance,
        academic_year=AcademicYear.current(),
        school=school,
        specialism=specialism,
        phase=phase,
        visit_on=visit_on,
        days=days,
        support_request=request,
        created_by=actor,
    )
    audit.full_clean()
    audit.save()
    audit.designations.set(designations)
    return audit


@transaction.atomic
def audit_report_write(*, actor: User, audit: Audit, report: str) -> Audit:
    audit = lock_one(Audit.objects, pk=audit.pk)
    if not access.audit_sles(_perms(actor, audit.alliance), audit):
        raise PermissionDenied
    if not report.strip():
        raise ValidationError({"report": "Write the report."})
    audit.report = report.strip()
    audit.report_written_at = timezone.now()
    audit.save()
    return audit


@transaction.atomic
def audit_priority_add(*, actor: User, audit: Audit, text: str, area: Specialism) -> Priority:
    """A priority from the audit: by its SLEs, the director or the school's head, once the
    report is written."""
    audit = lock_one(Audit.objects, pk=audit.pk)
    perms = _perms(actor, audit.alliance)
    if not access.reads_audit(perms, audit):
        raise PermissionDenied
    if not audit.report_written_at:
        raise ValidationError("Write the audit's report before its priorities.")
    priority = Priority(audit=audit, text=text.strip(), area=area)
    priority.full_clean()
    priority.save()
    return priority
