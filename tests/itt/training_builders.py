"""Builders for the ITT training tests: a partnership of Southwark's, a trainee with a sign-in,
mentors at a school, and runs of the mentors' training with registers marked."""

from __future__ import annotations

import datetime
from itertools import count

from django.utils import timezone

from alliance.models import AcademicYear, Alliance
from itt.models import Partnership, Placement, PlacementKind, Route, Trainee
from members.models import Organisation, Person, User
from programmes.models import Attendance, Booking, BookingStatus, Programme, Session

_serial = count(1)
MENTORS_COURSE = "School Direct mentors' training"


def school(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def partnership(alliance: Alliance, *, name: str = "") -> Partnership:
    return Partnership.objects.create(
        alliance=alliance,
        name=name or f"Training test partnership {next(_serial)}",
        lead_school=school("John Donne Primary School"),
        provider=school("UCL Institute of Education"),
        provider_contact_name="Priya Shah",
        provider_contact_email="provider@ioe.test",
        route=Route.SALARIED,
        mentor_training=mentors_course(alliance),
    )


def mentors_course(alliance: Alliance) -> Programme:
    """A mentors' course of the test's own: the demo's has runs of its own."""
    demo_course = Programme.objects.get(alliance=alliance, title=MENTORS_COURSE)
    return Programme.objects.create(
        alliance=alliance,
        strand=demo_course.strand,
        kind=demo_course.kind,
        title=f"Mentors' course {next(_serial)}",
        summary="Mentoring trainees.",
        led_by=demo_course.led_by,
    )


def person(org: Organisation | None, name: str = "", *, login: bool = True) -> Person:
    n = next(_serial)
    email = f"itt-test-{n}@example.test"
    user = User.objects.create_user(email=email, password="x") if login else None
    return Person.objects.create(
        full_name=name or f"Itt Person {n}", organisation=org, email=email, user=user
    )


def this_year() -> AcademicYear:
    return AcademicYear.current()


def trainee(
    of: Partnership,
    *,
    year: AcademicYear | None = None,
    starts: datetime.date | None = None,
    ends: datetime.date | None = None,
    name: str = "",
    **fields,
) -> Trainee:
    year = year or this_year()
    return Trainee.objects.create(
        person=person(None, name or f"Trainee {next(_serial)}"),
        partnership=of,
        academic_year=year,
        route=fields.pop("route", of.route),
        subject="Primary general",
        training_starts_on=starts or year.starts_on,
        training_ends_on=ends or datetime.date(year.start_year + 1, 7, 15),
        **fields,
    )


def placement(
    of: Trainee,
    *,
    at: Organisation,
    mentor: Person,
    kind: str = PlacementKind.MAIN,
    starts: datetime.date | None = None,
    ends: datetime.date | None = None,
) -> Placement:
    return Placement.objects.create(
        trainee=of,
        school=at,
        kind=kind,
        starts_on=starts or of.training_starts_on,
        ends_on=ends or of.training_ends_on,
        mentor=mentor,
        class_or_subject="Year 3",
    )


def run_of(programme: Programme, *, start: datetime.datetime, sessions: int = 2) -> list[Session]:
    """A run of the course: ``sessions`` sessions a week apart from ``start``."""
    made = []
    for number in range(sessions):
        starts = start + datetime.timedelta(weeks=number)
        made.append(
            Session.objects.create(
                alliance=programme.alliance,
                programme=programme,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                booking_deadline=starts - datetime.timedelta(days=2),
                venue="John Donne Primary School",
                capacity=20,
            )
        )
    return made


def attended(sessions: list[Session], who: Person, *, mark: str = Attendance.ATTENDED) -> None:
    for session in sessions:
        Booking.objects.create(
            session=session,
            delegate=who,
            organisation=who.organisation,
            status=BookingStatus.CONFIRMED,
            attendance=mark,
        )


def last_year(month: int = 11, day: int = 10) -> datetime.datetime:
    """A weekday morning in the academic year before this one."""
    start_year = this_year().start_year - 1
    year = start_year if month >= 9 else start_year + 1
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 30))
