"""Reads for designating SLEs: rounds, applications for who is asking, the directory, reviews."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.http import Http404

from alliance.models import AcademicYear, Alliance
from alliance.permissions import AlliancePerms
from alliance.terms import holidays
from members.models import Designation, DesignationKind, Specialism
from programmes.models import Attendance, Booking, Session, SessionStatus
from sle.models import ApplicationStatus, DesignationReview, DesignationRound, SleApplication
from strands.models import Deployment, DeploymentStatus, DeploymentVisit
from strands.selectors import capacity_for

# A term runs between the long holidays (Christmas, Easter, summer); half-terms fall inside it.
LONG_HOLIDAY_DAYS = 10
TERMS_A_YEAR = 3


def term_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The school term ``day`` falls in (the next one, in a holiday): first and last day."""
    spans = sorted(
        span for year in (day.year - 1, day.year, day.year + 1) for span in holidays(year)
    )
    # Christmas straddles two calendar years: join its two halves before measuring it.
    merged: list[tuple[datetime.date, datetime.date]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1] + datetime.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    merged = [(f, last) for f, last in merged if (last - f).days + 1 >= LONG_HOLIDAY_DAYS]
    starts = max(last for first, last in merged if first <= day) + datetime.timedelta(days=1)
    ends = min(first for first, last in merged if first > starts) - datetime.timedelta(days=1)
    return starts, ends


def rounds_for(*, alliance: Alliance) -> QuerySet[DesignationRound]:
    return (
        DesignationRound.objects.filter(alliance=alliance)
        .select_related("training_programme")
        .prefetch_related("specialisms", "phases")
        .annotate(application_count=Count("applications"))
    )


def open_rounds_for(*, alliance: Alliance, today: datetime.date) -> QuerySet[DesignationRound]:
    return rounds_for(alliance=alliance).filter(closed_at__isnull=True, closes_on__gte=today)


def _applications() -> QuerySet[SleApplication]:
    return SleApplication.objects.select_related(
        "round__alliance",
        "round__training_programme",
        "applicant",
        "school",
        "specialism",
        "phase",
        "head_responded_by",
    )


def applications_in(*, designation_round: DesignationRound) -> QuerySet[SleApplication]:
    return _applications().filter(round=designation_round)


def applications_of(*, perms: AlliancePerms) -> QuerySet[SleApplication]:
    """The signed-in person's own applications in this alliance."""
    return _applications().filter(round__alliance=perms.alliance, applicant=perms.person)


def applications_awaiting_support_for(*, perms: AlliancePerms) -> QuerySet[SleApplication]:
    """Applications from the schools this person heads that wait for their answer."""
    return _applications().filter(
        round__alliance=perms.alliance,
        school_id__in=perms.organisation_ids,
        status=ApplicationStatus.AWAITING_SUPPORT,
    )


def application_for(*, perms: AlliancePerms, pk: int) -> SleApplication:
    """An application for its applicant, their head and the director; 404 for anyone else, so
    that nobody learns who applied from another school."""
    application = _applications().filter(round__alliance=perms.alliance, pk=pk).first()
    if application is None or perms.person is None:
        raise Http404
    if (
        "sle.designate" in perms
        or application.applicant_id == perms.person.pk
        or perms.heads(application.school_id)
    ):
        return application
    raise Http404


def _training_programme() -> Subquery:
    """The required training of the round that designated them (none for older designations)."""
    return Subquery(
        SleApplication.objects.filter(
            designation=OuterRef("pk"), status=ApplicationStatus.DESIGNATED
        )
        .order_by("-decided_at")
        .values("round__training_programme")[:1]
    )


def _training_due() -> Exists:
    """A scheduled session of their training they have not attended (yet)."""
    attended = Booking.objects.filter(
        session=OuterRef("pk"),
        delegate=OuterRef(OuterRef("person")),
        attendance=Attendance.ATTENDED,
    )
    return Exists(
        Session.objects.filter(
            programme=OuterRef("training_programme_id"), status=SessionStatus.SCHEDULED
        ).exclude(Exists(attended))
    )


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    specialism: Specialism | None = None
    phase_code: str = ""
    available_this_term: bool = False


def directory_for(
    *, alliance: Alliance, query: DirectoryQuery, today: datetime.date
) -> QuerySet[Designation]:
    """Active SLEs and NLEs with their days: released a year, left after the deployments agreed
    this year (``strands.selectors.capacity_for``, the capacity rule), and free this term: a
    third of the year's days, less the deployments this term, never more than the days left."""
    starts, ends = term_of(today)
    this_term = Q(
        deployments__academic_year=AcademicYear.current(),
        deployments__starts_on__lte=ends,
        deployments__ends_on__gte=starts,
    ) & ~Q(deployments__status=DeploymentStatus.WITHDRAWN)
    money = DecimalField(max_digits=6, decimal_places=1)
    designations = (
        capacity_for(alliance=alliance, year=AcademicYear.current())
        .annotate(days_this_term=Coalesce(Sum("deployments__days", filter=this_term), Decimal(0)))
        .annotate(
            free_this_term=ExpressionWrapper(
                Greatest(
                    Least(
                        F("days_left"),
                        ExpressionWrapper(
                            F("days_available_per_year") / Value(Decimal(TERMS_A_YEAR)),
                            output_field=money,
                        )
                        - F("days_this_term"),
                    ),
                    Value(Decimal(0)),
                ),
                output_field=money,
            ),
            training_programme_id=_training_programme(),
        )
        .annotate(training_due=_training_due())
    )
    # Filters on the specialisms through a subquery: a join would count each deployment twice.
    if query.text:
        designations = designations.filter(
            Q(person__full_name__icontains=query.text)
            | Q(
                pk__in=Designation.objects.filter(specialisms__name__icontains=query.text).values(
                    "pk"
                )
            )
        )
    if query.specialism is not None:
        designations = designations.filter(
            pk__in=Designation.objects.filter(specialisms=query.specialism).values("pk")
        )
    if query.phase_code:
        designations = designations.filter(phase__code=query.phase_code)
    if query.available_this_term:
        designations = designations.filter(free_this_term__gt=0)
    return designations


@dataclass(frozen=True)
class ReviewRow:
    designation: Designation
    deployments: list[Deployment]
    days_delivered: Decimal
    review: DesignationReview | None

    @property
    def evaluations(self) -> list[Deployment]:
        return [d for d in self.deployments if d.school_evaluation.strip()]


def review_rows_for(
    *, alliance: Alliance, year: AcademicYear, pk: int | None = None
) -> list[ReviewRow]:
    """Each SLE and NLE active or reviewed this year (or the one ``pk``), with this year's
    deployments (their visits and evaluations) and this year's review, in a fixed number of
    queries."""
    reviews = DesignationReview.objects.filter(academic_year=year).select_related("reviewed_by")
    reviewed = reviews.filter(designation__alliance=alliance).values("designation")
    designations = (
        Designation.objects.filter(alliance=alliance)
        .filter(Q(active=True) | Q(pk__in=reviewed))
        .filter(kind__in=[DesignationKind.SLE, DesignationKind.NLE])
        .select_related("person__organisation", "phase")
        .prefetch_related(
            "specialisms",
            Prefetch(
                "deployments",
                queryset=Deployment.objects.counting_capacity()
                .filter(academic_year=year)
                .select_related("support_request__school")
                .prefetch_related(Prefetch("visits", queryset=DeploymentVisit.objects.all())),
                to_attr="year_deployments",
            ),
        )
        .order_by("kind", "person__full_name")
    )
    if pk is not None:
        designations = designations.filter(pk=pk)
    by_designation = {r.designation_id: r for r in reviews.filter(designation__in=designations)}
    return [
        ReviewRow(
            designation=d,
            deployments=d.year_deployments,
            days_delivered=sum((dep.days_delivered for dep in d.year_deployments), Decimal(0)),
            review=by_designation.get(d.pk),
        )
        for d in designations
    ]


def review_row_for(*, alliance: Alliance, year: AcademicYear, pk: int) -> ReviewRow:
    rows = review_rows_for(alliance=alliance, year=year, pk=pk)
    if not rows:
        raise Http404
    return rows[0]
