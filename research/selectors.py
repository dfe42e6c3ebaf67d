"""Reads for research pages, each in a fixed number of queries however many projects."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from alliance.models import Alliance
from research.models import Audience, Output, OutputFile, ProjectPhase, ResearchProject


def projects_for_list(projects: QuerySet[ResearchProject]) -> QuerySet[ResearchProject]:
    return (
        projects.select_related("lead__organisation", "alliance")
        .prefetch_related("strands")
        .annotate(
            runs_from=Min("phases__starts_on"),
            runs_to=Max("phases__ends_on"),
            school_count=Count("schools", distinct=True),
            published_count=Count(
                "outputs", filter=Q(outputs__published_at__isnull=False), distinct=True
            ),
        )
        .order_by("title")
    )


@dataclass
class ProjectDetail:
    phases: list[ProjectPhase]
    outputs: list[Output]
    schools: list
    people: list
    strands: list


def project_detail(project: ResearchProject, *, member: bool, editor: bool) -> ProjectDetail:
    """What the project page shows: drafts only to its editors, members' outputs only to members."""
    outputs = project.outputs.all()
    if not editor:
        outputs = outputs.filter(published_at__isnull=False)
        if not member:
            outputs = outputs.filter(audience=Audience.PUBLIC)
    outputs = outputs.prefetch_related(Prefetch("files", queryset=OutputFile.objects.all()))
    return ProjectDetail(
        phases=list(project.phases.all()),
        outputs=list(outputs.order_by("published_at", "created_at")),
        # Who takes part is for members: the public page names the lead and the findings only.
        schools=list(project.schools.order_by("name")) if member else [],
        people=list(project.people.select_related("organisation").order_by("full_name"))
        if member
        else [],
        strands=list(project.strands.all()),
    )


def public_outputs(alliance: Alliance, *, limit: int = 3) -> list[Output]:
    """The latest findings published for everyone, for the alliance's public page."""
    return list(
        Output.objects.filter(
            project__alliance=alliance, published_at__isnull=False, audience=Audience.PUBLIC
        )
        .select_related("project__alliance")
        .order_by("-published_at")[:limit]
    )


@dataclass
class ResearchFigures:
    projects: int
    schools: int
    published: int
    titles: list[str]


def research_figures(
    *, alliance: Alliance, starts: datetime.date, ends: datetime.date
) -> ResearchFigures:
    """Projects with a phase in the period (``starts`` to ``ends``, inclusive), the schools taking
    part in them, and the outputs published in the period."""
    active = ResearchProject.objects.filter(
        alliance=alliance, phases__starts_on__lte=ends, phases__ends_on__gte=starts
    ).distinct()
    titles = list(active.order_by("title").values_list("title", flat=True))
    schools = (
        ResearchProject.schools.through.objects.filter(researchproject__in=active.values("pk"))
        .values("organisation")
        .distinct()
        .count()
    )
    published = Output.objects.filter(
        project__alliance=alliance,
        published_at__date__gte=starts,
        published_at__date__lte=ends,
    ).count()
    return ResearchFigures(
        projects=len(titles), schools=schools, published=published, titles=titles
    )
