"""The pipeline's figures on a hand-made alliance, with the answers written in the test."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from alliance.models import Alliance
from leadership.models import Nomination, NominationStatus, Outcome, OutcomeKind
from leadership.selectors import completers_progressed, pipeline_figures
from members.models import Organisation, Person
from programmes.models import Enrolment, EnrolmentStatus, Programme, ProgrammeKind
from strands.models import Strand

pytestmark = pytest.mark.django_db


def _at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T12:00"))


@pytest.fixture
def hand_made():
    alliance = Alliance.objects.create(slug="pipeline-sums", name="Pipeline sums", short_name="PS")
    Strand.create_all_for(alliance)
    strand = Strand.objects.get(alliance=alliance, kind="leadership")
    school = Organisation.objects.create(name="Sums Primary School")
    people = {
        n: Person.objects.create(full_name=f"P{n}", organisation=school) for n in range(1, 10)
    }

    def programme(kind: str) -> Programme:
        return Programme.objects.create(
            alliance=alliance,
            strand=strand,
            kind=kind,
            format="cohort",
            title=f"{kind} cohort",
            summary="s",
            led_by=school,
        )

    npqml, npqsl, cpd = (
        programme(ProgrammeKind.NPQML),
        programme(ProgrammeKind.NPQSL),
        programme(ProgrammeKind.CPD),
    )

    def enrol(n: int, on: Programme, status: str, applied: str, completed: str | None = None):
        Enrolment.objects.create(
            alliance=alliance,
            programme=on,
            participant=people[n],
            organisation=school,
            status=status,
            applied_at=_at(applied),
            completed_at=_at(completed) if completed else None,
        )

    def outcome(n: int, kind: str, on: str, **fields):
        Outcome.objects.create(
            alliance=alliance,
            person=people[n],
            kind=kind,
            happened_on=datetime.date.fromisoformat(on),
            recorded_by=people[9],
            **fields,
        )

    # P1 completed the NPQML in July 2025 and was promoted afterwards: progressed.
    enrol(1, npqml, EnrolmentStatus.COMPLETED, "2024-09-01", "2025-07-10")
    outcome(1, OutcomeKind.PROMOTION, "2025-09-01", role_title="Deputy head", organisation=school)
    # P2 completed it too; the promotion came before they applied, the qualification is none.
    enrol(2, npqml, EnrolmentStatus.COMPLETED, "2024-09-01", "2025-07-10")
    outcome(2, OutcomeKind.PROMOTION, "2024-06-01", role_title="Phase lead", organisation=school)
    outcome(2, OutcomeKind.QUALIFICATION, "2025-10-01", qualification="npqsl")
    # P3 completed the NPQSL in July 2026 and became an SLE: progressed.
    enrol(3, npqsl, EnrolmentStatus.COMPLETED, "2025-09-01", "2026-07-15")
    outcome(3, OutcomeKind.SYSTEM_ROLE, "2026-09-01", system_role="sle")
    # P4 enrolled on the NPQSL; P5 applied for it (and is in the pool: applied is further).
    enrol(4, npqsl, EnrolmentStatus.ACCEPTED, "2026-06-01")
    enrol(5, npqsl, EnrolmentStatus.ENDORSED, "2026-06-01")
    # P6 is nominated only; P7 withdrew and declined a nomination: in no stage.
    enrol(7, npqml, EnrolmentStatus.WITHDRAWN, "2024-09-01")
    for n, status in ((5, NominationStatus.AGREED), (6, NominationStatus.AWAITING)):
        Nomination.objects.create(
            alliance=alliance,
            person=people[n],
            organisation=school,
            nominated_by=people[9],
            aspiration="senior",
            note="n",
            status=status,
        )
    Nomination.objects.create(
        alliance=alliance,
        person=people[7],
        organisation=school,
        nominated_by=people[9],
        aspiration="middle",
        note="n",
        status=NominationStatus.DECLINED,
    )
    # P8 completed the NPQML and is now on the NPQSL: counted once, as completed; no outcome.
    enrol(8, npqml, EnrolmentStatus.COMPLETED, "2024-09-01", "2025-07-20")
    enrol(8, npqsl, EnrolmentStatus.ACCEPTED, "2026-06-01")
    # P9 completed a CPD cohort, which is no leadership qualification: not counted.
    enrol(9, cpd, EnrolmentStatus.COMPLETED, "2025-09-01", "2026-01-10")
    return alliance


def test_it_counts_each_person_at_their_furthest_stage(hand_made):
    figures = pipeline_figures(alliance=hand_made)
    assert figures.by_stage == {"nominated": 1, "applied": 1, "enrolled": 1, "completed": 4}


def test_it_counts_completions_per_academic_year(hand_made):
    figures = pipeline_figures(alliance=hand_made)
    assert figures.completions_by_year == [("2024/25", 3), ("2025/26", 1)]


def test_it_shares_completers_promoted_or_in_a_system_role_since_they_applied(hand_made):
    figures = pipeline_figures(alliance=hand_made)
    assert (figures.completers, figures.progressed, figures.progressed_share) == (4, 2, 50)


def test_it_narrows_completers_to_a_year_for_the_impact_report(hand_made):
    in_the_year = completers_progressed(
        alliance=hand_made,
        completed_from=datetime.date(2024, 9, 1),
        completed_to=datetime.date(2025, 8, 31),
    )
    assert in_the_year == (3, 1)


def test_it_shows_no_share_before_anyone_completes(db):
    alliance = Alliance.objects.create(slug="empty-pipeline", name="Empty", short_name="E")
    figures = pipeline_figures(alliance=alliance)
    assert figures.completers == 0
    assert figures.progressed_share is None


def test_it_reads_the_figures_in_three_queries(hand_made, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        pipeline_figures(alliance=hand_made)
