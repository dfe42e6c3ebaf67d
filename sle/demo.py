"""Demo SLE designation for Southwark: the SLE training programme, last year's closed round that
designated two of its SLEs (booked on the training, one session attended), this year's round in
progress with applications at different stages, and last year's annual reviews.

Keyed on titles and people: running it again adds nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from alliance.demo import DemoAlliance, _name
from alliance.models import AcademicYear, RoleAssignment
from alliance.terms import term_weekday
from members.models import Designation, DesignationKind, Person, Phase, Specialism
from programmes.models import (
    Attendance,
    Audience,
    Booking,
    BookingStatus,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Session,
)
from programmes.services import programmes_refresh_schedule
from sle.models import (
    ApplicationStatus,
    DesignationReview,
    DesignationRound,
    ReviewOutcome,
    SleApplication,
)
from strands.models import StrandKind

TRAINING = "SLE training: supporting other schools"
PAST_ROUND = "SLE designation round, spring {year}"
OPEN_ROUND = "SLE designation round, autumn {year}"
SOUGHT = [
    "Mathematics",
    "Phonics and early reading",
    "Special educational needs and disabilities",
    "Science",
]


def _at(days: int, hour: int = 9) -> datetime.datetime:
    day = term_weekday(
        timezone.localdate() + datetime.timedelta(days=days), step=-1 if days < 0 else 1
    )
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _training(demo: DemoAlliance) -> Programme:
    """Three sessions: one a few weeks ago, two to come."""
    programme, created = Programme.objects.get_or_create(
        alliance=demo.alliance,
        title=TRAINING,
        defaults={
            "strand": demo.strands[StrandKind.SLE],
            "kind": ProgrammeKind.CPD,
            "summary": "The required training for newly designated SLEs: coaching, diagnosing "
            "a school's needs and agreeing a deployment.",
            "led_by": demo.organisations["Charles Dickens Primary School"],
            "member_price": Decimal(0),
            "non_member_price": Decimal(0),
            "status": ProgrammeStatus.PUBLISHED,
        },
    )
    if created:
        programme.audiences.set(Audience.objects.filter(code__in=["teachers", "middle-leaders"]))
        for days in (-40, 15, 45):
            starts = _at(days)
            Session.objects.create(
                alliance=demo.alliance,
                programme=programme,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                booking_deadline=starts - datetime.timedelta(days=2),
                venue="Charles Dickens Primary School, training room",
                capacity=20,
            )
    return programme


def _book(programme: Programme, person: Person, director: Person) -> None:
    """Book the SLE on every session; the one already held is marked attended."""
    now = timezone.now()
    for session in programme.sessions.order_by("starts_at"):
        _, created = Booking.objects.get_or_create(
            session=session,
            delegate=person,
            defaults={
                "organisation": person.organisation,
                "booked_by": director,
                "status": BookingStatus.CONFIRMED,
                "attendance": Attendance.ATTENDED if session.starts_at < now else "",
                "created_at": now - datetime.timedelta(days=60),
            },
        )
        if created:
            session.places_taken += 1
            session.save(update_fields=["places_taken"])


def _round(demo: DemoAlliance, title: str, closes_on, programme, director, closed: bool):
    designation_round, created = DesignationRound.objects.get_or_create(
        alliance=demo.alliance,
        title=title,
        defaults={
            "closes_on": closes_on,
            "training_programme": programme,
            "opened_by": director.user,
            "opened_at": timezone.make_aware(
                datetime.datetime.combine(closes_on - datetime.timedelta(days=42), datetime.time(9))
            ),
            "closed_at": timezone.now() - datetime.timedelta(days=200) if closed else None,
        },
    )
    if created:
        designation_round.specialisms.set(Specialism.objects.filter(name__in=SOUGHT))
        designation_round.phases.set(Phase.objects.filter(code__in=["primary", "secondary"]))
    return designation_round


def _apply(designation_round, person: Person, specialism: str, **fields) -> SleApplication:
    application, _ = SleApplication.objects.get_or_create(
        round=designation_round,
        applicant=person,
        defaults={
            "school": person.organisation,
            "specialism": Specialism.objects.get(name=specialism),
            "phase": Phase.objects.get(code="primary"),
            "experience": "Subject lead for four years; led the school's catch-up programme.",
            "statement": f"I would like to help other schools develop {specialism.lower()} "
            "as we have in ours, by coaching their leads and modelling lessons.",
            "submitted_at": designation_round.opened_at + datetime.timedelta(days=5),
            **fields,
        },
    )
    return application


def _head_of(organisation) -> Person | None:
    headship = RoleAssignment.objects.headships().filter(organisation=organisation).first()
    return headship.person if headship else None


def _past_round(demo: DemoAlliance, programme: Programme, director: Person) -> None:
    year = demo.year.start_year
    designation_round = _round(
        demo, PAST_ROUND.format(year=year), datetime.date(year, 3, 20), programme, director, True
    )
    decided = timezone.make_aware(datetime.datetime(year, 4, 24, 16))
    designations = (
        Designation.objects.filter(
            alliance=demo.alliance,
            kind=DesignationKind.SLE,
            specialisms__name__in=["Mathematics", "Science"],
        )
        .distinct()
        .select_related("person")
    )
    for designation in designations:
        head = _head_of(designation.person.organisation)
        specialism = designation.specialisms.filter(name__in=SOUGHT).first()
        _apply(
            designation_round,
            designation.person,
            specialism.name,
            status=ApplicationStatus.DESIGNATED,
            head_comment="We can release them a day a fortnight.",
            head_responded_by=head,
            head_responded_at=decided - datetime.timedelta(days=30),
            interviewed_on=decided.date() - datetime.timedelta(days=7),
            interview_panel="The director, the chair and an NLE",
            interview_notes="Clear, practical examples of coaching colleagues.",
            feedback="A strong application: welcome to the alliance's SLEs.",
            days_released=designation.days_available_per_year,
            designation=designation,
            decided_at=decided,
        )
        # Designated by this round (the foundation dates every designation two years back).
        Designation.objects.filter(pk=designation.pk).update(designated_on=decided.date())
        _book(programme, designation.person, director)
    crampton = demo.people["chair2"].organisation
    head = _head_of(crampton)
    turned_down = Person.objects.filter(
        organisation=crampton, full_name=_name(41)
    ).first() or Person.objects.create(
        full_name=_name(41),
        organisation=crampton,
        job_title="Year 6 teacher",
        email="applicant41@crampton.demo.test",
    )
    _apply(
        designation_round,
        turned_down,
        "Science",
        status=ApplicationStatus.NOT_DESIGNATED,
        head_responded_by=head,
        head_responded_at=decided - datetime.timedelta(days=30),
        interviewed_on=decided.date() - datetime.timedelta(days=7),
        interview_panel="The director, the chair and an NLE",
        interview_notes="Promising; needs more experience of leading beyond their class.",
        feedback="Lead a project across your year group this year, and apply again.",
        decided_at=decided,
    )


def _open_round(demo: DemoAlliance, programme: Programme, director: Person) -> None:
    today = timezone.localdate()
    designation_round = _round(
        demo,
        OPEN_ROUND.format(year=demo.year.start_year),
        today + datetime.timedelta(days=30),
        programme,
        director,
        False,
    )
    bellenden = demo.people["head"].organisation
    waiting = Person.objects.filter(organisation=bellenden, full_name="Ben Okoye").first()
    if waiting is not None:  # Bellenden's staff come with the CPD demo
        _apply(designation_round, waiting, "Mathematics")
    head = demo.people["chair2"]
    crampton = head.organisation
    for index, (specialism, status) in enumerate(
        [
            ("Phonics and early reading", ApplicationStatus.SUPPORTED),
            ("Special educational needs and disabilities", ApplicationStatus.SHORTLISTED),
        ]
    ):
        name = _name(43 + index)
        person = Person.objects.filter(organisation=crampton, full_name=name).first()
        person = person or Person.objects.create(
            full_name=name,
            organisation=crampton,
            job_title="Assistant headteacher",
            email=f"applicant{43 + index}@crampton.demo.test",
        )
        _apply(
            designation_round,
            person,
            specialism,
            status=status,
            head_comment="Fully supported: an outstanding practitioner.",
            head_responded_by=head,
            head_responded_at=timezone.now() - datetime.timedelta(days=3),
        )


def _last_year_reviews(demo: DemoAlliance, director: Person) -> None:
    last_year, _ = AcademicYear.objects.get_or_create(start_year=demo.year.start_year - 1)
    for designation in Designation.objects.filter(alliance=demo.alliance, active=True):
        DesignationReview.objects.get_or_create(
            designation=designation,
            academic_year=last_year,
            defaults={
                "outcome": ReviewOutcome.CONTINUED,
                "reviewed_by": director.user,
                "reviewed_on": last_year.ends_on - datetime.timedelta(days=45),
            },
        )


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    director = southwark.people["director"]
    programme = _training(southwark)
    _past_round(southwark, programme, director)
    _open_round(southwark, programme, director)
    _last_year_reviews(southwark, director)
    programmes_refresh_schedule(programme_ids=[programme.pk])
