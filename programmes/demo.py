"""Demo CPD: a year of programmes and sessions across the strands of both demo alliances, some
nearly full, some full with a waiting list, and bookings by Bellenden Road Primary's staff.

Keyed on (alliance, title): running it again changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from alliance.demo import DemoAlliance, _name
from alliance.terms import term_weekday
from members.models import Person, Phase
from programmes import cohorts
from programmes.models import (
    Attendance,
    Audience,
    Booking,
    BookingGroup,
    BookingStatus,
    Programme,
    ProgrammeFormat,
    ProgrammeKind,
    ProgrammeStatus,
    Session,
    new_reference,
)
from programmes.reference import create_audiences
from programmes.services import programmes_refresh_schedule
from strands.models import StrandKind

BELLENDEN_STAFF = [
    ("Alice Morgan", "Year 1 teacher"),
    ("Ben Okoye", "Year 4 teacher"),
    ("Carla Diaz", "Teaching assistant"),
    ("Dominic Hale", "Maths lead"),
    ("Esther Nwosu", "School business manager"),
    ("Farah Khan", "Reception teacher"),
]

# Issue 15: these are cohorts (one enrolment for the series), not drop-in sessions.
COHORT_KINDS = {ProgrammeKind.NPQML, ProgrammeKind.NPQSL, ProgrammeKind.NPQH, ProgrammeKind.NPQEL}

# (strand, kind, title, summary, audiences, phases, member £, non-member £ or None, sessions,
#  first session in days, days between sessions, capacity, places already taken, waiting)
# fmt: off
SOUTHWARK_PROGRAMMES = [
    (StrandKind.CPD, ProgrammeKind.CPD, "Phonics for new teachers",
     "Systematic synthetic phonics from Reception to Year 2, with practical classroom routines.",
     ["teachers", "teaching-assistants"], ["primary"], "0", "60", 1, 10, 0, 30, 3, 0),
    (StrandKind.CPD, ProgrammeKind.CPD, "Staff wellbeing: a whole-school approach",
     "Practical steps to reduce workload and support the wellbeing of every member of staff.",
     ["teachers", "support-staff", "senior-leaders"], [], "0", "45", 1, 14, 0, 20, 18, 0),
    (StrandKind.CPD, ProgrammeKind.CPD, "Outdoor learning in the primary curriculum",
     "Using the school grounds and local parks to teach science, maths and writing.",
     ["teachers", "teaching-assistants"], ["primary"], "25", "75", 3, 21, 14, 16, 16, 3),
    (StrandKind.CPD, ProgrammeKind.CPD, "Teaching assistants: supporting reading",
     "Three workshops on running effective reading interventions.",
     ["teaching-assistants"], ["primary"], "0", None, 3, 28, 21, 24, 6, 0),
    (StrandKind.CPD, ProgrammeKind.CPD, "School business managers' network",
     "Termly network meeting on budgets, procurement and HR.",
     ["support-staff"], [], "0", "30", 3, 35, 91, 30, 8, 0),
    (StrandKind.CPD, ProgrammeKind.CPD, "Mastery in mathematics",
     "Teaching for mastery: concrete, pictorial, abstract, with lesson study between sessions.",
     ["teachers", "middle-leaders"], ["primary", "secondary"], "50", "120", 2, 42, 28, 18, 17,
     0),
    (StrandKind.CPD, ProgrammeKind.CPD, "Early years: language through play",
     "Developing communication and language in the early years foundation stage.",
     ["early-years", "teachers"], ["nursery"], "0", "40", 1, 60, 0, 25, 4, 0),
    (StrandKind.CPD, ProgrammeKind.CPD, "Reducing marking, improving feedback",
     "What the research says about feedback, and how to cut marking without losing impact.",
     ["teachers", "middle-leaders"], [], "0", "35", 1, 120, 0, 40, 0, 0),
    (StrandKind.LEADERSHIP, ProgrammeKind.NPQML, "NPQML with the UCL Institute of Education",
     "The national professional qualification for middle leadership, delivered locally.",
     ["middle-leaders"], [], "950", "1100", 4, 30, 45, 24, 20, 0),
    (StrandKind.LEADERSHIP, ProgrammeKind.NPQSL, "NPQSL: leading across a school",
     "The national professional qualification for senior leadership, in a local cohort.",
     ["senior-leaders", "middle-leaders"], [], "1050", "1250", 6, 40, 28, 20, 8, 0),
    (StrandKind.LEADERSHIP, ProgrammeKind.NPQH, "NPQH: leading a school",
     "The national professional qualification for headship.",
     ["senior-leaders"], [], "1500", None, 4, 45, 60, 15, 12, 0),
    (StrandKind.SCHOOL_SUPPORT, ProgrammeKind.NETWORK, "Headteachers' termly briefing",
     "Common issues, local authority updates and peer support for headteachers.",
     ["headteachers"], [], "0", None, 3, 20, 84, 40, 15, 0),
    (StrandKind.SCHOOL_SUPPORT, ProgrammeKind.PEER_REVIEW, "Peer review cycle: training day",
     "Training for reviewers in the structured peer review model used by our clusters.",
     ["senior-leaders", "headteachers"], [], "0", None, 1, 50, 0, 22, 22, 2),
    (StrandKind.ITT, ProgrammeKind.ITT, "School Direct mentors' training",
     "Mentoring trainee teachers on the salaried and non-salaried routes.",
     ["teachers", "middle-leaders"], ["primary"], "0", None, 2, 25, 30, 20, 5, 0),
    (StrandKind.RESEARCH, ProgrammeKind.CPD, "Research in the classroom: an introduction",
     "Designing a small enquiry in your own classroom, with support from the IOE.",
     ["teachers"], [], "0", "20", 2, 70, 60, 25, 9, 0),
]

STEEP_PROGRAMMES = [
    (StrandKind.CPD, ProgrammeKind.CPD, "Two-year-olds: attachment and transitions",
     "Supporting the youngest children and their families through the first transitions.",
     ["early-years"], ["nursery"], "0", "45", 1, 16, 0, 20, 7, 0),
    (StrandKind.CPD, ProgrammeKind.CPD, "Childminders' network",
     "Termly network for childminders: safeguarding updates and shared practice.",
     ["early-years"], ["nursery"], "0", "15", 3, 24, 84, 25, 3, 0),
    (StrandKind.CPD, ProgrammeKind.CPD, "Maths in the early years",
     "Number sense, pattern and shape through play.",
     ["early-years", "teaching-assistants"], ["nursery"], "0", "40", 1, 33, 0, 18, 16, 0),
]
# fmt: on


def _when(days: int, hour: int = 9) -> datetime.datetime:
    """A session about ``days`` from today, on a school day (a past one stays past)."""
    day = term_weekday(
        timezone.localdate() + datetime.timedelta(days=days), step=-1 if days < 0 else 1
    )
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _staff(demo: DemoAlliance, org, count: int, start: int) -> list[Person]:
    people = []
    for index in range(start, start + count):
        name = _name(index)
        slug = name.lower().replace(" ", ".")
        person, _ = Person.objects.get_or_create(
            full_name=name,
            organisation=org,
            defaults={"email": f"{slug}@{org.pk}.demo.test", "job_title": "Teacher"},
        )
        people.append(person)
    return people


def _programmes(demo: DemoAlliance, plan, led_by, facilitators, delegates, head) -> None:
    audiences = {a.code: a for a in Audience.objects.all()}
    for row in plan:
        (
            strand,
            kind,
            title,
            summary,
            audience_codes,
            phases,
            member,
            non_member,
            count,
            first,
            gap,
            capacity,
            taken,
            waiting,
        ) = row
        cohort = kind in COHORT_KINDS
        programme, created = Programme.objects.get_or_create(
            alliance=demo.alliance,
            title=title,
            defaults={
                # Issue 15: NPQs are taken whole, priced for the whole programme.
                "format": ProgrammeFormat.COHORT if cohort else ProgrammeFormat.DROP_IN,
                "cohort_places": capacity if cohort else None,
                "strand": demo.strands[strand],
                "kind": kind,
                "summary": summary,
                "description": summary + "\n\nLed by practitioners from our schools.",
                "led_by": led_by,
                "member_price": Decimal(member),
                "non_member_price": Decimal(non_member or member),
                "open_to_non_members": non_member is not None,
                "status": ProgrammeStatus.PUBLISHED,
            },
        )
        if not created:
            continue
        programme.audiences.set([audiences[code] for code in audience_codes])
        programme.phases.set(Phase.objects.filter(code__in=phases))
        programme.facilitators.set(facilitators.get(title, []))
        for number in range(count):
            starts = _when(first + number * gap, 9 if number % 2 == 0 else 13)
            session = Session.objects.create(
                alliance=demo.alliance,
                programme=programme,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                booking_deadline=starts - datetime.timedelta(days=2),
                venue=f"{led_by.name}, training room" if number % 3 != 2 else "",
                online_url="https://meet.example.org/alliance-cpd" if number % 3 == 2 else "",
                capacity=capacity,
            )
            if not cohort:
                _fill(session, delegates, taken, waiting, head)
        if cohort:
            for person in delegates[:taken]:
                cohorts.enrol(
                    programme=programme, participant=person, by=head.get(person.organisation_id)
                )
    programmes_refresh_schedule(
        programme_ids=Programme.objects.filter(alliance=demo.alliance).values_list("pk", flat=True)
    )


def _fill(session: Session, delegates: list[Person], taken: int, waiting: int, head) -> None:
    """Book ``taken`` places and ``waiting`` places in the queue for staff of other schools."""
    bookings = []
    now = timezone.now()
    for index, person in enumerate(delegates[: taken + waiting]):
        status = BookingStatus.CONFIRMED if index < taken else BookingStatus.WAITING
        bookings.append(
            Booking(
                session=session,
                delegate=person,
                organisation_id=person.organisation_id,
                booked_by=head.get(person.organisation_id),
                status=status,
                created_at=now - datetime.timedelta(minutes=taken + waiting - index),
            )
        )
    Booking.objects.bulk_create(bookings)
    session.places_taken = min(taken, len(bookings))
    session.waiting_count = max(len(bookings) - taken, 0)
    session.save(update_fields=["places_taken", "waiting_count"])


def _bellenden_history(demo: DemoAlliance, staff: list[Person], head: Person) -> None:
    """A course that took place last month, with Bellenden's staff marked on the register."""
    programme, created = Programme.objects.get_or_create(
        alliance=demo.alliance,
        title="Behaviour for learning",
        defaults={
            "strand": demo.strands[StrandKind.CPD],
            "kind": ProgrammeKind.CPD,
            "summary": "Consistent routines for calm classrooms.",
            "led_by": demo.organisations["Charles Dickens Primary School"],
            "status": ProgrammeStatus.PUBLISHED,
        },
    )
    if not created:
        return
    programme.audiences.set(Audience.objects.filter(code__in=["teachers", "teaching-assistants"]))
    starts = _when(-30)
    session = Session.objects.create(
        alliance=demo.alliance,
        programme=programme,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        booking_deadline=starts - datetime.timedelta(days=2),
        venue="Charles Dickens Primary School, hall",
        capacity=20,
        places_taken=2,
    )
    for person, attendance in [(staff[0], Attendance.ATTENDED), (staff[2], Attendance.ABSENT)]:
        Booking.objects.create(
            session=session,
            delegate=person,
            organisation=person.organisation,
            booked_by=head,
            status=BookingStatus.CONFIRMED,
            attendance=attendance,
            created_at=starts - datetime.timedelta(days=20),
        )


def give_references(demo: DemoAlliance) -> None:
    """Group the demo's bookings as a head books them, one school's places on one programme
    together, each with a reference like those the booking form gives. Only bookings without
    a group are grouped, and each group's token is fixed, so seeding again adds nothing."""
    alliance = demo.alliance
    loose = Booking.objects.filter(session__alliance=alliance, group__isnull=True)
    batches = loose.values_list("organisation_id", "session__programme_id", "booked_by_id")
    for organisation_id, programme_id, booked_by_id in sorted(set(batches), key=str):
        group, _ = BookingGroup.objects.get_or_create(
            token=f"demo-{alliance.slug}-{programme_id}-{organisation_id}-{booked_by_id}",
            defaults={
                "alliance": alliance,
                "organisation_id": organisation_id,
                "booked_by_id": booked_by_id,
                "reference": _unused_reference(alliance),
            },
        )
        loose.filter(
            organisation_id=organisation_id,
            session__programme_id=programme_id,
            booked_by_id=booked_by_id,
        ).update(group=group)


def _unused_reference(alliance) -> str:
    while True:  # a clash is one in a million: draw again, as the booking service does
        reference = new_reference(alliance)
        if not BookingGroup.objects.filter(alliance=alliance, reference=reference).exists():
            return reference


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    create_audiences(Audience)
    bellenden = southwark.organisations["Bellenden Road Primary School"]
    head = southwark.people["head"]
    staff = []
    for name, title in BELLENDEN_STAFF:
        person, _ = Person.objects.get_or_create(
            full_name=name,
            organisation=bellenden,
            defaults={
                "email": name.lower().replace(" ", ".") + "@bellenden.demo.test",
                "job_title": title,
            },
        )
        staff.append(person)
    heads = {
        a.organisation_id: a.person
        for a in southwark.alliance.role_assignments.filter(role="headteacher")
    }
    others = [
        org for name, org in southwark.organisations.items() if org.is_school and org != bellenden
    ]
    delegates = []
    for index, org in enumerate(others):
        delegates += _staff(southwark, org, 2, 100 + index * 2)
    facilitators = {
        "Phonics for new teachers": [southwark.people["sle"]],
        "Staff wellbeing: a whole-school approach": [southwark.people["cpd-lead"]],
    }
    _programmes(
        southwark,
        SOUTHWARK_PROGRAMMES,
        southwark.organisations["Crampton Primary School"],
        facilitators,
        delegates,
        heads,
    )
    _bellenden_history(southwark, staff, head)
    steep_schools = [org for org in steep.organisations.values() if org.is_school]
    steep_delegates = []
    for index, org in enumerate(steep_schools):
        steep_delegates += _staff(steep, org, 3, 300 + index * 3)
    steep_heads = {
        a.organisation_id: a.person
        for a in steep.alliance.role_assignments.filter(role="headteacher")
    }
    _programmes(
        steep,
        STEEP_PROGRAMMES,
        steep.organisations["Chelwood Nursery School"],
        {},
        steep_delegates,
        steep_heads,
    )
    for demo in (southwark, steep):
        give_references(demo)
