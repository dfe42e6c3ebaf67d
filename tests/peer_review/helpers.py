"""Small helpers shared by the peer review tests."""

from __future__ import annotations

import datetime

from django.urls import reverse

from alliance.models import AcademicYear
from alliance.terms import term_weekday
from members.models import Person
from peer_review.models import FocusArea, Judgement
from strands.models import ClusterSchool


def url(name: str, **kwargs) -> str:
    return reverse(f"peer_review:{name}", kwargs={"alliance_slug": "southwark", **kwargs})


def day(offset: int) -> datetime.date:
    return term_weekday(AcademicYear.current().starts_on + datetime.timedelta(days=offset))


def cluster_school(name: str) -> ClusterSchool:
    return ClusterSchool.objects.select_related("cluster", "organisation", "alliance").get(
        academic_year=AcademicYear.current(), organisation__name=name
    )


def person(name: str) -> Person:
    return Person.objects.get(full_name=name)


def complete_answers(cs: ClusterSchool) -> dict[str, str]:
    """A self-review form's POST with every focus area answered."""
    data = {}
    for area in FocusArea.objects.filter(cluster=cs.cluster):
        data[f"judgement_{area.pk}"] = Judgement.SECURE
        data[f"evidence_{area.pk}"] = f"Book looks and lesson visits on {area.title}."
    return data


BELLENDEN = "Bellenden Road Primary School"
PECKHAM_RYE = "Peckham Rye Nursery School"
NUNHEAD = "Nunhead Green Primary School"
LORDSHIP = "Lordship Lane Primary School"
