"""Reads for the impact report and the director's dashboard: aggregates of an alliance's own
records, a fixed number of queries whatever the size of the alliance.

A year's CPD is the sessions that started in it (1 September to 31 August, local time), not
cancelled. A place booked is a confirmed booking; an attendance rate counts only sessions that
have started, so a register not yet due does not lower it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    Max,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from alliance.models import AcademicYear, Alliance, Role, RoleAssignment
from evaluation.models import FeedbackRequest, FeedbackResponse, ImpactReport, RequestKind
from itt.training_selectors import Outcomes, outcomes_for
from leadership.selectors import completers_progressed  # the pipeline feeds the report (issue 15)
from members.models import Membership, MembershipKind
from programmes.models import (
    Attendance,
    Booking,
    BookingStatus,
    Programme,
    ProgrammeKind,
    Session,
    SessionStatus,
)
from research.selectors import ResearchFigures, research_figures
from strands.models import (
    ClusterSchool,
    Contribution,
    Deployment,
    DeploymentStatus,
    PeerReviewCluster,
    StrandKind,
    SupportRequest,
)

LEADERSHIP_KINDS = (
    ProgrammeKind.NPQML,
    ProgrammeKind.NPQSL,
    ProgrammeKind.NPQH,
    ProgrammeKind.NPQEL,
)
QUOTES = 6
ATTENDED = Q(attendance=Attendance.ATTENDED)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _rate(part: int | None, whole: int | None) -> Decimal | None:
    """A percentage to one decimal place, or nothing when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part or 0) * 100 / whole).quantize(Decimal("0.1"))


def _average(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Period:
    """A span of days: an academic year or a term."""

    label: str
    first: datetime.date
    last: datetime.date

    @property
    def starts(self) -> datetime.datetime:
        return _day_start(self.first)

    @property
    def ends(self) -> datetime.datetime:
        return _day_start(self.last + datetime.timedelta(days=1))

    @classmethod
    def of_year(cls, year: AcademicYear) -> Period:
        return cls(year.label, year.starts_on, year.ends_on)

    @classmethod
    def term_of(cls, day: datetime.date) -> Period:
        """The school term a day falls in: autumn to Christmas, spring to Easter (taken as the
        end of March, as holidays differ by school), summer to the end of August."""
        if day.month >= 9:
            return cls(
                f"Autumn term {day.year}",
                datetime.date(day.year, 9, 1),
                datetime.date(day.year, 12, 31),
            )
        if day.month <= 3:
            return cls(
                f"Spring term {day.year}",
                datetime.date(day.year, 1, 1),
                datetime.date(day.year, 3, 31),
            )
        return cls(
            f"Summer term {day.year}", datetime.date(day.year, 4, 1), datetime.date(day.year, 8, 31)
        )


def _sessions(alliance: Alliance, period: Period) -> QuerySet[Session]:
    return Session.objects.filter(
        alliance=alliance,
        status=SessionStatus.SCHEDULED,
        starts_at__gte=period.starts,
        starts_at__lt=period.ends,
    )


def _places(alliance: Alliance, period: Period) -> QuerySet[Booking]:
    return Booking.objects.filter(
        session__alliance=alliance,
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__gte=period.starts,
        session__starts_at__lt=period.ends,
        status=BookingStatus.CONFIRMED,
    )


def _booked_and_attended(started: Q) -> dict[str, Any]:
    """Aggregates of places: all booked, and booked and attended on sessions that started."""
    return {
        "booked": Count("pk"),
        "due": Count("pk", filter=started),
        "attended": Count("pk", filter=started & ATTENDED),
    }


@dataclass
class Breakdown:
    label: str
    booked: int
    attended: int
    due: int

    @property
    def attendance_rate(self) -> Decimal | None:
        return _rate(self.attended, self.due)


def _breakdown(places: QuerySet[Booking], key: str, label_key: str, empty: str) -> list[Breakdown]:
    started = Q(session__starts_at__lt=timezone.now())
    rows = places.values(key, label_key).annotate(**_booked_and_attended(started)).order_by(key)
    return [
        Breakdown(
            strand_label(row[label_key])
            if label_key.endswith("strand__kind")
            else row[label_key] or empty,
            row["booked"],
            row["attended"],
            row["due"],
        )
        for row in rows
    ]


@dataclass
class CpdFigures:
    programmes: int
    sessions: int
    places_booked: int
    places_due: int
    places_attended: int
    schools_reached: int
    member_schools_reached: int
    non_member_schools_reached: int
    member_places: int
    non_member_places: int
    by_audience: list[Breakdown]
    by_phase: list[Breakdown]
    by_strand: list[Breakdown]

    @property
    def attendance_rate(self) -> Decimal | None:
        return _rate(self.places_attended, self.places_due)


def cpd_figures(*, alliance: Alliance, period: Period, detail: bool = True) -> CpdFigures:
    """Five queries: the sessions, the places, and places by audience, phase and strand."""
    sessions = _sessions(alliance, period).aggregate(
        sessions=Count("pk"), programmes=Count("programme", distinct=True)
    )
    places = _places(alliance, period)
    started = Q(session__starts_at__lt=timezone.now())
    reached = started & ATTENDED
    totals = places.aggregate(
        **_booked_and_attended(started),
        schools=Count("organisation", distinct=True, filter=reached),
        member_schools=Count("organisation", distinct=True, filter=reached & Q(is_member=True)),
        non_member_schools=Count(
            "organisation", distinct=True, filter=reached & Q(is_member=False)
        ),
        member_places=Count("pk", filter=Q(is_member=True)),
        non_member_places=Count("pk", filter=Q(is_member=False)),
    )
    # A programme for several audiences (or phases) counts its places under each.
    return CpdFigures(
        programmes=sessions["programmes"],
        sessions=sessions["sessions"],
        places_booked=totals["booked"],
        places_due=totals["due"],
        places_attended=totals["attended"],
        schools_reached=totals["schools"],
        member_schools_reached=totals["member_schools"],
        non_member_schools_reached=totals["non_member_schools"],
        member_places=totals["member_places"],
        non_member_places=totals["non_member_places"],
        by_audience=_breakdown(
            places,
            "session__programme__audiences__position",
            "session__programme__audiences__name",
            "No audience given",
        ),
        by_phase=_breakdown(
            places,
            "session__programme__phases__position",
            "session__programme__phases__name",
            "All phases",
        ),
        by_strand=[]
        if not detail
        else _breakdown(
            places, "session__programme__strand__position", "session__programme__strand__kind", ""
        ),
    )


@dataclass
class FeedbackFigures:
    requests: int
    responses: int
    average_overall: Decimal | None
    average_usefulness: Decimal | None
    quotes: list[dict[str, str]]
    follow_ups: int
    follow_up_answers: int
    follow_up_quotes: list[dict[str, str]]

    @property
    def response_rate(self) -> Decimal | None:
        return _rate(self.responses, self.requests)

    @property
    def follow_up_rate(self) -> Decimal | None:
        return _rate(self.follow_up_answers, self.follow_ups)


def _feedback(alliance: Alliance, period: Period) -> QuerySet[FeedbackRequest]:
    # A follow-up hangs on the delegate's place on the programme's last session, so both kinds
    # fall in the year of the session they are about.
    return FeedbackRequest.objects.filter(
        booking__session__alliance=alliance,
        booking__session__starts_at__gte=period.starts,
        booking__session__starts_at__lt=period.ends,
    )


def _quotes(alliance: Alliance, period: Period, kind: str, text: str) -> list[dict[str, str]]:
    """The latest written answers with the programme they are about, and no one's name."""
    rows = (
        FeedbackResponse.objects.filter(request__in=_feedback(alliance, period).filter(kind=kind))
        .exclude(**{text: ""})
        .order_by("-submitted_at", "-pk")
        .values_list(text, "request__programme__title")[:QUOTES]
    )
    return [{"text": quote, "programme": title} for quote, title in rows]


def feedback_figures(*, alliance: Alliance, period: Period, detail: bool = True) -> FeedbackFigures:
    """Three queries: the counts and averages, and the two sets of quotes."""
    session_kind = Q(kind=RequestKind.SESSION)
    follow_up = Q(kind=RequestKind.FOLLOW_UP)
    answered = Q(response__isnull=False)
    totals = _feedback(alliance, period).aggregate(
        requests=Count("pk", filter=session_kind),
        responses=Count("response", filter=session_kind & answered),
        overall=Avg("response__overall", filter=session_kind),
        usefulness=Avg("response__usefulness", filter=session_kind),
        follow_ups=Count("pk", filter=follow_up),
        follow_up_answers=Count(
            "response", filter=follow_up & answered & ~Q(response__pupils_changed="")
        ),
    )
    return FeedbackFigures(
        requests=totals["requests"],
        responses=totals["responses"],
        average_overall=_average(totals["overall"]),
        average_usefulness=_average(totals["usefulness"]),
        quotes=_quotes(alliance, period, RequestKind.SESSION, "will_change") if detail else [],
        follow_ups=totals["follow_ups"],
        follow_up_answers=totals["follow_up_answers"],
        follow_up_quotes=(
            _quotes(alliance, period, RequestKind.FOLLOW_UP, "pupils_changed") if detail else []
        ),
    )


@dataclass
class LeadershipFigures:
    delegates: int
    completions: int
    by_kind: list[dict[str, Any]]
    # --- From the leadership pipeline (issue 15): NPQ cohort completers in the year and the
    # share of them with a promotion or system leadership role recorded since. ---
    cohort_completers: int = 0
    progressed: int = 0
    progressed_share: int | None = None


def leadership_figures(
    *, alliance: Alliance, period: Period, detail: bool = True
) -> LeadershipFigures:
    """Delegates with a place on a leadership programme's session in the year, and those who
    completed one: attended every session of a programme whose last session fell in the year.
    Two queries."""
    places = _places(alliance, period).filter(session__programme__kind__in=LEADERSHIP_KINDS)
    delegates = (
        {}
        if not detail
        else dict(
            places.values_list("session__programme__kind")
            .annotate(n=Count("delegate", distinct=True))
            .order_by()
        )
    )
    scheduled = Q(sessions__status=SessionStatus.SCHEDULED)
    # Programmes that ended in the year, with the number of sessions a completer attended.
    ended = {
        row["pk"]: row
        for row in Programme.objects.filter(alliance=alliance, kind__in=LEADERSHIP_KINDS)
        .values("pk", "kind")
        .annotate(
            needed=Count("sessions", filter=scheduled),
            last=Max("sessions__starts_at", filter=scheduled),
        )
        .filter(last__gte=period.starts, last__lt=period.ends)
        .order_by()
    }
    attended = (
        Booking.objects.filter(
            session__programme__in=list(ended),
            session__status=SessionStatus.SCHEDULED,
            status=BookingStatus.CONFIRMED,
            attendance=Attendance.ATTENDED,
        )
        .values("session__programme", "delegate")
        .annotate(sessions=Count("session", distinct=True))
        .order_by()
    )
    completions: dict[str, int] = {}
    for row in attended:
        programme = ended[row["session__programme"]]
        if row["sessions"] == programme["needed"]:
            completions[programme["kind"]] = completions.get(programme["kind"], 0) + 1
    by_kind = [
        {
            "label": ProgrammeKind(kind).label,
            "delegates": delegates.get(kind, 0),
            "completions": completions.get(kind, 0),
        }
        for kind in LEADERSHIP_KINDS
        if kind in delegates or kind in completions
    ]
    cohort_completers, progressed = completers_progressed(
        alliance=alliance, completed_from=period.first, completed_to=period.last
    )
    return LeadershipFigures(
        delegates=places.aggregate(n=Count("delegate", distinct=True))["n"],
        completions=sum(completions.values()),
        by_kind=by_kind,
        cohort_completers=cohort_completers,
        progressed=progressed,
        progressed_share=round(100 * progressed / cohort_completers) if cohort_completers else None,
    )


@dataclass
class SupportFigures:
    requests: int
    deployments: int
    days_agreed: Decimal
    days_delivered: Decimal
    by_specialism: list[dict[str, Any]]
    by_designation: list[dict[str, Any]]


AGREED = (DeploymentStatus.AGREED, DeploymentStatus.IN_PROGRESS, DeploymentStatus.COMPLETED)


def support_figures(
    *, alliance: Alliance, year: AcademicYear, detail: bool = True
) -> SupportFigures:
    """School-to-school support: requests, deployments (agreed or further on), the days agreed
    and the days delivered (of completed deployments), by specialism and SLE/NLE. Four queries."""
    requests = SupportRequest.objects.filter(
        alliance=alliance, academic_year__start_year=year.start_year
    )
    deployments = Deployment.objects.filter(
        support_request__alliance=alliance,
        academic_year__start_year=year.start_year,
        status__in=AGREED,
    )
    delivered = Q(status=DeploymentStatus.COMPLETED)
    days = {
        "deployments": Count("pk"),
        "agreed": Sum("days"),
        "delivered": Sum("days", filter=delivered),
    }
    totals = deployments.aggregate(**days)
    figures = SupportFigures(
        requests=0,
        deployments=totals["deployments"],
        days_agreed=totals["agreed"] or Decimal("0"),
        days_delivered=totals["delivered"] or Decimal("0"),
        by_specialism=[],
        by_designation=[],
    )
    if not detail:
        figures.requests = requests.count()
        return figures
    by_request = {
        row["area_of_need__name"]: row["n"]
        for row in requests.values("area_of_need__name").annotate(n=Count("pk")).order_by()
    }
    by_deployment = {
        row["support_request__area_of_need__name"]: row
        for row in deployments.values("support_request__area_of_need__name")
        .annotate(**days)
        .order_by()
    }
    by_specialism = [
        {
            "label": name,
            "requests": by_request.get(name, 0),
            "deployments": by_deployment.get(name, {}).get("deployments", 0),
            "days_delivered": by_deployment.get(name, {}).get("delivered") or Decimal("0"),
        }
        for name in sorted(set(by_request) | set(by_deployment))
    ]
    by_designation = [
        {
            "label": row["designation__kind"].upper(),
            "deployments": row["deployments"],
            "days_agreed": row["agreed"] or Decimal("0"),
            "days_delivered": row["delivered"] or Decimal("0"),
        }
        for row in deployments.values("designation__kind")
        .annotate(**days)
        .order_by("designation__kind")
    ]
    figures.requests = sum(by_request.values())
    figures.by_specialism = by_specialism
    figures.by_designation = by_designation
    return figures


@dataclass
class PeopleFigures:
    """Peer review clusters, strand leads and partners: the names are for the board only."""

    clusters: list[dict[str, Any]] = field(default_factory=list)
    cluster_schools: int = 0
    strand_leads: list[dict[str, str]] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    contributing_organisations: int = 0


def people_figures(*, alliance: Alliance, year: AcademicYear) -> PeopleFigures:
    """Four queries: clusters with their schools, leads, partners and contributors."""
    clusters: dict[int, dict[str, Any]] = {
        cluster.pk: {"name": cluster.name, "lead_school": cluster.lead_school.name, "schools": []}
        for cluster in PeerReviewCluster.objects.filter(
            alliance=alliance, academic_year__start_year=year.start_year
        )
        .select_related("lead_school")
        .order_by("name")
    }
    for cluster_id, school in (
        ClusterSchool.objects.filter(alliance=alliance, academic_year__start_year=year.start_year)
        .order_by("organisation__name")
        .values_list("cluster_id", "organisation__name")
    ):
        clusters[cluster_id]["schools"].append(school)
    leads = (
        RoleAssignment.objects.filter(
            alliance=alliance, academic_year__start_year=year.start_year, role=Role.STRATEGIC_LEAD
        )
        .order_by("strand__position", "starts_on")
        .values_list("strand__kind", "person__full_name", "person__organisation__name")
    )
    partners = (
        Membership.objects.filter(
            alliance=alliance,
            academic_year__start_year=year.start_year,
            kind=MembershipKind.STRATEGIC_PARTNER,
        )
        .order_by("organisation__name")
        .values_list("organisation__name", flat=True)
    )
    contributing = (
        Contribution.objects.filter(
            strand__alliance=alliance, academic_year__start_year=year.start_year
        )
        .values("organisation")
        .distinct()
        .count()
    )
    return PeopleFigures(
        clusters=list(clusters.values()),
        cluster_schools=sum(len(c["schools"]) for c in clusters.values()),
        strand_leads=[
            {"strand": strand_label(kind), "name": name, "organisation": organisation}
            for kind, name, organisation in leads
        ],
        partners=list(partners),
        contributing_organisations=contributing,
    )


def strand_label(kind: str) -> str:
    return StrandKind(kind).label if kind in StrandKind.values else kind


@dataclass
class YearFigures:
    period: Period
    cpd: CpdFigures
    feedback: FeedbackFigures
    leadership: LeadershipFigures
    support: SupportFigures
    people: PeopleFigures
    research: ResearchFigures
    # Trainees who started that year and what became of them (issue 16).
    itt: Outcomes


def year_figures(*, alliance: Alliance, year: AcademicYear, detail: bool = True) -> YearFigures:
    """A year's figures; without ``detail`` (the year before, for comparison) only what the
    headlines and the comparison charts use: no quotes, no breakdowns by strand, kind or need."""
    period = Period.of_year(year)
    return YearFigures(
        period=period,
        cpd=cpd_figures(alliance=alliance, period=period, detail=detail),
        feedback=feedback_figures(alliance=alliance, period=period, detail=detail),
        leadership=leadership_figures(alliance=alliance, period=period, detail=detail),
        support=support_figures(alliance=alliance, year=year, detail=detail),
        people=people_figures(alliance=alliance, year=year),
        # The year before is compared in charts and headlines only, where research is not.
        research=research_figures(alliance=alliance, starts=period.first, ends=period.last)
        if detail
        else ResearchFigures(projects=0, schools=0, published=0, titles=[]),
        itt=outcomes_for(alliance=alliance, year=year),
    )


@dataclass
class Figure:
    """One headline figure beside the year before."""

    label: str
    value: Decimal | int | None
    previous: Decimal | int | None
    unit: str = ""

    @property
    def change(self) -> Decimal | int | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass
class ImpactFigures:
    report: ImpactReport
    year: YearFigures
    before: YearFigures
    headlines: dict[str, list[Figure]]


def _headlines(now: YearFigures, then: YearFigures) -> dict[str, list[Figure]]:
    def figure(label: str, get, unit: str = "") -> Figure:
        return Figure(label, get(now), get(then), unit)

    return {
        "cpd": [
            figure("Programmes run", lambda y: y.cpd.programmes),
            figure("Sessions held", lambda y: y.cpd.sessions),
            figure("Places booked", lambda y: y.cpd.places_booked),
            figure("Places attended", lambda y: y.cpd.places_attended),
            figure("Attendance rate", lambda y: y.cpd.attendance_rate, "%"),
            figure("Schools reached", lambda y: y.cpd.schools_reached),
            figure("Member schools reached", lambda y: y.cpd.member_schools_reached),
            figure("Other schools reached", lambda y: y.cpd.non_member_schools_reached),
            figure("Places for member schools", lambda y: y.cpd.member_places),
            figure("Places for other schools", lambda y: y.cpd.non_member_places),
        ],
        "feedback": [
            figure("Feedback forms sent", lambda y: y.feedback.requests),
            figure("Feedback forms answered", lambda y: y.feedback.responses),
            figure("Response rate", lambda y: y.feedback.response_rate, "%"),
            figure("Overall, out of 5", lambda y: y.feedback.average_overall),
            figure("Useful for practice, out of 5", lambda y: y.feedback.average_usefulness),
            figure("Follow-ups sent", lambda y: y.feedback.follow_ups),
            figure("Follow-ups answered", lambda y: y.feedback.follow_up_answers),
        ],
        "leadership": [
            figure("Delegates on leadership programmes", lambda y: y.leadership.delegates),
            figure("Leadership programmes completed", lambda y: y.leadership.completions),
            figure("NPQ cohort completers", lambda y: y.leadership.cohort_completers),
            figure(
                "Completers promoted or in a system leadership role",
                lambda y: y.leadership.progressed_share,
                "%",
            ),
        ],
        "support": [
            figure("Support requests", lambda y: y.support.requests),
            figure("SLE and NLE deployments", lambda y: y.support.deployments),
            figure("Days agreed", lambda y: y.support.days_agreed),
            figure("Days delivered", lambda y: y.support.days_delivered),
        ],
        "itt": [
            figure("Trainees who started", lambda y: y.itt.total.trainees),
            figure("Completed their training", lambda y: y.itt.total.completed),
            figure("Awarded QTS", lambda y: y.itt.total.qts),
            figure("Employed in an alliance school", lambda y: y.itt.total.employed_in_alliance),
        ],
        "people": [
            figure("Peer review clusters", lambda y: len(y.people.clusters)),
            figure("Schools in peer review clusters", lambda y: y.people.cluster_schools),
            figure("Strand leads", lambda y: len(y.people.strand_leads)),
            figure("Strategic partners", lambda y: len(y.people.partners)),
            figure(
                "Organisations contributing to strands",
                lambda y: y.people.contributing_organisations,
            ),
        ],
    }


def impact_report_for(*, alliance: Alliance, year: AcademicYear) -> ImpactReport:
    """The year's report row (foreword, publication); unsaved until the director writes."""
    report = (
        ImpactReport.objects.filter(alliance=alliance, academic_year__start_year=year.start_year)
        .select_related("published_by")
        .first()
    )
    return report or ImpactReport(alliance=alliance, academic_year=year)


def impact_figures_for(*, alliance: Alliance, year: AcademicYear) -> ImpactFigures:
    """Every figure of the year and of the year before, for the report's pages and PDFs."""
    before = AcademicYear(start_year=year.start_year - 1)
    now = year_figures(alliance=alliance, year=year)
    then = year_figures(alliance=alliance, year=before, detail=False)
    return ImpactFigures(
        report=impact_report_for(alliance=alliance, year=year),
        year=now,
        before=then,
        headlines=_headlines(now, then),
    )


@dataclass
class DashboardFigures:
    term: Period
    year: AcademicYear
    places_taken: int
    capacity: int
    places_due: int
    places_attended: int
    average_overall: Decimal | None
    responses: int
    member_schools: int
    schools_not_booking: int
    days_agreed: Decimal
    days_delivered: Decimal
    open_requests: int
    signposted_requests: int
    deployed_requests: int
    by_month: list[dict[str, Any]]

    @property
    def fill_rate(self) -> Decimal | None:
        return _rate(self.places_taken, self.capacity)

    @property
    def attendance_rate(self) -> Decimal | None:
        return _rate(self.places_attended, self.places_due)


def dashboard_for(*, alliance: Alliance, today: datetime.date | None = None) -> DashboardFigures:
    """The director's first glance: this term's CPD and the year's support. Six queries."""
    today = today or timezone.localdate()
    term = Period.term_of(today)
    # Not saved: the year is only a filter, and looking it up would cost every home a query.
    year = AcademicYear(start_year=AcademicYear.start_year_for(today))
    started = Q(session__starts_at__lt=timezone.now())
    places = _places(alliance, term)
    months = {
        row["month"].date(): row
        for row in _sessions(alliance, term)
        .annotate(month=TruncMonth("starts_at"))
        .values("month")
        .annotate(capacity=Sum("capacity"), taken=Sum("places_taken"))
        .order_by("month")
    }
    attendance = {
        row["month"].date(): row
        for row in places.annotate(month=TruncMonth("session__starts_at"))
        .values("month")
        .annotate(**_booked_and_attended(started))
        .order_by("month")
    }
    satisfaction = FeedbackResponse.objects.filter(
        request__kind=RequestKind.SESSION,
        request__booking__session__alliance=alliance,
        request__booking__session__starts_at__gte=term.starts,
        request__booking__session__starts_at__lt=term.ends,
    ).aggregate(overall=Avg("overall"), n=Count("pk"))
    booking_schools = Booking.objects.filter(
        session__alliance=alliance,
        session__starts_at__gte=Period.of_year(year).starts,
        session__starts_at__lt=Period.of_year(year).ends,
    ).values("organisation")
    schools = Membership.objects.filter(
        alliance=alliance,
        academic_year__start_year=year.start_year,
        kind__in=(MembershipKind.TEACHING_SCHOOL, MembershipKind.MEMBER_SCHOOL),
    ).aggregate(
        members=Count("organisation", distinct=True),
        not_booking=Count(
            "organisation", distinct=True, filter=~Q(organisation__in=booking_schools)
        ),
    )
    days = Deployment.objects.filter(
        support_request__alliance=alliance,
        academic_year__start_year=year.start_year,
        status__in=AGREED,
    ).aggregate(
        agreed=Sum("days"), delivered=Sum("days", filter=Q(status=DeploymentStatus.COMPLETED))
    )
    deployed = Q(deployments__isnull=False) & ~Q(deployments__status=DeploymentStatus.WITHDRAWN)
    requests = SupportRequest.objects.filter(
        alliance=alliance, academic_year__start_year=year.start_year
    ).aggregate(
        deployed=Count("pk", distinct=True, filter=deployed),
        signposted=Count("pk", distinct=True, filter=~Q(signpost_kind="") & ~deployed),
        open=Count("pk", distinct=True, filter=Q(signpost_kind="") & ~deployed),
    )
    by_month = [
        {
            "month": month,
            "fill_rate": _rate(row["taken"], row["capacity"]),
            "attendance_rate": _rate(
                attendance.get(month, {}).get("attended"), attendance.get(month, {}).get("due")
            ),
        }
        for month, row in months.items()
    ]
    return DashboardFigures(
        term=term,
        year=year,
        places_taken=sum(row["taken"] or 0 for row in months.values()),
        capacity=sum(row["capacity"] or 0 for row in months.values()),
        # Every place of the term falls in one of its months.
        places_due=sum(row["due"] for row in attendance.values()),
        places_attended=sum(row["attended"] for row in attendance.values()),
        average_overall=_average(satisfaction["overall"]),
        responses=satisfaction["n"],
        member_schools=schools["members"],
        schools_not_booking=schools["not_booking"],
        days_agreed=days["agreed"] or Decimal("0"),
        days_delivered=days["delivered"] or Decimal("0"),
        open_requests=requests["open"],
        signposted_requests=requests["signposted"],
        deployed_requests=requests["deployed"],
        by_month=by_month,
    )
