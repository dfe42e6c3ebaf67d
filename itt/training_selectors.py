"""Reads for the training half of ITT (issue 16): trainees, their placements and reviews, the
mentors' training flag, and each year's outcomes. Who may read them is decided in
``itt/training_access.py``; these only fetch.

A mentor has completed the mentors' training when they attended every session of one year's run
of it (the sessions of one academic year, none cancelled, all over): the alliance runs the same
course each year, and last year's mentors should not have to sit it again because this year's
sessions are still to come.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from alliance.models import AcademicYear, Alliance
from itt.models import (
    Partnership,
    Placement,
    PlacementKind,
    ProgressReview,
    Rating,
    Route,
    Trainee,
    TraineeStatus,
)
from members.models import Person
from programmes.models import (
    PLACE_HOLDING_ENROLMENT_STATUSES,
    Attendance,
    Booking,
    Enrolment,
    Programme,
    Session,
    SessionStatus,
)

# --- the mentors' training -------------------------------------------------------------------


def mentors_trained(
    *,
    programme: Programme | int | None,
    people: Iterable[int],
    now: datetime.datetime | None = None,
) -> set[int]:
    """Of these people (ids), those who completed the programme: present at every session of one
    academic year's run of it, once that run is over. Two queries however many people."""
    people = set(people)
    if programme is None or not people:
        return set()
    now = now or timezone.now()
    runs: dict[int, set[int]] = defaultdict(set)
    unfinished: set[int] = set()
    sessions = Session.objects.filter(programme=programme, status=SessionStatus.SCHEDULED)
    for pk, starts_at, ends_at in sessions.values_list("pk", "starts_at", "ends_at"):
        year = AcademicYear.start_year_for(timezone.localtime(starts_at).date())
        runs[year].add(pk)
        if ends_at > now:
            unfinished.add(year)
    finished = {year: pks for year, pks in runs.items() if year not in unfinished}
    if not finished:
        return set()
    attended: dict[int, set[int]] = defaultdict(set)
    rows = Booking.objects.filter(
        session__in={pk for pks in finished.values() for pk in pks},
        delegate__in=people,
        attendance=Attendance.ATTENDED,
    ).values_list("delegate", "session")
    for person_id, session_id in rows:
        attended[person_id].add(session_id)
    return {
        person_id
        for person_id, sessions_attended in attended.items()
        if any(pks <= sessions_attended for pks in finished.values())
    }


def flag_untrained_mentors(placements: Iterable[Placement]) -> None:
    """Set ``mentor_trained`` on each placement (its partnership's mentors' training done by its
    mentor); a placement with no mentors' training named is not flagged. Two queries per
    partnership among them (usually one or two)."""
    placements = list(placements)
    by_programme: dict[int | None, list[Placement]] = defaultdict(list)
    for placement in placements:
        by_programme[placement.trainee.partnership.mentor_training_id].append(placement)
    for programme_id, group in by_programme.items():
        trained = mentors_trained(programme=programme_id, people={p.mentor_id for p in group})
        for placement in group:
            placement.mentor_trained = programme_id is None or placement.mentor_id in trained


# --- trainees ------------------------------------------------------------------------------


def trainees_of(*, alliance: Alliance) -> QuerySet[Trainee]:
    return Trainee.objects.filter(partnership__alliance=alliance)


def _placements() -> QuerySet[Placement]:
    return Placement.objects.select_related("school", "mentor__organisation").order_by(
        "starts_on", "pk"
    )


def trainee_list_for(
    *, alliance: Alliance, year: AcademicYear, partnership_id: int | None = None
) -> list[Trainee]:
    """A year's trainees with their placements (each flagged), for the ITT lead's list. A fixed
    number of queries however many trainees."""
    trainees = (
        trainees_of(alliance=alliance)
        .filter(academic_year__start_year=year.start_year)
        .select_related("person", "partnership")
        .prefetch_related(Prefetch("placements", queryset=_placements()))
        .annotate(
            concerns=Count(
                "reviews",
                filter=Q(
                    reviews__rating=Rating.CAUSE_FOR_CONCERN, reviews__acknowledged_at__isnull=True
                ),
            )
        )
        .order_by("person__full_name", "pk")
    )
    if partnership_id:
        trainees = trainees.filter(partnership_id=partnership_id)
    trainees = list(trainees)
    flag_untrained_mentors(p for t in trainees for p in t.placements.all())
    return trainees


def trainee_record(trainee: Trainee) -> dict:
    """Everything the trainee's page shows: placements (flagged), reviews, and the central
    sessions of the route with the trainee's attendance."""
    placements = list(_placements().filter(trainee=trainee))
    for placement in placements:
        placement.trainee = trainee
    flag_untrained_mentors(placements)
    reviews = list(
        trainee.reviews.select_related("written_by", "placement__school", "academic_year")
    )
    reviewed = {review.placement_id for review in reviews}
    for placement in placements:
        placement.has_reviews = placement.pk in reviewed
    return {
        "placements": placements,
        "reviews": reviews,
        "sessions": training_sessions_for(trainee),
        "central_place": has_central_place(trainee),
    }


def _central_places(programme_id: int | None, people: Iterable[int]) -> set[int]:
    """Of these people, those holding a place on the central training programme."""
    people = list(people)
    if programme_id is None or not people:
        return set()
    return set(
        Enrolment.objects.filter(
            programme_id=programme_id,
            participant_id__in=people,
            status__in=PLACE_HOLDING_ENROLMENT_STATUSES,
        ).values_list("participant_id", flat=True)
    )


def has_central_place(trainee: Trainee) -> bool:
    programme_id = trainee.partnership.training_programme_id
    return trainee.person_id in _central_places(programme_id, [trainee.person_id])


@dataclass
class CentralTraining:
    """A partnership's central training this year: who of its trainees in training has a place
    on it, and who has none yet."""

    programme: Programme | None
    placed: list[Trainee]
    without_place: list[Trainee]

    @property
    def in_training(self) -> int:
        return len(self.placed) + len(self.without_place)


def central_training_of(*, partnership: Partnership, year: AcademicYear) -> CentralTraining:
    programme = partnership.training_programme
    trainees = list(
        Trainee.objects.filter(
            partnership=partnership, academic_year=year, status=TraineeStatus.IN_TRAINING
        )
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    placed = _central_places(partnership.training_programme_id, [t.person_id for t in trainees])
    return CentralTraining(
        programme=programme,
        placed=[t for t in trainees if t.person_id in placed],
        without_place=[t for t in trainees if t.person_id not in placed],
    )


@dataclass
class TrainingSession:
    session: Session
    booking: Booking | None

    @property
    def attendance(self) -> str:
        if self.booking is None:
            return "Not booked"
        if self.booking.attendance:
            return self.booking.get_attendance_display()
        return "Booked" if self.session.ends_at > timezone.now() else "Not marked"


def training_sessions_for(trainee: Trainee) -> list[TrainingSession]:
    """The sessions of the route's central training in the trainee's training dates, with the
    trainee's place on each (attendance comes from the programme's register)."""
    programme_id = trainee.partnership.training_programme_id
    if programme_id is None:
        return []
    start = timezone.make_aware(
        datetime.datetime.combine(trainee.training_starts_on, datetime.time.min)
    )
    end = timezone.make_aware(
        datetime.datetime.combine(trainee.training_ends_on, datetime.time.max)
    )
    sessions = Session.objects.filter(
        programme_id=programme_id,
        status=SessionStatus.SCHEDULED,
        starts_at__gte=start,
        starts_at__lte=end,
    ).order_by("starts_at", "pk")
    bookings = {
        b.session_id: b
        for b in Booking.objects.filter(
            session__in=sessions, delegate_id=trainee.person_id, status="confirmed"
        )
    }
    return [TrainingSession(session, bookings.get(session.pk)) for session in sessions]


def open_concerns_for(*, alliance: Alliance) -> QuerySet[ProgressReview]:
    """Causes for concern nobody has acknowledged yet: the alerts on the ITT lead's pages."""
    return (
        ProgressReview.objects.filter(
            trainee__partnership__alliance=alliance,
            rating=Rating.CAUSE_FOR_CONCERN,
            acknowledged_at__isnull=True,
        )
        .select_related("trainee__person", "written_by", "placement__school", "academic_year")
        .order_by("written_at", "pk")
    )


def current_placements_q(today: datetime.date | None = None) -> Q:
    """Placements not yet over: their mentor and their school's head are the trainee's now."""
    return Q(ends_on__gte=today or timezone.localdate())


def placements_mentored_by(*, person: Person, alliance: Alliance | None = None) -> list[Placement]:
    """The placements a person mentors that are not over, for their home page."""
    placements = (
        Placement.objects.filter(current_placements_q(), mentor=person)
        .select_related("trainee__person", "trainee__partnership__alliance", "school")
        .order_by("starts_on", "pk")
    )
    if alliance is not None:
        placements = placements.filter(trainee__partnership__alliance=alliance)
    return list(placements)


def itt_roles_of(*, person: Person) -> tuple[bool, bool]:
    """Whether a person mentors a placement not yet over, and whether they are a trainee: one
    query, so that every home page can ask."""
    flags = (
        Person.objects.filter(pk=person.pk)
        .annotate(
            mentors=Exists(Placement.objects.filter(current_placements_q(), mentor=OuterRef("pk"))),
            trains=Exists(Trainee.objects.filter(person=OuterRef("pk"))),
        )
        .values_list("mentors", "trains")
        .first()
    )
    return flags or (False, False)


def traineeships_of(*, person: Person, alliance: Alliance | None = None) -> list[Trainee]:
    trainees = (
        Trainee.objects.filter(person=person)
        .select_related("partnership__alliance", "academic_year")
        .order_by("-academic_year__start_year")
    )
    if alliance is not None:
        trainees = trainees.filter(partnership__alliance=alliance)
    return list(trainees)


# --- outcomes ------------------------------------------------------------------------------

COMPLETED = (TraineeStatus.RECOMMENDED, TraineeStatus.QTS_AWARDED)


def _rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))


@dataclass
class OutcomeRow:
    """One partnership and route's trainees of a year, and what became of them."""

    partnership: str
    route: str
    trainees: int = 0
    in_training: int = 0
    completed: int = 0
    qts: int = 0
    withdrawn: int = 0
    deferred: int = 0
    employed: int = 0
    employed_in_alliance: int = 0

    @property
    def completion_rate(self) -> Decimal | None:
        return _rate(self.completed, self.trainees)

    @property
    def qts_rate(self) -> Decimal | None:
        return _rate(self.qts, self.trainees)

    @property
    def in_alliance_rate(self) -> Decimal | None:
        """Of those employed, the share whose first post is in an alliance school."""
        return _rate(self.employed_in_alliance, self.employed)


@dataclass
class Outcomes:
    year: AcademicYear
    rows: list[OutcomeRow] = field(default_factory=list)

    @property
    def total(self) -> OutcomeRow:
        total = OutcomeRow(partnership="All partnerships", route="")
        for row in self.rows:
            for name in (
                "trainees",
                "in_training",
                "completed",
                "qts",
                "withdrawn",
                "deferred",
                "employed",
                "employed_in_alliance",
            ):
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total


def outcomes_for(*, alliance: Alliance, year: AcademicYear) -> Outcomes:
    """A year's trainees per partnership and route: how many, completed (recommended for or
    awarded QTS), QTS awarded, withdrawn, deferred, employed, and employed in an alliance school.
    One query."""
    rows = (
        trainees_of(alliance=alliance)
        .filter(academic_year__start_year=year.start_year)
        .values("partnership__name", "route")
        .annotate(
            n_trainees=Count("pk"),
            n_in_training=Count("pk", filter=Q(status=TraineeStatus.IN_TRAINING)),
            n_completed=Count("pk", filter=Q(status__in=COMPLETED)),
            n_qts=Count("pk", filter=Q(status=TraineeStatus.QTS_AWARDED)),
            n_withdrawn=Count("pk", filter=Q(status=TraineeStatus.WITHDRAWN)),
            n_deferred=Count("pk", filter=Q(status=TraineeStatus.DEFERRED)),
            n_employed=Count("pk", filter=Q(employed=True)),
            n_employed_in_alliance=Count(
                "pk", filter=Q(employed=True, first_post_in_alliance=True)
            ),
        )
        .order_by("partnership__name", "route")
    )
    routes = dict(Route.choices)
    return Outcomes(
        year=year,
        rows=[
            OutcomeRow(
                partnership=row.pop("partnership__name"),
                route=routes.get(row["route"], row["route"]),
                **{k.removeprefix("n_"): v for k, v in row.items() if k.startswith("n_")},
            )
            for row in rows
        ],
    )


def placement_kinds() -> dict[str, str]:
    return dict(PlacementKind.choices)
