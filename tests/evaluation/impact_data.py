"""A small alliance made by hand for the impact report's tests: its right answers are written in
the tests that use it. Dates fall in the last full academic year ("this year" of the report) and
the year before it."""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal
from itertools import count

from django.utils import timezone

from alliance.models import AcademicYear, Alliance, Role, RoleAssignment
from evaluation.models import FeedbackRequest, FeedbackResponse, RequestKind, token_digest
from members.models import (
    Designation,
    Membership,
    MembershipKind,
    Organisation,
    Person,
    Phase,
    Specialism,
)
from programmes.models import (
    Attendance,
    Audience,
    Booking,
    BookingStatus,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Session,
    SessionStatus,
)
from strands.models import (
    ClusterSchool,
    Contribution,
    Deployment,
    DeploymentStatus,
    PeerReviewCluster,
    Strand,
    SupportRequest,
)

_serial = count()


def report_year() -> AcademicYear:
    """The last full year: the one an autumn's impact report is about."""
    year, _ = AcademicYear.objects.get_or_create(start_year=AcademicYear.current().start_year - 1)
    return year


def year_before() -> AcademicYear:
    year, _ = AcademicYear.objects.get_or_create(start_year=report_year().start_year - 1)
    return year


def at(year: AcademicYear, month: int, day: int) -> datetime.datetime:
    calendar_year = year.start_year if month >= 9 else year.start_year + 1
    return timezone.make_aware(datetime.datetime(calendar_year, month, day, 9, 30))


class Builder:
    def __init__(self, slug: str) -> None:
        self.alliance = Alliance.objects.create(name=f"Alliance {slug}", slug=slug)
        self.strands = {s.kind: s for s in Strand.create_all_for(self.alliance)}
        self.led_by = Organisation.objects.create(name=f"Leading school {next(_serial)}")

    def school(
        self, name: str, year: AcademicYear, kind: str | None = MembershipKind.MEMBER_SCHOOL
    ):
        organisation = Organisation.objects.create(name=f"{name} {next(_serial)}")
        if kind:
            Membership.objects.create(
                alliance=self.alliance, organisation=organisation, academic_year=year, kind=kind
            )
        return organisation

    def person(self, name: str, organisation: Organisation) -> Person:
        return Person.objects.create(
            full_name=name, email=f"p{next(_serial)}@example.test", organisation=organisation
        )

    def programme(self, strand: str, kind: str = ProgrammeKind.CPD, audiences=(), phases=()):
        programme = Programme.objects.create(
            alliance=self.alliance,
            strand=self.strands[strand],
            kind=kind,
            title=f"Programme {next(_serial)}",
            summary="For tests.",
            led_by=self.led_by,
            status=ProgrammeStatus.PUBLISHED,
            member_price=Decimal("0"),
            non_member_price=Decimal("0"),
        )
        programme.audiences.set(Audience.objects.filter(code__in=audiences))
        programme.phases.set(Phase.objects.filter(code__in=phases))
        return programme

    def session(self, programme: Programme, starts: datetime.datetime, **fields) -> Session:
        return Session.objects.create(
            alliance=self.alliance,
            programme=programme,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            capacity=fields.pop("capacity", 10),
            booking_deadline=starts,
            **fields,
        )

    def book(
        self,
        session: Session,
        person: Person,
        attendance: str = Attendance.ATTENDED,
        *,
        is_member: bool = True,
        status: str = BookingStatus.CONFIRMED,
    ) -> Booking:
        booking = Booking.objects.create(
            session=session,
            delegate=person,
            organisation=person.organisation,
            status=status,
            is_member=is_member,
            attendance=attendance,
        )
        if status == BookingStatus.CONFIRMED:
            Session.objects.filter(pk=session.pk).update(places_taken=session.places_taken + 1)
            session.refresh_from_db()
        return booking

    def feedback(self, booking: Booking, kind: str = RequestKind.SESSION, **answers):
        digest = token_digest(secrets.token_urlsafe())
        request = FeedbackRequest.objects.create(
            kind=kind,
            booking=booking,
            programme=booking.session.programme,
            session=booking.session if kind == RequestKind.SESSION else None,
            person=booking.delegate,
            token_digest=digest,
            expires_at=booking.session.starts_at + datetime.timedelta(days=14),
        )
        if answers:
            FeedbackResponse.objects.create(request=request, **answers)
            request.answered_at = booking.session.starts_at
            request.save()
        return request

    def support(self, school, year, specialism: str, phase: str = "primary") -> SupportRequest:
        return SupportRequest.objects.create(
            alliance=self.alliance,
            academic_year=year,
            school=school,
            area_of_need=Specialism.objects.get_or_create(name=specialism)[0],
            phase=Phase.objects.get(code=phase),
            description="Help, please.",
            preferred_dates="Tuesdays",
            requested_by=self.person("Asking head", school),
        )

    def designation(self, person: Person, kind: str) -> Designation:
        return Designation.objects.create(
            alliance=self.alliance,
            person=person,
            kind=kind,
            phase=Phase.objects.get(code="primary"),
            days_available_per_year=Decimal("20"),
        )

    def deploy(self, request, designation, year, days: str, status: str) -> Deployment:
        return Deployment.objects.create(
            support_request=request,
            designation=designation,
            academic_year=year,
            days=Decimal(days),
            starts_on=year.starts_on,
            ends_on=year.ends_on,
            status=status,
            outcome_note="Done.",
            school_evaluation="Good.",
        )


def build_alliance(slug: str = "testford") -> Builder:
    """The hand-made alliance. See ``tests/evaluation/test_impact_figures.py`` for its answers."""
    b = Builder(slug)
    year, before = report_year(), year_before()
    alpha = b.school("Alpha Primary", year)
    beta = b.school("Beta Primary", year)
    gamma = b.school("Gamma Primary", year, kind=None)  # not a member: pays the full price
    delta = b.school("Delta Primary", year)  # a member that books nothing
    university = b.school("Testford University", year, kind=MembershipKind.STRATEGIC_PARTNER)
    ann, amir = b.person("Ann Alpha", alpha), b.person("Amir Alpha", alpha)
    ben = b.person("Ben Beta", beta)
    cat = b.person("Cat Gamma", gamma)

    # This year: a CPD course of two sessions (and a third, cancelled) ...
    course = b.programme("cpd", audiences=["teachers"], phases=["primary"])
    first = b.session(course, at(year, 10, 6))
    second = b.session(course, at(year, 11, 3))
    cancelled = b.session(course, at(year, 12, 1), status=SessionStatus.CANCELLED)
    ann_first = b.book(first, ann)
    b.book(first, amir, Attendance.ABSENT)
    ben_first = b.book(first, ben)
    b.book(first, b.person("Changed mind", alpha), "", status=BookingStatus.CANCELLED)
    ann_second = b.book(second, ann)
    cat_second = b.book(second, cat, is_member=False)
    b.book(cancelled, ann, "")
    b.feedback(ann_first, overall=5, usefulness=4, will_change="More retrieval practice")
    b.feedback(ben_first, overall=3, usefulness=4)
    b.feedback(ann_second)  # never answered
    b.feedback(cat_second, overall=4, usefulness=5, will_change="Shorter starters")

    # ... and an NPQSL of two sessions: Ann completes it, Ben misses the second.
    npq = b.programme("leadership", ProgrammeKind.NPQSL, audiences=["senior-leaders"])
    npq_first = b.session(npq, at(year, 1, 12))
    npq_second = b.session(npq, at(year, 2, 9))
    b.book(npq_first, ann)
    b.book(npq_first, ben)
    ann_last = b.book(npq_second, ann)
    b.book(npq_second, ben, Attendance.ABSENT)
    b.feedback(ann_last, RequestKind.FOLLOW_UP, pupils_changed="Reading ages are up.")

    # School-to-school support: three requests, an SLE's completed days, an NLE's agreed ones.
    sle = b.designation(b.person("Sam SLE", alpha), "sle")
    nle = b.designation(b.person("Nia NLE", beta), "nle")
    phonics = b.support(delta, year, "Impact phonics")
    maths = b.support(beta, year, "Impact maths")
    unmet = b.support(alpha, year, "Impact maths")
    b.deploy(phonics, sle, year, "4", DeploymentStatus.COMPLETED)
    b.deploy(maths, nle, year, "3", DeploymentStatus.AGREED)
    b.deploy(unmet, sle, year, "2", DeploymentStatus.WITHDRAWN)

    # Peer review, a strand lead, a partner contributing.
    north = PeerReviewCluster.objects.create(
        alliance=b.alliance, academic_year=year, name="North cluster", lead_school=alpha
    )
    south = PeerReviewCluster.objects.create(
        alliance=b.alliance, academic_year=year, name="South cluster", lead_school=gamma
    )
    for cluster, school in ((north, alpha), (north, beta), (south, gamma)):
        ClusterSchool.objects.create(
            cluster=cluster, organisation=school, alliance=b.alliance, academic_year=year
        )
    RoleAssignment.objects.create(
        alliance=b.alliance,
        academic_year=year,
        person=b.person("Lena Lead", alpha),
        role=Role.STRATEGIC_LEAD,
        strand=b.strands["cpd"],
        starts_on=year.starts_on,
    )
    Contribution.objects.create(
        strand=b.strands["cpd"],
        organisation=university,
        academic_year=year,
        starts_on=year.starts_on,
    )

    # The year before: one session, half attended, one answer; one support request.
    old = b.programme("cpd", audiences=["teachers"], phases=["primary"])
    old_session = b.session(old, at(before, 10, 7))
    old_ann = b.book(old_session, ann)
    b.book(old_session, ben, Attendance.ABSENT)
    b.feedback(old_ann, overall=3, usefulness=3)
    b.support(alpha, before, "Impact phonics")
    return b


def grow(b: Builder, n: int) -> None:
    """``n`` more courses of the report's year, each with its places, answers and support."""
    year = report_year()
    for _ in range(n):
        school = b.school("Growing Primary", year)
        people = [b.person(f"Grower {next(_serial)}", school) for _ in range(3)]
        course = b.programme(
            "cpd", audiences=["teachers", "teaching-assistants"], phases=["primary", "secondary"]
        )
        npq = b.programme("leadership", ProgrammeKind.NPQH, audiences=["headteachers"])
        for programme, month in ((course, 11), (npq, 3)):
            session = b.session(programme, at(year, month, 10))
            for person in people:
                booking = b.book(session, person)
                b.feedback(booking, overall=4, usefulness=4, will_change="Something new")
        request = b.support(school, year, "Impact growth")
        b.deploy(request, b.designation(people[0], "sle"), year, "1", DeploymentStatus.COMPLETED)
        cluster = PeerReviewCluster.objects.create(
            alliance=b.alliance,
            academic_year=year,
            name=f"Cluster {next(_serial)}",
            lead_school=school,
        )
        ClusterSchool.objects.create(
            cluster=cluster, organisation=school, alliance=b.alliance, academic_year=year
        )


def make_director(b: Builder, person: Person) -> None:
    """Make a demo person the director of the hand-made alliance this year."""
    current = AcademicYear.current()
    RoleAssignment.objects.create(
        alliance=b.alliance,
        academic_year=current,
        person=person,
        role=Role.DIRECTOR,
        starts_on=current.starts_on,
    )
