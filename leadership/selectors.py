"""Reads of the talent pool and the pipeline, each in a fixed number of queries however many
people are in it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from alliance.models import AcademicYear, Alliance
from leadership.family import BY_KIND, LEADERSHIP_KINDS, Qualification, suggested_next
from leadership.models import (
    OPEN_STATUSES,
    PROGRESSION_KINDS,
    Nomination,
    NominationStatus,
    Outcome,
    OutcomeKind,
)
from members.models import Person
from programmes.models import Enrolment, EnrolmentStatus, Programme, ProgrammeStatus

# How far someone has got in the pipeline: the furthest step of any of their leadership
# enrolments; someone nominated who has not applied yet is "nominated".
STAGES = ("nominated", "applied", "enrolled", "completed")
STAGE_LABELS = {
    "nominated": "Nominated",
    "applied": "Applied",
    "enrolled": "Enrolled",
    "completed": "Completed",
}
_STAGE_OF_STATUS = {
    EnrolmentStatus.APPLIED: "applied",
    EnrolmentStatus.ENDORSED: "applied",
    EnrolmentStatus.WAITING: "applied",
    EnrolmentStatus.OFFERED: "applied",
    EnrolmentStatus.ACCEPTED: "enrolled",
    EnrolmentStatus.COMPLETED: "completed",
}


def leadership_enrolments(*, alliance: Alliance) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(alliance=alliance, programme__kind__in=LEADERSHIP_KINDS)


def done_qualifications(*, alliance: Alliance, person_ids: list[int]) -> dict[int, set[str]]:
    """Per person, the NPQs they hold: completed cohorts of the alliance and qualifications
    recorded as outcomes. Two queries."""
    done: dict[int, set[str]] = defaultdict(set)
    completed = leadership_enrolments(alliance=alliance).filter(
        participant_id__in=person_ids, status=EnrolmentStatus.COMPLETED
    )
    for person_id, kind in completed.values_list("participant_id", "programme__kind"):
        done[person_id].add(BY_KIND[kind].code)
    recorded = Outcome.objects.filter(
        alliance=alliance, person_id__in=person_ids, kind=OutcomeKind.QUALIFICATION
    )
    for person_id, code in recorded.values_list("person_id", "qualification"):
        done[person_id].add(code)
    return done


@dataclass
class PoolEntry:
    nomination: Nomination
    suggested: list[Qualification]


def pool_list_for(
    *,
    alliance: Alliance,
    organisation_id: int | None = None,
    aspiration: str = "",
    role: str = "",
    status: str = "",
) -> list[PoolEntry]:
    """The talent pool: open nominations (agreed, or waiting for the person's agreement), by
    school, with suggested next qualifications. Three queries."""
    nominations = (
        Nomination.objects.filter(alliance=alliance, status__in=OPEN_STATUSES)
        .select_related("person__organisation", "organisation", "nominated_by", "invited_to")
        .order_by("organisation__name", "person__full_name")
    )
    if organisation_id:
        nominations = nominations.filter(organisation_id=organisation_id)
    if aspiration:
        nominations = nominations.filter(aspiration=aspiration)
    if role:
        nominations = nominations.filter(person__job_title__icontains=role)
    if status:
        nominations = nominations.filter(status=status)
    nominations = list(nominations)
    done = done_qualifications(alliance=alliance, person_ids=[n.person_id for n in nominations])
    return [
        PoolEntry(n, suggested_next(n.aspiration, done=done.get(n.person_id, set())))
        for n in nominations
    ]


def cohorts_to_invite_to(*, alliance: Alliance) -> QuerySet[Programme]:
    """The alliance's published leadership cohorts that have not started yet."""
    return (
        Programme.objects.filter(
            alliance=alliance,
            kind__in=LEADERSHIP_KINDS,
            status=ProgrammeStatus.PUBLISHED,
            format="cohort",
        )
        .filter(Q(next_starts_at__isnull=True) | Q(next_starts_at__gt=timezone.now()))
        .exclude(sessions__starts_at__lt=timezone.now())
        .distinct()
        .order_by("next_starts_at", "title")
    )


def nominations_for(*, alliance: Alliance, person: Person) -> QuerySet[Nomination]:
    """The nominations a person made (as a head) or received."""
    return (
        Nomination.objects.filter(alliance=alliance)
        .filter(Q(person=person) | Q(nominated_by=person))
        .select_related("person__organisation", "organisation", "nominated_by", "invited_to")
    )


def awaiting_answer(*, person: Person) -> QuerySet[Nomination]:
    """Nominations waiting for this person's agreement, in any alliance (for their home)."""
    return Nomination.objects.filter(person=person, status=NominationStatus.AWAITING)


def completers_progressed(
    *,
    alliance: Alliance,
    completed_from: datetime.date | None = None,
    completed_to: datetime.date | None = None,
) -> tuple[int, int]:
    """How many people completed an NPQ cohort (in the span, inclusive, if given) and how many
    of them have a promotion or system leadership role recorded on or after the day they
    applied for a programme they completed: the figure behind "all have either secured
    promotion or taken on additional system leadership responsibilities". One query."""
    completed = leadership_enrolments(alliance=alliance).filter(
        status=EnrolmentStatus.COMPLETED, completed_at__isnull=False
    )
    if completed_from:
        completed = completed.filter(completed_at__gte=_day_start(completed_from))
    if completed_to:
        completed = completed.filter(
            completed_at__lt=_day_start(completed_to + datetime.timedelta(days=1))
        )
    rows = (
        completed.annotate(applied_on=TruncDate("applied_at"))
        .annotate(
            progressed=Exists(
                Outcome.objects.filter(
                    alliance=alliance,
                    person=OuterRef("participant"),
                    kind__in=PROGRESSION_KINDS,
                    happened_on__gte=OuterRef("applied_on"),
                )
            )
        )
        .values_list("participant_id", "progressed")
    )
    progressed: dict[int, bool] = {}
    for person_id, did in rows:
        progressed[person_id] = progressed.get(person_id, False) or did
    return len(progressed), sum(progressed.values())


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass
class PipelineFigures:
    by_stage: dict[str, int]
    completions_by_year: list[tuple[str, int]]
    completers: int
    progressed: int

    @property
    def progressed_share(self) -> int | None:
        """Per cent of completers with a recorded promotion or system leadership role."""
        if not self.completers:
            return None
        return round(100 * self.progressed / self.completers)

    @property
    def stages(self) -> list[tuple[str, int]]:
        return [(STAGE_LABELS[stage], self.by_stage[stage]) for stage in STAGES]


def pipeline_figures(*, alliance: Alliance) -> PipelineFigures:
    """The pipeline in three queries: people by their furthest stage (each person once),
    completions per academic year, and the completers promoted or in a system role."""
    furthest: dict[int, int] = {}
    per_year: dict[int, int] = defaultdict(int)
    rows = leadership_enrolments(alliance=alliance).values_list(
        "participant_id", "status", "completed_at"
    )
    for person_id, status, completed_at in rows:
        stage = _STAGE_OF_STATUS.get(status)
        if stage is None:
            continue
        furthest[person_id] = max(furthest.get(person_id, 0), STAGES.index(stage))
        if status == EnrolmentStatus.COMPLETED and completed_at is not None:
            per_year[AcademicYear.start_year_for(timezone.localdate(completed_at))] += 1
    nominated = Nomination.objects.filter(alliance=alliance, status__in=OPEN_STATUSES)
    for person_id in nominated.values_list("person_id", flat=True):
        furthest.setdefault(person_id, 0)
    by_stage = dict.fromkeys(STAGES, 0)
    for index in furthest.values():
        by_stage[STAGES[index]] += 1
    completers, progressed = completers_progressed(alliance=alliance)
    return PipelineFigures(
        by_stage=by_stage,
        completions_by_year=[
            (f"{year}/{(year + 1) % 100:02d}", per_year[year]) for year in sorted(per_year)
        ],
        completers=completers,
        progressed=progressed,
    )


def participants_for(*, alliance: Alliance) -> list[dict]:
    """Everyone enrolled on or completing a leadership cohort, with their programmes and
    outcomes, for the lead to record what happened next. Three queries."""
    enrolments = (
        leadership_enrolments(alliance=alliance)
        .filter(status__in=[EnrolmentStatus.ACCEPTED, EnrolmentStatus.COMPLETED])
        .select_related("participant__organisation", "programme")
        .order_by("participant__full_name", "programme__title")
    )
    people: dict[int, dict] = {}
    for enrolment in enrolments:
        entry = people.setdefault(
            enrolment.participant_id,
            {"person": enrolment.participant, "enrolments": [], "outcomes": []},
        )
        entry["enrolments"].append(enrolment)
    outcomes = Outcome.objects.filter(alliance=alliance, person_id__in=list(people)).select_related(
        "organisation"
    )
    for outcome in outcomes:
        people[outcome.person_id]["outcomes"].append(outcome)
    return list(people.values())


def pipeline_people(*, alliance: Alliance) -> QuerySet[Person]:
    """Whom the alliance's pipeline is about: staff of its member schools, and anyone on one of
    its programmes. Their outcomes are recorded here; anyone else's, in their own alliance."""
    return Person.objects.filter(
        Q(organisation__memberships__alliance=alliance) | Q(enrolments__alliance=alliance)
    ).distinct()


def outcomes_of(*, alliance: Alliance, person: Person) -> QuerySet[Outcome]:
    return Outcome.objects.filter(alliance=alliance, person=person).select_related(
        "organisation", "recorded_by"
    )
