"""Demo leadership pipeline (issue 15): a year of NPQ cohorts in the shape of the seeds.

"Over 50 teachers to develop as middle and senior leaders ... and 15 serving heads and executive
heads": last year's (2025/26) NPQML and NPQSL cohorts (54 teachers) and an NPQEL cohort of 15
heads, completed, with what happened next (most promoted or in a system leadership role); this
year's (2026/27) cohorts in progress, one NPQSL cohort still to start and open for applications,
and the talent pool with the demo teacher's nomination by the demo head, not yet agreed.

Bulk-created (no per-row save, no password hashing) and keyed on the first cohort's title:
running it again adds nothing. Dates are relative to the current academic year.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from alliance.demo import DemoAlliance, _name
from alliance.models import AcademicYear, Role, RoleAssignment
from alliance.terms import term_weekday
from leadership.family import Aspiration
from leadership.models import Nomination, NominationStatus, Outcome, OutcomeKind, SystemRole
from members.models import Organisation, Person
from programmes.demo import give_references
from programmes.models import (
    Attendance,
    Audience,
    Booking,
    BookingStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Session,
)
from programmes.services import programmes_refresh_schedule
from strands.models import StrandKind

MIDDLE_TITLES = [
    "Year 3 teacher",
    "Year 5 teacher",
    "English lead",
    "Science lead",
    "Key stage 1 lead",
]
SENIOR_TITLES = ["Assistant headteacher", "Head of key stage 2", "Inclusion lead", "Head of maths"]
# (kind, title, participants, start month offset from September, sessions, price)
COHORT_DAYS = (
    ("10-08", "11-19", "01-21", "03-18", "05-13", "06-24"),
    ("10-15", "01-14", "03-11", "06-17"),
)


def _day(start_year: int, month_day: str, *, hour: int = 9) -> datetime.datetime:
    month, day = (int(part) for part in month_day.split("-"))
    year = start_year if month >= 9 else start_year + 1
    on = term_weekday(datetime.date(year, month, day))
    return timezone.make_aware(datetime.datetime.combine(on, datetime.time(hour, 0)))


def _cohort(
    demo: DemoAlliance,
    *,
    kind: str,
    title: str,
    starts: list[datetime.datetime],
    places: int,
    price: str,
    audience: str,
) -> tuple[Programme, list[Session]]:
    programme = Programme.objects.create(
        alliance=demo.alliance,
        strand=demo.strands[StrandKind.LEADERSHIP],
        kind=kind,
        format="cohort",
        cohort_places=places,
        sessions_may_miss=1,
        title=title,
        summary=f"The national professional qualification, as a cohort of {places}: "
        f"{len(starts)} face-to-face days with a project in school between them.",
        led_by=demo.organisations["UCL Institute of Education"],
        member_price=Decimal(price),
        non_member_price=Decimal(price) + Decimal("300"),
        open_to_non_members=True,
        status=ProgrammeStatus.PUBLISHED,
    )
    programme.audiences.set(Audience.objects.filter(code=audience))
    sessions = Session.objects.bulk_create(
        Session(
            alliance=demo.alliance,
            programme=programme,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=6),
            booking_deadline=start - datetime.timedelta(days=7),
            venue="Charles Dickens Primary School, training room",
            capacity=places,
        )
        for start in starts
    )
    return programme, sessions


def _enrol(
    programme: Programme,
    sessions: list[Session],
    people: list[Person],
    heads: dict[int, Person],
    *,
    statuses: list[str],
    applied_at: datetime.datetime,
) -> list[Enrolment]:
    """Enrolments with one £0 booking per session for those who hold a place, as accepting an
    application makes them; attendance marked for sessions already held."""
    now = timezone.now()
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            alliance=programme.alliance,
            programme=programme,
            participant=person,
            organisation_id=person.organisation_id,
            status=status,
            applied_by=person,
            applied_at=applied_at,
            endorsed_by=heads.get(person.organisation_id),
            endorsed_at=applied_at + datetime.timedelta(days=3),
            decision="accepted" if status != EnrolmentStatus.ENDORSED else "",
            decided_at=applied_at + datetime.timedelta(days=7)
            if status != EnrolmentStatus.ENDORSED
            else None,
            completed_at=sessions[-1].ends_at + datetime.timedelta(days=14)
            if status == EnrolmentStatus.COMPLETED
            else None,
            status_changed_at=applied_at,
            reason="Left the school for a post outside the alliance."
            if status == EnrolmentStatus.WITHDRAWN
            else "",
            price_due=programme.member_price,
        )
        for person, status in zip(people, statuses, strict=True)
    )
    holding = [
        e
        for e in enrolments
        if e.status
        in (EnrolmentStatus.ACCEPTED, EnrolmentStatus.COMPLETED, EnrolmentStatus.WITHDRAWN)
    ]
    bookings = []
    for number, enrolment in enumerate(holding):
        for index, session in enumerate(sessions):
            held = session.starts_at < now
            # The withdrawn left after the first two sessions; one completer missed one day,
            # which the cohort's rule (all but one) allows.
            if enrolment.status == EnrolmentStatus.WITHDRAWN and index >= 2:
                break
            missed = (
                enrolment.status == EnrolmentStatus.COMPLETED and number % 9 == 4 and index == 1
            )
            bookings.append(
                Booking(
                    session=session,
                    delegate_id=enrolment.participant_id,
                    organisation_id=enrolment.organisation_id,
                    booked_by=heads.get(enrolment.organisation_id),
                    status=BookingStatus.CONFIRMED,
                    enrolment=enrolment,
                    created_at=applied_at,
                    attendance=(Attendance.ABSENT if missed else Attendance.ATTENDED)
                    if held
                    else Attendance.UNMARKED,
                )
            )
    Booking.objects.bulk_create(bookings)
    in_place = sum(
        e.status in (EnrolmentStatus.ACCEPTED, EnrolmentStatus.COMPLETED) for e in enrolments
    )
    Programme.objects.filter(pk=programme.pk).update(cohort_places_taken=in_place)
    Session.objects.filter(programme=programme).update(places_taken=in_place)
    return enrolments


def _new_staff(
    schools: list[Organisation], count: int, start: int, titles: list[str]
) -> list[Person]:
    people = [
        Person(
            full_name=_name(start + n),
            organisation=schools[n % len(schools)],
            job_title=titles[n % len(titles)],
        )
        for n in range(count)
    ]
    return Person.objects.bulk_create(people)


def _outcomes(
    demo: DemoAlliance, completed: list[Enrolment], lead: Person, *, step: str
) -> list[Outcome]:
    """Most completers promoted or in a system leadership role; one in seven with nothing yet."""
    schools = {o.pk: o for o in Organisation.objects.filter(memberships__alliance=demo.alliance)}
    outcomes = []
    for n, enrolment in enumerate(completed):
        if n % 7 == 3:
            continue
        on = timezone.localdate(enrolment.completed_at) + datetime.timedelta(days=20 + n)
        on = min(on, timezone.localdate())
        common = {
            "alliance": demo.alliance,
            "person_id": enrolment.participant_id,
            "happened_on": on,
            "recorded_by": lead,
        }
        if step == "npqel":
            outcomes.append(
                Outcome(
                    **common,
                    kind=OutcomeKind.SYSTEM_ROLE,
                    system_role=[SystemRole.NLE, SystemRole.STRAND_LEAD, SystemRole.PEER_REVIEWER][
                        n % 3
                    ],
                )
            )
            continue
        # Every fourth a system role (an SLE), the rest promoted; some in a school other than
        # their own. Every fifth told us themselves.
        if n % 4 == 1:
            outcomes.append(
                Outcome(**common, kind=OutcomeKind.SYSTEM_ROLE, system_role=SystemRole.SLE)
            )
        else:
            school_ids = sorted(schools)
            school = enrolment.organisation_id if n % 3 else school_ids[n % len(school_ids)]
            role = "Assistant headteacher" if step == "npqml" else "Deputy headteacher"
            outcomes.append(
                Outcome(
                    **common, kind=OutcomeKind.PROMOTION, role_title=role, organisation_id=school
                )
            )
        if n % 5 == 0:
            outcomes[-1].self_reported = True
            outcomes[-1].recorded_by_id = enrolment.participant_id
    return Outcome.objects.bulk_create(outcomes)


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    demo = southwark
    last = AcademicYear.current().start_year - 1
    first_title = f"NPQML: middle leaders' cohort {last}/{(last + 1) % 100:02d}"
    if Programme.objects.filter(alliance=demo.alliance, title=first_title).exists():
        return
    this = last + 1
    year = f"{this}/{(this + 1) % 100:02d}"
    lead = demo.people[f"lead-{StrandKind.LEADERSHIP}"]
    heads = {
        a.organisation_id: a.person
        for a in RoleAssignment.objects.current()
        .filter(alliance=demo.alliance, role=Role.HEADTEACHER)
        .select_related("person")
    }
    schools = list(
        Organisation.objects.filter(
            memberships__alliance=demo.alliance, organisation_type="school", pk__in=list(heads)
        )
        .distinct()
        .order_by("name")
    )
    bellenden = demo.people["head"].organisation
    other_schools = [s for s in schools if s.pk != bellenden.pk]

    # Last year: completed.
    ml, ml_days = _cohort(
        demo,
        kind=ProgrammeKind.NPQML,
        title=first_title,
        starts=[_day(last, d) for d in COHORT_DAYS[1]],
        places=30,
        price="950",
        audience="middle-leaders",
    )
    ml_people = _new_staff(other_schools, 30, 120, MIDDLE_TITLES)
    ml_statuses = [
        EnrolmentStatus.WITHDRAWN if n in (7, 19) else EnrolmentStatus.COMPLETED for n in range(30)
    ]
    ml_enrolments = _enrol(
        ml,
        ml_days,
        ml_people,
        heads,
        statuses=ml_statuses,
        applied_at=_day(last, "07-01") - datetime.timedelta(days=365),
    )
    sl, sl_days = _cohort(
        demo,
        kind=ProgrammeKind.NPQSL,
        title=f"NPQSL: senior leaders' cohort {last}/{(last + 1) % 100:02d}",
        starts=[_day(last, d) for d in COHORT_DAYS[0]],
        places=24,
        price="1250",
        audience="senior-leaders",
    )
    sl_people = _new_staff(other_schools, 24, 160, SENIOR_TITLES)
    sl_statuses = [
        EnrolmentStatus.WITHDRAWN if n == 11 else EnrolmentStatus.COMPLETED for n in range(24)
    ]
    sl_enrolments = _enrol(
        sl,
        sl_days,
        sl_people,
        heads,
        statuses=sl_statuses,
        applied_at=_day(last, "07-01") - datetime.timedelta(days=365),
    )
    el, el_days = _cohort(
        demo,
        kind=ProgrammeKind.NPQEL,
        title=f"NPQEL: executive leadership cohort {last}/{(last + 1) % 100:02d}",
        starts=[_day(last, d) for d in COHORT_DAYS[1]],
        places=15,
        price="1950",
        audience="headteachers",
    )
    # Serving heads without a sign-in (the personas' own pages stay as their tests expect).
    el_people = [heads[s.pk] for s in other_schools if heads[s.pk].user_id is None][:15]
    el_statuses = [
        EnrolmentStatus.WITHDRAWN if n == 9 else EnrolmentStatus.COMPLETED
        for n in range(len(el_people))
    ]
    el_enrolments = _enrol(
        el,
        el_days,
        el_people,
        heads,
        statuses=el_statuses,
        applied_at=_day(last, "07-01") - datetime.timedelta(days=365),
    )
    for enrolments, step in (
        (ml_enrolments, "npqml"),
        (sl_enrolments, "npqsl"),
        (el_enrolments, "npqel"),
    ):
        _outcomes(
            demo, [e for e in enrolments if e.status == EnrolmentStatus.COMPLETED], lead, step=step
        )

    # This year: in progress, and one cohort still to start, open for applications.
    ml2, ml2_days = _cohort(
        demo,
        kind=ProgrammeKind.NPQML,
        title=f"NPQML: middle leaders' cohort {year}",
        starts=[_day(this, d) for d in COHORT_DAYS[1]],
        places=24,
        price="950",
        audience="middle-leaders",
    )
    _enrol(
        ml2,
        ml2_days,
        _new_staff(other_schools, 22, 200, MIDDLE_TITLES),
        heads,
        statuses=[EnrolmentStatus.ACCEPTED] * 22,
        applied_at=_day(this, "07-01") - datetime.timedelta(days=365),
    )
    sl2, sl2_days = _cohort(
        demo,
        kind=ProgrammeKind.NPQSL,
        title=f"NPQSL: senior leaders' cohort {year}",
        starts=[_day(this, d) for d in COHORT_DAYS[0]],
        places=20,
        price="1250",
        audience="senior-leaders",
    )
    # Some of last year's middle leaders go on to the NPQSL: the path the family traces.
    progressing = [e.participant for e in ml_enrolments if e.status == EnrolmentStatus.COMPLETED][
        :6
    ]
    _enrol(
        sl2,
        sl2_days,
        progressing + _new_staff(other_schools, 12, 230, SENIOR_TITLES),
        heads,
        statuses=[EnrolmentStatus.ACCEPTED] * 18,
        applied_at=_day(this, "07-01") - datetime.timedelta(days=365),
    )
    spring = [
        timezone.make_aware(
            datetime.datetime.combine(
                term_weekday(timezone.localdate() + datetime.timedelta(days=days)),
                datetime.time(9, 0),
            )
        )
        for days in (45, 90, 135, 180)
    ]
    sl3, sl3_days = _cohort(
        demo,
        kind=ProgrammeKind.NPQSL,
        title=f"NPQSL: spring cohort {year}",
        starts=spring,
        places=16,
        price="1250",
        audience="senior-leaders",
    )
    _enrol(
        sl3,
        sl3_days,
        _new_staff(other_schools, 3, 250, SENIOR_TITLES),
        heads,
        statuses=[EnrolmentStatus.ENDORSED] * 3,
        applied_at=timezone.now() - datetime.timedelta(days=5),
    )
    programmes_refresh_schedule(programme_ids=[ml.pk, sl.pk, el.pk, ml2.pk, sl2.pk, sl3.pk])

    # The talent pool: nominations by heads across the alliance, and the demo teacher's.
    pool_people = _new_staff(other_schools, 10, 260, MIDDLE_TITLES[:3] + SENIOR_TITLES[:2])
    aspirations = [Aspiration.MIDDLE, Aspiration.SENIOR, Aspiration.HEADSHIP, Aspiration.SYSTEM]
    notes = [
        "Leads our phonics catch-up with real care; ready to lead a team.",
        "Runs the Year 6 team well and coaches new teachers without being asked.",
        "Steps up whenever I am out; the staff trust her judgement.",
        "Her maths work is known across the borough; she could support other schools.",
        "Changed how the whole school does behaviour at lunchtime.",
    ]
    nominations = [
        Nomination(
            alliance=demo.alliance,
            person=person,
            organisation_id=person.organisation_id,
            nominated_by=heads[person.organisation_id],
            aspiration=aspirations[n % 4],
            note=notes[n % len(notes)],
            status=NominationStatus.AWAITING if n % 3 == 2 else NominationStatus.AGREED,
            answered_at=None if n % 3 == 2 else timezone.now() - datetime.timedelta(days=20),
            created_at=timezone.now() - datetime.timedelta(days=30 - n),
        )
        for n, person in enumerate(pool_people)
    ]
    nominations.append(
        Nomination(
            alliance=demo.alliance,
            person=demo.people["teacher"],
            organisation=bellenden,
            nominated_by=demo.people["head"],
            aspiration=Aspiration.SENIOR,
            note="Leads maths across the school and coaches our early career teachers.",
        )
    )
    Nomination.objects.bulk_create(nominations)
    # The cohort places were made in bulk: group them with references, as enrolling does, so
    # "Our bookings" and the calendar files treat them as every other booking.
    give_references(demo)
