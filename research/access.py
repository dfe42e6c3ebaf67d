"""Who reads and who edits research projects.

The director and the research strand's lead run the alliance's research: they start projects and
edit any. A project's lead edits their own project and its outputs. The alliance's members (staff
of a member school, or anyone holding a role in it) read every project and its published outputs;
everyone else reads a project only through an output published for the public.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from alliance.permissions import AlliancePerms, get_for_alliance, refuse, signed_in
from members.selectors import is_alliance_member
from research.models import Audience, Output, OutputFile, ProjectPhase, ResearchProject
from strands.models import StrandKind


def runs_research(perms: AlliancePerms) -> bool:
    return "research.manage" in perms or perms.leads_strand_kind(StrandKind.RESEARCH)


def research_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For those who run the alliance's research, checked before the method is looked at."""

    @functools.wraps(view)
    @signed_in
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not runs_research(request.perms):
            refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def may_edit(perms: AlliancePerms, project: ResearchProject) -> bool:
    person = perms.person
    return runs_research(perms) or (person is not None and project.lead_id == person.pk)


def reads_as_member(perms: AlliancePerms) -> bool:
    return perms.has_any_role or is_alliance_member(person=perms.person, alliance=perms.alliance)


def readable_outputs(perms: AlliancePerms, *, member: bool) -> Q:
    """The outputs this person reads: published ones (members), published for the public
    (everyone else); an editor's drafts are added by the project pages themselves."""
    published = Q(published_at__isnull=False)
    if member:
        return published
    return published & Q(audience=Audience.PUBLIC)


def projects_to_read(request: HttpRequest) -> QuerySet[ResearchProject]:
    projects = ResearchProject.objects.filter(alliance=request.alliance)
    if reads_as_member(request.perms):
        return projects
    public = Output.objects.filter(
        readable_outputs(request.perms, member=False), project=OuterRef("pk")
    )
    return projects.filter(Exists(public))


def get_project_to_read(request: HttpRequest, pk: int) -> ResearchProject:
    project = get_for_alliance(
        ResearchProject.objects.select_related("lead__organisation", "alliance"),
        request.alliance,
        pk=pk,
    )
    if not projects_to_read(request).filter(pk=project.pk).exists():
        refuse(request)
    return project


def get_project_to_edit(request: HttpRequest, pk: int) -> ResearchProject:
    project = get_for_alliance(
        ResearchProject.objects.select_related("lead", "alliance"), request.alliance, pk=pk
    )
    if not may_edit(request.perms, project):
        refuse(request)
    return project


def get_output_to_edit(request: HttpRequest, pk: int) -> Output:
    output = get_object_or_404(
        Output.objects.select_related("project__alliance"),
        project__alliance=request.alliance,
        pk=pk,
    )
    if not may_edit(request.perms, output.project):
        refuse(request)
    return output


def get_phase_to_edit(request: HttpRequest, pk: int) -> ProjectPhase:
    phase = get_object_or_404(
        ProjectPhase.objects.select_related("project"), project__alliance=request.alliance, pk=pk
    )
    get_project_to_edit(request, phase.project_id)
    return phase


def get_file_to_edit(request: HttpRequest, pk: int) -> OutputFile:
    file = get_object_or_404(
        OutputFile.objects.select_related("output__project"),
        output__project__alliance=request.alliance,
        pk=pk,
    )
    get_output_to_edit(request, file.output_id)
    return file


def get_file_to_read(request: HttpRequest, pk: int) -> OutputFile:
    file = get_object_or_404(
        OutputFile.objects.select_related("output__project"),
        output__project__alliance=request.alliance,
        pk=pk,
    )
    output = file.output
    if may_edit(request.perms, output.project):
        return file
    member = reads_as_member(request.perms)
    if not Output.objects.filter(readable_outputs(request.perms, member=member), pk=output.pk):
        refuse(request)
    return file
