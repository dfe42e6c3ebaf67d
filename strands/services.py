"""Writes on the director's desk: strand leads, contributions, support requests, deployments and
peer review clusters. Each checks the actor's permission again, validates and runs atomically.

Nothing here deletes: ending a lead, withdrawing a contribution or a deployment sets an end date
or a status and leaves a change row saying who did it and when.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from alliance.audit import audit_record
from alliance.locks import lock_one
from alliance.models import (
    AcademicYear,
    Alliance,
    AuditKind,
    FundedPeriod,
    Protocol,
    Role,
    RoleAssignment,
)
from alliance.permissions import has_perm, perms_for, person_of
from members.models import Designation, Membership, Organisation, Person, Phase, Specialism, User
from strands.models import (
    ClusterSchool,
    Contribution,
    Deployment,
    DeploymentChange,
    DeploymentStatus,
    DeploymentVisit,
    PeerReviewCluster,
    SignpostKind,
    Strand,
    StrandChange,
    StrandChangeKind,
    SupportRequest,
)


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
    alliance = Alliance(name=name, slug=slug, vision=vision, mission=mission, **fields)
    alliance.full_clean()
    alliance.save()
    Protocol.objects.bulk_create(
        Protocol(alliance=alliance, position=i, title=title, description=text)
        for i, (title, text) in enumerate(protocols)
    )
    Strand.create_all_for(alliance)
    return alliance


def _require(actor: User, perm: str, alliance: Alliance) -> None:
    if not has_perm(person_of(actor), perm, alliance):
        raise PermissionDenied


def _year_of(day: datetime.date) -> AcademicYear:
    year, _ = AcademicYear.objects.get_or_create(start_year=AcademicYear.start_year_for(day))
    return year


def overlapping[Q_: QuerySet](
    queryset: Q_, starts_on: datetime.date, ends_on: datetime.date | None
) -> Q_:
    """Rows of ``queryset`` whose [starts_on, ends_on] period meets the given one (open ends)."""
    queryset = queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    if ends_on is not None:
        queryset = queryset.filter(starts_on__lte=ends_on)
    return queryset


def _period_label(starts_on: datetime.date, ends_on: datetime.date | None) -> str:
    start = f"{starts_on:%-d %B %Y}"
    return f"{start} to {ends_on:%-d %B %Y}" if ends_on else f"from {start}"


def _check_within_year(year: AcademicYear, ends_on: datetime.date | None) -> None:
    if ends_on is not None and not year.contains(ends_on):
        raise ValidationError({"ends_on": f"The end date must fall within {year}."})


def _check_member(alliance: Alliance, organisation: Organisation, field: str) -> None:
    members = Membership.objects.current().filter(alliance=alliance)
    if not members.filter(organisation=organisation).exists():
        raise ValidationError({field: f"{organisation} is not a member or partner of {alliance}."})


def _log(actor: User, **fields) -> StrandChange:
    change = StrandChange.objects.create(made_by=actor, **fields)
    audit_record(
        actor=actor,
        kind=AuditKind.STRAND_CHANGED,
        alliance=change.alliance_id,
        subject=change,
        detail=change.get_kind_display(),
    )
    return change


# Strategic leads ---------------------------------------------------------------------------


@transaction.atomic
def strategic_lead_assign(
    *,
    actor: User,
    strand: Strand,
    person: Person,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    funded_days: Decimal = Decimal("0.5"),
    funded_period: str = FundedPeriod.WEEK,
) -> RoleAssignment:
    """Make ``person`` the strategic lead of ``strand`` from ``starts_on``.

    Refused when another lead assignment of the strand overlaps the period.
    """
    alliance = strand.alliance
    _require(actor, "strand.assign", alliance)
    # Lock the strand so two directors cannot both appoint a lead for the same period.
    lock_one(Strand.objects, pk=strand.pk)
    year = _year_of(starts_on)
    assignment = RoleAssignment(
        alliance=alliance,
        academic_year=year,
        person=person,
        role=Role.STRATEGIC_LEAD,
        strand=strand,
        funded_days=funded_days,
        funded_period=funded_period,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    assignment.full_clean()
    _check_within_year(year, ends_on)
    _check_member(alliance, person.organisation, "person")
    leads = RoleAssignment.objects.filter(
        alliance=alliance, role=Role.STRATEGIC_LEAD, strand=strand, academic_year=year
    )
    clash = overlapping(leads, starts_on, ends_on).select_related("person").first()
    if clash is not None:
        raise ValidationError(
            {
                "starts_on": f"{clash.person} already leads {strand.name} "
                f"{_period_label(clash.starts_on, clash.ends_on)}. Change or end that "
                "assignment instead of adding an overlapping one."
            }
        )
    assignment.save()
    _log(
        actor,
        alliance=alliance,
        academic_year=year,
        kind=StrandChangeKind.LEAD_ASSIGNED,
        strand=strand,
        role_assignment=assignment,
        effective_on=starts_on,
        description=f"{person} leads {strand.name} {_period_label(starts_on, ends_on)} "
        f"({assignment.funded_time_label}).",
    )
    return assignment


@transaction.atomic
def strategic_lead_end(
    *, actor: User, assignment: RoleAssignment, ends_on: datetime.date
) -> RoleAssignment:
    """End a strategic lead assignment on ``ends_on`` (their last day). The row stays."""
    _require(actor, "strand.assign", assignment.alliance)
    assignment = lock_one(RoleAssignment.objects, pk=assignment.pk)
    if assignment.role != Role.STRATEGIC_LEAD:
        raise ValidationError("Only strategic lead assignments are changed here.")
    if assignment.ends_on is not None and assignment.ends_on < ends_on:
        raise ValidationError(
            {"ends_on": f"This assignment already ended on {assignment.ends_on}."}
        )
    if ends_on < assignment.starts_on:
        raise ValidationError(
            {"ends_on": f"The last day cannot be before it started ({assignment.starts_on})."}
        )
    _check_within_year(assignment.academic_year, ends_on)
    assignment.ends_on = ends_on
    assignment.full_clean()
    assignment.save(update_fields=["ends_on"])
    _log(
        actor,
        alliance=assignment.alliance,
        academic_year=assignment.academic_year,
        kind=StrandChangeKind.LEAD_ENDED,
        strand=assignment.strand,
        role_assignment=assignment,
        effective_on=ends_on,
        description=f"{assignment.person} stops leading {assignment.strand.name} "
        f"after {ends_on:%-d %B %Y}.",
    )
    return assignment


@transaction.atomic
def strategic_lead_change(
    *,
    actor: User,
    assignment: RoleAssignment,
    person: Person,
    starts_on: datetime.date,
    funded_days: Decimal,
    funded_period: str,
) -> RoleAssignment:
    """Hand a strand from its current lead to ``person`` from ``starts_on``."""
    if starts_on <= assignment.starts_on:
        raise ValidationError(
            {
                "starts_on": f"{assignment.person} started on {assignment.starts_on:%-d %B %Y}; "
                "the change must take effect after that."
            }
        )
    previous_end = assignment.ends_on
    strategic_lead_end(
        actor=actor, assignment=assignment, ends_on=starts_on - datetime.timedelta(days=1)
    )
    return strategic_lead_assign(
        actor=actor,
        strand=assignment.strand,
        person=person,
        starts_on=starts_on,
        ends_on=previous_end,
        funded_days=funded_days,
        funded_period=funded_period,
    )


# Contributions -----------------------------------------------------------------------------


@transaction.atomic
def contribution_add(
    *,
    actor: User,
    strand: Strand,
    organisation: Organisation,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> Contribution:
    alliance = strand.alliance
    _require(actor, "strand.assign", alliance)
    lock_one(Strand.objects, pk=strand.pk)
    year = _year_of(starts_on)
    _check_within_year(year, ends_on)
    _check_member(alliance, organisation, "organisation")
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": "The end date cannot be before the start date."})
    existing = Contribution.objects.filter(
        strand=strand, organisation=organisation, academic_year=year
    )
    clash = overlapping(existing, starts_on, ends_on).first()
    if clash is not None:
        raise ValidationError(
            {
                "organisation": f"{organisation} already contributes to {strand.name} "
                f"{_period_label(clash.starts_on, clash.ends_on)}."
            }
        )
    contribution = Contribution(
        strand=strand,
        organisation=organisation,
        academic_year=year,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    contribution.full_clean()
    contribution.save()
    _log(
        actor,
        alliance=alliance,
        academic_year=year,
        kind=StrandChangeKind.CONTRIBUTION_ADDED,
        strand=strand,
        contribution=contribution,
        effective_on=starts_on,
        description=f"{organisation} contributes to {strand.name} "
        f"{_period_label(starts_on, ends_on)}.",
    )
    return contribution


# --- Membership (issue 14): the strands a school pledges when it joins or renews ---
def contributions_pledge(
    *,
    actor: User,
    organisation: Organisation,
    strands: Iterable[Strand],
    year: AcademicYear,
    starts_on: datetime.date,
) -> list[Contribution]:
    """Record the strands a school commits to for a year, in the caller's transaction.

    The caller has already decided the school may (an application the director approved, a
    head renewing their own school), so no permission is asked here. A strand the school
    already contributes to that year is left as it is, so approving or renewing twice adds
    nothing.
    """
    pledged = []
    for strand in strands:
        contribution, created = Contribution.objects.get_or_create(
            strand=strand,
            organisation=organisation,
            academic_year=year,
            defaults={"starts_on": starts_on, "created_by": actor},
        )
        pledged.append(contribution)
        if created:
            _log(
                actor,
                alliance=strand.alliance,
                academic_year=year,
                kind=StrandChangeKind.CONTRIBUTION_ADDED,
                strand=strand,
                contribution=contribution,
                effective_on=starts_on,
                description=f"{organisation} pledged to contribute to {strand.name} "
                f"{_period_label(starts_on, None)}.",
            )
    return pledged


# --- end of membership ---


@transaction.atomic
def contribution_withdraw(
    *, actor: User, contribution: Contribution, ends_on: datetime.date
) -> Contribution:
    """Withdraw an organisation from a strand after ``ends_on``. The row stays."""
    _require(actor, "strand.assign", contribution.strand.alliance)
    contribution = lock_one(Contribution.objects, pk=contribution.pk)
    if contribution.ends_on is not None and contribution.ends_on < ends_on:
        raise ValidationError({"ends_on": f"It was already withdrawn on {contribution.ends_on}."})
    if ends_on < contribution.starts_on:
        raise ValidationError(
            {"ends_on": f"The last day cannot be before it started ({contribution.starts_on})."}
        )
    _check_within_year(contribution.academic_year, ends_on)
    contribution.ends_on = ends_on
    contribution.save(update_fields=["ends_on"])
    _log(
        actor,
        alliance=contribution.strand.alliance,
        academic_year=contribution.academic_year,
        kind=StrandChangeKind.CONTRIBUTION_WITHDRAWN,
        strand=contribution.strand,
        contribution=contribution,
        effective_on=ends_on,
        description=f"{contribution.organisation} stops contributing to "
        f"{contribution.strand.name} after {ends_on:%-d %B %Y}.",
    )
    return contribution


@transaction.atomic
def strand_board_copy_to_next_year(
    *, actor: User, alliance: Alliance, year: AcademicYear
) -> tuple[int, int]:
    """Copy the leads and contributions still running at the end of ``year`` into the next
    year, from its first day, for the director to review. Returns (leads, contributions) copied;
    anything the next year already has is left alone, so copying twice copies nothing new."""
    _require(actor, "strand.assign", alliance)
    following, _ = AcademicYear.objects.get_or_create(start_year=year.start_year + 1)
    running = Q(ends_on__isnull=True) | Q(ends_on__gte=year.ends_on)
    leads = _copy_leads(actor, alliance, running, year, following)
    contributions = _copy_contributions(actor, alliance, running, year, following)
    _log(
        actor,
        alliance=alliance,
        academic_year=following,
        kind=StrandChangeKind.YEAR_COPIED,
        effective_on=following.starts_on,
        description=f"Copied {leads} strategic leads and {contributions} "
        f"contributions from {year} into {following} for review.",
    )
    return leads, contributions


def _copy_leads(actor, alliance, running: Q, year, following) -> int:
    leads = RoleAssignment.objects.filter(
        running, alliance=alliance, academic_year=year, role=Role.STRATEGIC_LEAD
    )
    led_next_year = set(
        RoleAssignment.objects.filter(
            alliance=alliance, academic_year=following, role=Role.STRATEGIC_LEAD
        ).values_list("strand_id", flat=True)
    )
    copies = [
        RoleAssignment(
            alliance=alliance,
            academic_year=following,
            person_id=lead.person_id,
            role=Role.STRATEGIC_LEAD,
            strand_id=lead.strand_id,
            funded_days=lead.funded_days,
            funded_period=lead.funded_period,
            starts_on=following.starts_on,
            created_by=actor,
        )
        for lead in leads
        if lead.strand_id not in led_next_year
    ]
    return len(RoleAssignment.objects.bulk_create(copies))


def _copy_contributions(actor, alliance, running: Q, year, following) -> int:
    copied = 0
    for contribution in Contribution.objects.filter(
        running, strand__alliance=alliance, academic_year=year
    ):
        _, created = Contribution.objects.get_or_create(
            strand_id=contribution.strand_id,
            organisation_id=contribution.organisation_id,
            academic_year=following,
            defaults={"starts_on": following.starts_on, "created_by": actor},
        )
        copied += created
    return copied


# Support requests and deployments -----------------------------------------------------------


@transaction.atomic
def support_request_create(
    *,
    actor: User,
    alliance: Alliance,
    school: Organisation,
    area_of_need: Specialism,
    phase: Phase,
    description: str,
    preferred_dates: str,
) -> SupportRequest:
    """A headteacher asks for support for their own school; the director may on their behalf."""
    person = person_of(actor)
    perms = perms_for(person, alliance)
    if "support.request" not in perms:
        raise PermissionDenied
    if "support.broker" not in perms and not perms.heads(school.pk):
        raise PermissionDenied
    _check_member(alliance, school, "school")
    support_request = SupportRequest(
        alliance=alliance,
        academic_year=AcademicYear.current(),
        school=school,
        area_of_need=area_of_need,
        phase=phase,
        description=description,
        preferred_dates=preferred_dates,
        requested_by=person,
        created_by=actor,
    )
    support_request.full_clean()
    support_request.save()
    return support_request


@transaction.atomic
def support_request_signpost(
    *,
    actor: User,
    support_request: SupportRequest,
    kind: str,
    programme: str = "",
    cluster: PeerReviewCluster | None = None,
    designation: Designation | None = None,
    note: str = "",
) -> SupportRequest:
    """Point a request at a programme, a peer review cluster or an SLE/NLE."""
    alliance = support_request.alliance
    _require(actor, "support.broker", alliance)
    if cluster is not None and cluster.alliance_id != alliance.pk:
        raise ValidationError({"signposted_cluster": "That cluster belongs to another alliance."})
    if designation is not None and designation.alliance_id != alliance.pk:
        raise ValidationError({"signposted_designation": "That SLE belongs to another alliance."})
    support_request.signpost_kind = kind
    support_request.signposted_programme = programme if kind == SignpostKind.PROGRAMME else ""
    support_request.signposted_cluster = cluster if kind == SignpostKind.CLUSTER else None
    support_request.signposted_designation = (
        designation if kind == SignpostKind.DESIGNATION else None
    )
    support_request.signpost_note = note
    support_request.signposted_at = timezone.now()
    support_request.signposted_by = actor
    support_request.full_clean()
    support_request.save()
    return support_request


def days_deployed(*, designation: Designation, year: AcademicYear) -> Decimal:
    total = (
        Deployment.objects.counting_capacity()
        .filter(designation=designation, academic_year=year)
        .aggregate(total=Sum("days"))["total"]
    )
    return total or Decimal("0")


@transaction.atomic
def deployment_create(
    *,
    actor: User,
    support_request: SupportRequest,
    designation: Designation,
    days: Decimal,
    starts_on: datetime.date,
    ends_on: datetime.date,
    override_reason: str = "",
) -> Deployment:
    """Propose an SLE or NLE for a request. Going over the SLE's days available this year needs
    an explicit override with a reason, which is recorded with who gave it."""
    alliance = support_request.alliance
    _require(actor, "support.broker", alliance)
    # Lock the designation first so two deployments cannot both take its last days.
    designation = lock_one(Designation.objects, pk=designation.pk)
    if designation.alliance_id != alliance.pk or not designation.active:
        raise ValidationError({"designation": "Choose an active SLE or NLE of this alliance."})
    year = support_request.academic_year
    deployment = Deployment(
        support_request=support_request,
        designation=designation,
        academic_year=year,
        days=days,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    deployment.full_clean()
    remaining = designation.days_available_per_year - days_deployed(
        designation=designation, year=year
    )
    if days > remaining:
        if not override_reason.strip():
            raise ValidationError(
                {
                    "days": f"{designation.person} has {remaining} of "
                    f"{designation.days_available_per_year} days left in {year}; this needs "
                    f"{days}. Tick “Go over capacity” and give a reason to deploy anyway."
                }
            )
        deployment.capacity_override_reason = override_reason.strip()
        deployment.capacity_overridden_by = actor
    deployment.save()
    DeploymentChange.objects.create(
        deployment=deployment, status=deployment.status, note="Proposed.", made_by=actor
    )
    return deployment


@transaction.atomic
def deployment_move(
    *,
    actor: User,
    deployment: Deployment,
    status: str,
    note: str = "",
    outcome_note: str = "",
    school_evaluation: str = "",
) -> Deployment:
    """Move a deployment on: proposed → agreed → in progress → completed, or withdrawn."""
    _require(actor, "support.broker", deployment.support_request.alliance)
    deployment = lock_one(Deployment.objects, pk=deployment.pk)
    if status not in deployment.next_statuses:
        raise ValidationError(
            {
                "status": f"A deployment that is {deployment.get_status_display().lower()} "
                f"cannot become {DeploymentStatus(status).label.lower()}."
            }
        )
    deployment.status = status
    if status == DeploymentStatus.COMPLETED:
        deployment.outcome_note = outcome_note
        # The school may have written its evaluation already; the director may record it for them.
        deployment.school_evaluation = school_evaluation or deployment.school_evaluation
    deployment.full_clean()
    deployment.save()
    DeploymentChange.objects.create(deployment=deployment, status=status, note=note, made_by=actor)
    return deployment


EVALUATED_STATUSES = (DeploymentStatus.IN_PROGRESS, DeploymentStatus.COMPLETED)


@transaction.atomic
def deployment_evaluate(*, actor: User, deployment: Deployment, evaluation: str) -> Deployment:
    """The supported school's headteacher (or the director) records how the support went."""
    support_request = deployment.support_request
    perms = perms_for(person_of(actor), support_request.alliance)
    may = "support.broker" in perms or (
        "support.request" in perms and perms.heads(support_request.school_id)
    )
    if not may:
        raise PermissionDenied
    deployment = lock_one(Deployment.objects, pk=deployment.pk)
    if deployment.status not in EVALUATED_STATUSES:
        raise ValidationError(
            {"evaluation": "A deployment can be evaluated once it is in progress or completed."}
        )
    if not evaluation.strip():
        raise ValidationError({"evaluation": "Write the school's evaluation."})
    deployment.school_evaluation = evaluation.strip()
    deployment.full_clean()
    deployment.save(update_fields=["school_evaluation"])
    DeploymentChange.objects.create(
        deployment=deployment,
        status=deployment.status,
        note="The school's evaluation recorded.",
        made_by=actor,
    )
    return deployment


@transaction.atomic
def deployment_visit_record(
    *, actor: User, deployment: Deployment, visited_on: datetime.date, days: Decimal, note: str = ""
) -> DeploymentVisit:
    """The deployed SLE or NLE records time delivered: half a day or a day on one date.

    Only the SLE or NLE deployed may. Time beyond the agreed days is recorded (it was given) and
    shows as over the agreed days; one visit per date, so a double click records it once.
    """
    # Lock the deployment: two posts for the same date queue here, and the second is refused.
    deployment = lock_one(
        Deployment.objects.select_related("designation"), of=("self",), pk=deployment.pk
    )
    if deployment.designation.person_id != getattr(person_of(actor), "pk", None):
        raise PermissionDenied
    if not deployment.may_record_visits:
        raise ValidationError(
            f"A deployment that is {deployment.get_status_display().lower()} has no time to "
            "record: it must be agreed with the school first."
        )
    visit = DeploymentVisit(
        deployment=deployment,
        visited_on=visited_on,
        days=days,
        note=note.strip(),
        recorded_by=actor,
    )
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def deployment_visit_confirm(*, actor: User, visit: DeploymentVisit) -> DeploymentVisit:
    """The receiving school's headteacher confirms a visit took place, once.

    Neither the director nor the SLE may: the confirmation is the school's word.
    """
    visit = lock_one(
        DeploymentVisit.objects.select_related("deployment__support_request", "confirmed_by"),
        of=("self",),
        pk=visit.pk,
    )
    support_request = visit.deployment.support_request
    perms = perms_for(person_of(actor), support_request.alliance)
    if "support.request" not in perms or not perms.heads(support_request.school_id):
        raise PermissionDenied
    if visit.is_confirmed:
        raise ValidationError(
            f"This visit was already confirmed by {visit.confirmed_by or 'someone'} "
            f"on {timezone.localtime(visit.confirmed_at):%-d %B %Y}."
        )
    visit.confirmed_by = actor
    visit.confirmed_at = timezone.now()
    visit.save(update_fields=["confirmed_by", "confirmed_at"])
    return visit


# Peer review clusters ----------------------------------------------------------------------


@transaction.atomic
def cluster_create(
    *,
    actor: User,
    alliance: Alliance,
    year: AcademicYear,
    name: str,
    lead_school: Organisation,
    schools: Iterable[Organisation],
) -> PeerReviewCluster:
    """Form a cluster of schools for a year. A school is in at most one cluster a year."""
    _require(actor, "cluster.manage", alliance)
    members = {school.pk: school for school in schools}
    members.setdefault(lead_school.pk, lead_school)
    if len(members) < 2:
        raise ValidationError({"schools": "A peer review cluster needs at least two schools."})
    for school in members.values():
        _check_member(alliance, school, "schools")
    taken = (
        ClusterSchool.objects.filter(
            alliance=alliance, academic_year=year, organisation_id__in=members
        )
        .select_related("organisation", "cluster")
        .order_by("organisation__name")
    )
    if taken:
        names = "; ".join(f"{row.organisation} (in {row.cluster})" for row in taken)
        raise ValidationError(
            {"schools": f"A school is in at most one cluster a year. Already placed: {names}."}
        )
    cluster = PeerReviewCluster(
        alliance=alliance, academic_year=year, name=name, lead_school=lead_school, created_by=actor
    )
    cluster.full_clean()
    cluster.save()
    for school in members.values():
        row = ClusterSchool(
            cluster=cluster, organisation=school, alliance=alliance, academic_year=year
        )
        row.full_clean()
        row.save()
    return cluster
