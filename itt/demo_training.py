"""Southwark's trainees in training (issue 16, itt-train): placements with mentors across the
partnerships' schools, mentors who completed last year's run of the mentors' training (and one
who did not: their placement is flagged), the central training sessions with a register,
progress reviews (one cause for concern waiting for the ITT lead), and last year's outcomes
(QTS, employment, most in alliance schools). Runs after ``itt.demo``; running it again adds
nothing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from alliance.demo import DemoAlliance, _name
from alliance.models import AcademicYear
from alliance.terms import term_weekday
from itt.demo import PLACEMENT_SCHOOLS
from itt.models import (
    Partnership,
    Placement,
    PlacementKind,
    ProgressReview,
    Rating,
    Term,
    Trainee,
    TraineeStatus,
)
from members.models import Organisation, Person
from programmes import cohorts
from programmes.demo import give_references
from programmes.models import (
    Attendance,
    Audience,
    Booking,
    BookingStatus,
    Programme,
    ProgrammeFormat,
    ProgrammeKind,
    ProgrammeStatus,
    Session,
)
from programmes.services import programmes_refresh_schedule
from strands.models import StrandKind

MENTORS_COURSE = "School Direct mentors' training"
CENTRAL_TRAINING = "School Direct central training"
# The one mentor who attended only the first session of last year's course: flagged.
UNTRAINED_MENTOR_SCHOOL = "Honor Oak Primary School"
CONCERN_TARGETS = (
    "Behaviour routines are not yet secure: agree three classroom routines with your mentor and "
    "rehearse them daily; observe the Year 3 teacher's transitions twice a week."
)
TARGETS = [
    "Use more open questions in whole-class teaching; plan two hinge questions a lesson.",
    "Adapt tasks for the lower-attaining group in maths; check understanding before moving on.",
    "Build phonics subject knowledge: observe two Read Write Inc. groups and teach one.",
    "Give feedback in the lesson rather than in written marking; keep a log for a fortnight.",
]
# Last year's outcomes, by trainee in order: the rest were awarded QTS and employed.
WITHDRAWN = {5: "Left for family reasons in the spring term", 23: "Changed career"}
DEFERRED = {17: "Health: resumes training next year"}
RECOMMENDED = {30}  # recommended, the award still to come
NOT_EMPLOYED = {9, 20, 33}
OUTSIDE = {
    3: "St Saviour's Primary, Lambeth",
    12: "Hillyfield Primary Academy, Waltham Forest",
    26: "Oakfield Primary, Croydon",
    31: "Ashburnham Community School, Chelsea",
}


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _school_day(day: datetime.date) -> datetime.date:
    return term_weekday(day)


def _sessions(programme: Programme, days: list[datetime.date], venue: str) -> list[Session]:
    sessions = []
    for day in days:
        starts = _at(_school_day(day))
        session, _ = Session.objects.get_or_create(
            programme=programme,
            starts_at=starts,
            defaults={
                "alliance": programme.alliance,
                "ends_at": starts + datetime.timedelta(hours=3),
                "booking_deadline": starts - datetime.timedelta(days=2),
                "venue": venue,
                "capacity": 40,
            },
        )
        sessions.append(session)
    return sessions


def _register(sessions: list[Session], people: list[Person], *, absent=lambda p, s: False):
    """Confirmed places for ``people`` on ``sessions``, marked for those that are over."""
    now = timezone.now()
    for session in sessions:
        booked = set(
            Booking.objects.filter(session=session, delegate__in=people).values_list(
                "delegate", flat=True
            )
        )
        new = [
            Booking(
                session=session,
                delegate=person,
                organisation_id=person.organisation_id,
                status=BookingStatus.CONFIRMED,
                attendance=(
                    ""
                    if session.ends_at > now
                    else Attendance.ABSENT
                    if absent(person, session)
                    else Attendance.ATTENDED
                ),
            )
            for person in people
            if person.pk not in booked
        ]
        if new:
            Booking.objects.bulk_create(new)
            session.places_taken += len(new)
            session.save(update_fields=["places_taken"])


def _mentors(demo: DemoAlliance) -> dict[str, list[Person]]:
    """Two mentors per placement school; at Bellenden Road the demo mentor is the first."""
    mentors: dict[str, list[Person]] = {}
    index = 300
    for names in PLACEMENT_SCHOOLS.values():
        for name in names:
            school = Organisation.objects.get(name=name)
            people = []
            for _ in range(2):
                person, _ = Person.objects.get_or_create(
                    full_name=_name(index),
                    organisation=school,
                    defaults={"job_title": "Class teacher and ITT mentor"},
                )
                people.append(person)
                index += 1
            mentors[name] = people
    demo_mentor = (
        demo.people.get("mentor") or Person.objects.filter(user__email="mentor@demo.test").first()
    )
    if demo_mentor is not None:
        mentors["Bellenden Road Primary School"][0] = demo_mentor
    return mentors


def _mentor_course(demo: DemoAlliance, mentors: dict[str, list[Person]], year: AcademicYear):
    """Last year's run of the mentors' course, attended by every mentor but one, who missed
    the second session."""
    course = Programme.objects.filter(alliance=demo.alliance, title=MENTORS_COURSE).first()
    if course is None:
        return None
    start = year.start_year
    run = _sessions(
        course,
        [datetime.date(start, 10, 7), datetime.date(start, 11, 11)],
        "John Donne Primary School, training room",
    )
    people = [person for pair in mentors.values() for person in pair]
    untrained = mentors[UNTRAINED_MENTOR_SCHOOL][1]
    _register(run, people, absent=lambda p, s: p == untrained and s == run[1])
    return course


def _central_training(demo: DemoAlliance, year: AcademicYear) -> Programme:
    """The central sessions of both routes this year: six days, three of them already held."""
    donne = Organisation.objects.get(name="John Donne Primary School")
    programme, created = Programme.objects.get_or_create(
        alliance=demo.alliance,
        title=CENTRAL_TRAINING,
        defaults={
            "strand": demo.strands[StrandKind.ITT],
            "kind": ProgrammeKind.ITT,
            "summary": "The central training days of our School Direct trainees, both routes.",
            "description": "Behaviour, phonics, assessment, SEND and subject knowledge, with "
            "the UCL Institute of Education.",
            "led_by": donne,
            # Not in the catalogue: the ITT lead gives the partnerships' trainees their places.
            "status": ProgrammeStatus.DRAFT,
            # One place covers every central day (issue 15's cohorts).
            "format": ProgrammeFormat.COHORT,
            "cohort_places": 40,
        },
    )
    if created:
        programme.audiences.set(Audience.objects.filter(code="teachers"))
    start = year.start_year
    days = [
        datetime.date(start, 9, 16),
        datetime.date(start, 10, 14),
        datetime.date(start, 11, 18),
        datetime.date(start + 1, 1, 20),
        datetime.date(start + 1, 3, 10),
        datetime.date(start + 1, 5, 12),
    ]
    _sessions(programme, days, "John Donne Primary School, training room")
    return programme


def _placements(trainee: Trainee, schools: list[str], mentors, number: int, year) -> list:
    if trainee.placements.exists():
        return list(trainee.placements.all())
    start = year.start_year
    main_school = schools[number % len(schools)]
    second_school = schools[(number + 1) % len(schools)]
    main_mentor = mentors[main_school][number % 2]
    second_mentor = mentors[second_school][(number + 1) % 2]
    classes = ["Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Reception"]
    return [
        Placement.objects.create(
            trainee=trainee,
            school=main_mentor.organisation,
            kind=PlacementKind.MAIN,
            starts_on=datetime.date(start, 9, 7),
            ends_on=datetime.date(start + 1, 2, 12),
            class_or_subject=classes[number % len(classes)],
            mentor=main_mentor,
        ),
        Placement.objects.create(
            trainee=trainee,
            school=second_mentor.organisation,
            kind=PlacementKind.SECOND,
            starts_on=datetime.date(start + 1, 2, 22),
            ends_on=datetime.date(start + 1, 7, 16),
            class_or_subject=classes[(number + 2) % len(classes)],
            mentor=second_mentor,
        ),
    ]


def _review(placement: Placement, year, term: str, rating: str, targets: str, **fields):
    written = _at(
        {
            Term.AUTUMN: datetime.date(year.start_year, 11, 20),
            Term.SPRING: datetime.date(year.start_year + 1, 3, 20),
            Term.SUMMER: datetime.date(year.start_year + 1, 7, 3),
        }[term],
        15,
    )
    ProgressReview.objects.get_or_create(
        placement=placement,
        academic_year=year,
        term=term,
        defaults={
            "trainee": placement.trainee,
            "rating": rating,
            "targets": targets,
            "written_by": placement.mentor,
            "written_at": min(written, timezone.now()),
            **fields,
        },
    )


def _this_year(partnerships, mentors, year: AcademicYear, programme: Programme) -> None:
    trainees = []
    for partnership in partnerships:
        partnership_trainees = list(
            Trainee.objects.filter(partnership=partnership, academic_year=year)
            .select_related("person")
            .order_by("pk")
        )
        schools = PLACEMENT_SCHOOLS.get(partnership.name, list(mentors))
        for number, trainee in enumerate(partnership_trainees):
            if trainee.person.user and trainee.person.user.email == "trainee@demo.test":
                # The demo trainee is placed with the demo mentor at Bellenden Road; the mentor
                # writes the autumn review in the demo (or the browser test).
                if not trainee.placements.exists():
                    Placement.objects.create(
                        trainee=trainee,
                        school=mentors["Bellenden Road Primary School"][0].organisation,
                        kind=PlacementKind.MAIN,
                        starts_on=datetime.date(year.start_year, 9, 7),
                        ends_on=datetime.date(year.start_year + 1, 2, 12),
                        class_or_subject="Year 3",
                        mentor=mentors["Bellenden Road Primary School"][0],
                    )
                continue
            if (
                "Bellenden Road Primary School" in schools
                and schools[number % len(schools)] == "Bellenden Road Primary School"
            ):
                number += 1  # the demo mentor's class has the demo trainee already
            main = _placements(trainee, schools, mentors, number, year)[0]
            if number % 3 == 0:
                rating = Rating.NEEDS_SUPPORT if number % 6 == 3 else Rating.ON_TRACK
                _review(main, year, Term.AUTUMN, rating, TARGETS[number % len(TARGETS)])
        trainees += partnership_trainees
    # One cause for concern the ITT lead has not acknowledged yet.
    concerned = next(
        (t for t in trainees if t.placements.exists() and not t.reviews.exists()), None
    )
    if (
        concerned is not None
        and not ProgressReview.objects.filter(
            academic_year=year, rating=Rating.CAUSE_FOR_CONCERN, trainee__in=trainees
        ).exists()
    ):
        placement = concerned.placements.order_by("starts_on").first()
        _review(
            placement,
            year,
            Term.AUTUMN,
            Rating.CAUSE_FOR_CONCERN,
            CONCERN_TARGETS,
            alert_sent_at=timezone.now(),
        )
    # Every trainee but the last has a place on the central training; the ITT lead gives the
    # last (with no sign-in of their own) theirs in the demo.
    waiting = next(t for t in reversed(trainees) if t.person.user_id is None)
    for trainee in trainees:
        if trainee == waiting:
            continue
        cohorts.enrol(programme=programme, participant=trainee.person, by=None, is_member=True)
    now = timezone.now()
    held = Booking.objects.filter(
        session__programme=programme, session__ends_at__lt=now, attendance=""
    ).select_related("session")
    for booking in held:
        absent = (booking.delegate_id + booking.session_id) % 11 == 0
        booking.attendance = Attendance.ABSENT if absent else Attendance.ATTENDED
        booking.save(update_fields=["attendance"])


def _last_year(partnerships, mentors, year: AcademicYear, alliance_schools) -> None:
    number = 0
    for partnership in partnerships:
        schools = PLACEMENT_SCHOOLS.get(partnership.name, list(mentors))
        trainees = Trainee.objects.filter(partnership=partnership, academic_year=year).order_by(
            "pk"
        )
        for trainee in trainees:
            placements = _placements(trainee, schools, mentors, number, year)
            _review(placements[0], year, Term.AUTUMN, Rating.ON_TRACK, TARGETS[number % 4])
            if number in WITHDRAWN or number in DEFERRED:
                status = TraineeStatus.WITHDRAWN if number in WITHDRAWN else TraineeStatus.DEFERRED
                reason = WITHDRAWN.get(number) or DEFERRED[number]
                Trainee.objects.filter(pk=trainee.pk).update(
                    status=status,
                    status_reason=reason,
                    status_changed_on=datetime.date(year.start_year + 1, 3, 2),
                )
            else:
                _review(
                    placements[1], year, Term.SUMMER, Rating.ON_TRACK, TARGETS[(number + 1) % 4]
                )
                _outcome(trainee, number, year, alliance_schools)
            number += 1


def _outcome(trainee: Trainee, number: int, year, alliance_schools: list[Organisation]) -> None:
    status = TraineeStatus.RECOMMENDED if number in RECOMMENDED else TraineeStatus.QTS_AWARDED
    fields = {
        "status": status,
        "status_changed_on": datetime.date(year.start_year + 1, 7, 20),
        "employed": number not in NOT_EMPLOYED,
        "first_post_school": None,
        "first_post_name": "",
        "first_post_in_alliance": None,
    }
    if number in OUTSIDE:
        fields.update(first_post_name=OUTSIDE[number], first_post_in_alliance=False)
    elif number not in NOT_EMPLOYED:
        fields.update(
            first_post_school=alliance_schools[number % len(alliance_schools)],
            first_post_in_alliance=True,
        )
    Trainee.objects.filter(pk=trainee.pk).update(**fields)


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    partnerships = list(Partnership.objects.filter(alliance=southwark.alliance).order_by("name"))
    if not partnerships:
        return
    this_year = southwark.year
    last_year = AcademicYear.objects.get_or_create(start_year=this_year.start_year - 1)[0]
    mentors = _mentors(southwark)
    course = _mentor_course(southwark, mentors, last_year)
    central = _central_training(southwark, this_year)
    for partnership in partnerships:
        changed = []
        if partnership.mentor_training_id is None and course is not None:
            partnership.mentor_training, changed = course, [*changed, "mentor_training"]
        if partnership.training_programme_id is None:
            partnership.training_programme = central
            changed.append("training_programme")
        if changed:
            partnership.save(update_fields=changed)
    alliance_schools = [
        Organisation.objects.get(name=name)
        for names in PLACEMENT_SCHOOLS.values()
        for name in names
    ]
    _this_year(partnerships, mentors, this_year, central)
    _last_year(partnerships, mentors, last_year, alliance_schools)
    programmes_refresh_schedule(programme_ids=[central.pk])
    # The places made above, grouped with references as the booking form's are.
    give_references(southwark)
