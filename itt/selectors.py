"""Reads for the ITT lead and the director: partnerships, their places and the recruitment
pipeline. A fixed number of queries however many partnerships, schools or applicants."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from alliance.models import AcademicYear, Alliance
from itt import stages
from itt.models import Allocation, Applicant, Partnership, PlacementAllocation, Stage


def recruitment_year() -> AcademicYear:
    """The year applicants are being recruited for now: next academic year's entry."""
    current = AcademicYear.current()
    year, _ = AcademicYear.objects.get_or_create(start_year=current.start_year + 1)
    return year


def partnerships_for(*, alliance: Alliance) -> QuerySet[Partnership]:
    return (
        Partnership.objects.filter(alliance=alliance)
        .select_related("lead_school", "provider")
        .prefetch_related("phases")
        .order_by("-active", "name")
    )


@dataclass
class Pipeline:
    """One partnership's applicants for a year by stage, against its places."""

    partnership: Partnership
    places: int | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def columns(self) -> list[tuple[str, str, int]]:
        return [
            (s, Stage(s).label, self.counts.get(s, 0)) for s in (*stages.FORWARD, *stages.CLOSED)
        ]

    @property
    def in_play(self) -> int:
        """Applicants still on their way (not closed)."""
        return sum(self.counts.get(s, 0) for s in stages.FORWARD)

    @property
    def committed(self) -> int:
        """Accepted an offer or further on: these fill places."""
        return sum(
            self.counts.get(s, 0) for s in (Stage.ACCEPTED, Stage.CHECKS_DONE, Stage.IN_TRAINING)
        )

    @property
    def places_left(self) -> int | None:
        return None if self.places is None else self.places - self.committed


def pipelines_for(*, alliance: Alliance, year: AcademicYear) -> list[Pipeline]:
    partnerships = list(partnerships_for(alliance=alliance))
    places = dict(
        Allocation.objects.filter(partnership__alliance=alliance, academic_year=year).values_list(
            "partnership", "places"
        )
    )
    counts: dict[int, Counter] = {}
    rows = (
        Applicant.objects.filter(partnership__alliance=alliance, academic_year=year)
        .values("partnership", "stage")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts.setdefault(row["partnership"], Counter())[row["stage"]] = row["n"]
    return [
        Pipeline(partnership=p, places=places.get(p.pk), counts=dict(counts.get(p.pk, {})))
        for p in partnerships
    ]


def allocations_for(*, partnership: Partnership) -> list[Allocation]:
    """The partnership's places by year, newest first, each with its placement schools."""
    schools = PlacementAllocation.objects.select_related("school").order_by("school__name")
    return list(
        partnership.allocations.select_related("academic_year")
        .prefetch_related(Prefetch("school_places", queryset=schools))
        .order_by("-academic_year__start_year")
    )


def applicants_for(
    *,
    alliance: Alliance,
    year: AcademicYear,
    partnership: Partnership | None = None,
    stage: str = "",
) -> QuerySet[Applicant]:
    applicants = Applicant.objects.filter(
        partnership__alliance=alliance, academic_year=year
    ).select_related("partnership")
    if partnership is not None:
        applicants = applicants.filter(partnership=partnership)
    if stage:
        applicants = applicants.filter(stage=stage)
    return applicants.order_by("full_name", "pk")
