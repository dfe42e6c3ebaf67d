"""Reads about strands: who leads each and which organisations contribute."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from alliance.models import AcademicYear, Alliance, Role, RoleAssignment
from alliance.permissions import AlliancePerms
from members.models import Designation, Membership, MembershipKind, Organisation, Person
from members.selectors import designations_for
from strands.models import (
    ClusterSchool,
    Contribution,
    Deployment,
    DeploymentChange,
    DeploymentStatus,
    DeploymentVisit,
    PeerReviewCluster,
    Strand,
    StrandChange,
    SupportRequest,
)


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


# The director's desk ------------------------------------------------------------------------

# Partners commit to contributing to at least this many strands (the commitment protocol).
COMMITMENT_MINIMUM = 2


def board_day(year: AcademicYear) -> datetime.date:
    """The day a year's board describes: today, or the nearest day of that year."""
    return min(max(timezone.localdate(), year.starts_on), year.ends_on)


def programmes_by_strand_for(*, alliance: Alliance, year: AcademicYear) -> dict[int, list]:
    """The year's programmes per strand, each with the people booked (a person on three
    sessions counts once) and its sessions, in one query.

    Programmes build on strands, so this reads them through the alliance's reverse relation
    rather than importing the programmes app; the status values are the programmes app's.
    """
    in_year = Q(
        sessions__starts_at__date__gte=year.starts_on, sessions__starts_at__date__lte=year.ends_on
    )
    programmes = (
        alliance.programmes.filter(in_year)
        .exclude(status="draft")
        .annotate(
            people_booked=Count(
                "sessions__bookings__delegate",
                filter=in_year & Q(sessions__bookings__status="confirmed"),
                distinct=True,
            ),
            sessions_count=Count("sessions", filter=in_year, distinct=True),
        )
        .only("pk", "title", "strand_id", "status")
        .order_by("title")
    )
    by_strand: dict[int, list] = {}
    for programme in programmes:
        by_strand.setdefault(programme.strand_id, []).append(programme)
    return by_strand


@dataclass
class StrandWithoutLead:
    """A strand nobody leads on the board's day, and who is scheduled to take it on, if anyone."""

    strand: Strand
    next_lead: RoleAssignment | None

    @property
    def is_resolved(self) -> bool:
        return self.next_lead is not None


@dataclass
class PartnerBelowCommitment:
    """A strategic partner contributing to fewer strands than the commitment, and the day
    contributions already scheduled bring it up to the commitment, if they do."""

    organisation: Organisation
    count: int
    resolved_on: datetime.date | None

    @property
    def is_resolved(self) -> bool:
        return self.resolved_on is not None


@dataclass
class StrandBoard:
    year: AcademicYear
    day: datetime.date
    strands: list[Strand]
    partners_below_commitment: list[PartnerBelowCommitment]
    strands_without_lead: list[StrandWithoutLead]
    partners_from_year: AcademicYear | None

    @property
    def has_flags(self) -> bool:
        return bool(self.partners_below_commitment or self.strands_without_lead)


def _on_board(queryset: QuerySet, year: AcademicYear, day: datetime.date) -> QuerySet:
    """Rows running on ``day`` or scheduled to start later in the year: a change dated in the
    future is on the board before it takes effect."""
    running = Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))
    return queryset.filter(running | Q(starts_on__gt=day), academic_year=year)


def strand_board_for(*, alliance: Alliance, year: AcademicYear) -> StrandBoard:
    """The six strands as rows for one year, with what breaks the commitment protocol, and the
    changes already scheduled for later in the year ("From 1 Dec: Nadia Reid").

    A fixed number of queries however many partners, contributions or programmes there are.
    """
    day = board_day(year)
    leads = (
        _on_board(RoleAssignment.objects.filter(role=Role.STRATEGIC_LEAD), year, day)
        .select_related("person__organisation")
        .order_by("starts_on")
    )
    contributions = (
        _on_board(Contribution.objects.all(), year, day)
        .select_related("organisation")
        .order_by("organisation__name", "starts_on")
    )
    strands = list(
        Strand.objects.filter(alliance=alliance)
        .select_related("alliance")
        .prefetch_related(
            Prefetch("role_assignments", queryset=leads, to_attr="year_leads"),
            Prefetch("contributions", queryset=contributions, to_attr="year_contributions"),
        )
    )
    programmes = programmes_by_strand_for(alliance=alliance, year=year)
    for strand in strands:
        strand.board_programmes = programmes.get(strand.pk, [])
        strand.board_leads = [a for a in strand.year_leads if a.starts_on <= day]
        strand.scheduled_leads = [a for a in strand.year_leads if a.starts_on > day]
        strand.board_contributions = [c for c in strand.year_contributions if c.starts_on <= day]
        strand.scheduled_contributions = [c for c in strand.year_contributions if c.starts_on > day]
    partners, partners_year = _strategic_partners(alliance=alliance, year=year)
    return StrandBoard(
        year=year,
        day=day,
        strands=strands,
        partners_below_commitment=_partners_below_commitment(strands, partners, day),
        strands_without_lead=[
            StrandWithoutLead(strand, next(iter(strand.scheduled_leads), None))
            for strand in strands
            if not strand.board_leads
        ],
        partners_from_year=partners_year,
    )


def _partners_below_commitment(
    strands: list[Strand], partners: list[Organisation], day: datetime.date
) -> list[PartnerBelowCommitment]:
    """Partners below the commitment on ``day``, each with the first later day on which the
    year's recorded contributions (scheduled starts and ends included) meet it, if any."""
    periods: dict[int, list[tuple[datetime.date, datetime.date | None]]] = {}
    for strand in strands:
        for c in strand.year_contributions:
            periods.setdefault(c.organisation_id, []).append((c.starts_on, c.ends_on))
    flags = []
    for org in partners:
        spans = periods.get(org.pk, [])
        count = _running_on(spans, day)
        if count >= COMMITMENT_MINIMUM:
            continue
        # The count changes only on a scheduled start: check each, in order.
        starts = sorted({start for start, _ in spans if start > day})
        resolved_on = next((s for s in starts if _running_on(spans, s) >= COMMITMENT_MINIMUM), None)
        flags.append(PartnerBelowCommitment(org, count, resolved_on))
    return flags


def _running_on(spans: list[tuple[datetime.date, datetime.date | None]], day: datetime.date) -> int:
    return sum(1 for start, end in spans if start <= day and (end is None or end >= day))


def _strategic_partners(
    *, alliance: Alliance, year: AcademicYear
) -> tuple[list[Organisation], AcademicYear | None]:
    """The year's strategic partners; for a year whose memberships are not recorded yet (a
    year just copied forward), the partners of the latest year before it."""
    memberships = (
        Membership.objects.filter(
            alliance=alliance,
            kind=MembershipKind.STRATEGIC_PARTNER,
            academic_year__start_year__lte=year.start_year,
        )
        .select_related("organisation", "academic_year")
        .order_by("-academic_year__start_year", "organisation__name")
    )
    partners: list[Organisation] = []
    partners_year = None
    for membership in memberships:
        if partners_year is None:
            partners_year = membership.academic_year
        elif membership.academic_year != partners_year:
            break
        partners.append(membership.organisation)
    return partners, partners_year


def strand_history_for(*, alliance: Alliance, year: AcademicYear) -> dict[str, Any]:
    """Every lead and contribution of a year, ended ones included, and the log of changes."""
    return {
        "leads": RoleAssignment.objects.filter(
            alliance=alliance, academic_year=year, role=Role.STRATEGIC_LEAD
        )
        .select_related("person__organisation", "strand", "created_by")
        .order_by("strand__position", "starts_on"),
        "contributions": Contribution.objects.filter(strand__alliance=alliance, academic_year=year)
        .select_related("organisation", "strand", "created_by")
        .order_by("strand__position", "organisation__name", "starts_on"),
        "changes": StrandChange.objects.filter(alliance=alliance, academic_year=year)
        .select_related("made_by", "strand")
        .order_by("-made_at", "-id"),
    }


def strand_lead_people_for(*, alliance: Alliance) -> QuerySet[Person]:
    """People a strategic lead may be chosen from: staff of the alliance's members and partners."""
    members = Membership.objects.current().filter(alliance=alliance).values("organisation")
    return Person.objects.filter(organisation__in=members).select_related("organisation")


def academic_years_for(*, alliance: Alliance) -> QuerySet[AcademicYear]:
    """Years the alliance has anything recorded in, plus the current and next ones."""
    current = AcademicYear.current()
    used = RoleAssignment.objects.filter(alliance=alliance).values("academic_year")
    return AcademicYear.objects.filter(
        Q(pk__in=used) | Q(start_year__in=[current.start_year, current.start_year + 1])
    ).order_by("start_year")


# Funded time -------------------------------------------------------------------------------


@dataclass
class FundedTimeRow:
    assignment: RoleAssignment
    days_per_year: Decimal


@dataclass
class FundedTime:
    year: AcademicYear
    rows: list[FundedTimeRow]
    by_role: list[tuple[str, Decimal]]
    by_organisation: list[tuple[Organisation, Decimal]]
    total: Decimal


def _share_of_year(assignment: RoleAssignment, year: AcademicYear) -> Decimal:
    """The part of the year an assignment covers, so a lead replaced in January counts once."""
    end = min(assignment.ends_on or year.ends_on, year.ends_on)
    covered = (end - max(assignment.starts_on, year.starts_on)).days + 1
    return Decimal(max(covered, 0)) / Decimal((year.ends_on - year.starts_on).days + 1)


def _tenths_that_add_up(exact: list[Decimal]) -> list[Decimal]:
    """Each figure to a tenth of a day, so that the rows add up to the rounded whole: a lead
    replaced half way through a 366-day year shows 9.8 and 9.7 days, not 9.8 twice (19.6 where
    the role is funded 19.5). The tenths left over go to the rows that lost most in rounding."""
    tenth = Decimal("0.1")
    shown = [value.quantize(tenth, rounding=ROUND_FLOOR) for value in exact]
    short = int((sum(exact, Decimal("0")).quantize(tenth) - sum(shown, Decimal("0"))) / tenth)
    by_loss = sorted(range(len(exact)), key=lambda i: (shown[i] - exact[i], i))
    for i in by_loss[:short]:
        shown[i] += tenth
    return shown


def funded_time_for(*, alliance: Alliance, year: AcademicYear) -> FundedTime:
    """Funded days per year of every role assignment in a year, totalled by role and by the
    organisation of the person holding it. Part-year assignments count for the part they cover.
    """
    assignments = (
        RoleAssignment.objects.filter(alliance=alliance, academic_year=year, funded_days__gt=0)
        .select_related("person__organisation", "strand", "organisation")
        .order_by("role", "strand__position", "starts_on", "person__full_name")
    )
    assignments = list(assignments)
    shown = _tenths_that_add_up(
        [a.funded_days_per_year * _share_of_year(a, year) for a in assignments]
    )
    rows = [
        FundedTimeRow(assignment=a, days_per_year=d)
        for a, d in zip(assignments, shown, strict=True)
    ]
    by_role: dict[str, Decimal] = {}
    by_org: dict[int, tuple[Organisation, Decimal]] = {}
    for row in rows:
        label = row.assignment.get_role_display()
        by_role[label] = by_role.get(label, Decimal("0")) + row.days_per_year
        org = row.assignment.person.organisation
        by_org[org.pk] = (org, by_org.get(org.pk, (org, Decimal("0")))[1] + row.days_per_year)
    return FundedTime(
        year=year,
        rows=rows,
        by_role=sorted(by_role.items()),
        by_organisation=sorted(by_org.values(), key=lambda pair: pair[0].name),
        total=sum((row.days_per_year for row in rows), Decimal("0")),
    )


# Support requests, deployments, capacity, clusters -------------------------------------------


def support_requests_for(*, perms: AlliancePerms) -> QuerySet[SupportRequest]:
    """The director sees every request; a headteacher sees their own school's; nobody else any."""
    requests = SupportRequest.objects.filter(alliance=perms.alliance).select_related(
        "school", "area_of_need", "phase", "requested_by"
    )
    if "support.broker" in perms:
        return requests
    if "support.request" in perms:
        return requests.filter(school_id__in=perms.organisation_ids)
    return requests.none()


def support_request_for(*, perms: AlliancePerms, pk: int) -> SupportRequest:
    """One request, or 404 for anyone who may not see it: its existence is not disclosed."""
    found = (
        support_requests_for(perms=perms)
        .select_related("signposted_cluster", "signposted_designation__person", "signposted_by")
        .prefetch_related(
            Prefetch(
                "deployments",
                queryset=Deployment.objects.select_related(
                    "designation__person__organisation", "capacity_overridden_by"
                ).prefetch_related(
                    Prefetch(
                        "changes", queryset=DeploymentChange.objects.select_related("made_by")
                    ),
                    "visits",
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def deployments_for_designated(*, person: Person, alliance: Alliance) -> QuerySet[Deployment]:
    """An SLE or NLE's own deployments, with their visits for the days delivered."""
    return (
        Deployment.objects.filter(designation__person=person, designation__alliance=alliance)
        .select_related(
            "support_request__school",
            "support_request__area_of_need",
            "designation",
            "academic_year",
        )
        .prefetch_related("visits")
        .order_by("-starts_on")
    )


def deployment_visits_for(*, deployment: Deployment) -> list[DeploymentVisit]:
    """A deployment's visits, oldest first, with who confirmed each. Kept on the deployment, so
    its days delivered and confirmed are summed from them without asking again."""
    prefetch_related_objects(
        [deployment],
        Prefetch("visits", queryset=DeploymentVisit.objects.select_related("confirmed_by")),
    )
    return list(deployment.visits.all())


def capacity_for(*, alliance: Alliance, year: AcademicYear) -> QuerySet[Designation]:
    """Each active SLE/NLE with the days deployed this year (withdrawn deployments excluded)."""
    counting = Q(deployments__academic_year=year) & ~Q(
        deployments__status=DeploymentStatus.WITHDRAWN
    )
    return (
        Designation.objects.filter(alliance=alliance, active=True)
        .select_related("person__organisation", "phase")
        .prefetch_related("specialisms")
        .annotate(days_deployed=Coalesce(Sum("deployments__days", filter=counting), Decimal("0")))
        .annotate(days_left=F("days_available_per_year") - F("days_deployed"))
        .order_by("kind", "person__full_name")
    )


def clusters_for(*, alliance: Alliance, year: AcademicYear) -> QuerySet[PeerReviewCluster]:
    return (
        PeerReviewCluster.objects.filter(alliance=alliance, academic_year=year)
        .select_related("lead_school")
        .prefetch_related(
            Prefetch("schools", queryset=ClusterSchool.objects.select_related("organisation"))
        )
    )
