from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.documents import document_response
from alliance.params import query_int
from alliance.permissions import alliance_page, object_page
from research import selectors, services
from research.access import (
    get_file_to_edit,
    get_file_to_read,
    get_output_to_edit,
    get_phase_to_edit,
    get_project_to_edit,
    get_project_to_read,
    may_edit,
    projects_to_read,
    reads_as_member,
    research_page,
    runs_research,
)
from research.forms import OutputFileForm, OutputForm, PhaseForm, ProjectForm
from research.models import Output, OutputFile, ProjectPhase, ResearchProject
from strands.models import Strand


def _url(request: HttpRequest, name: str, pk: int) -> str:
    return reverse(name, kwargs={"alliance_slug": request.alliance.slug, "pk": pk})


@alliance_page
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    strands = Strand.objects.filter(alliance=request.alliance)
    chosen = query_int(request, "strand")
    strand = strands.filter(pk=chosen).first() if chosen else None
    projects = projects_to_read(request)
    if strand is not None:
        projects = projects.filter(strands=strand)
    context = {
        "projects": selectors.projects_for_list(projects),
        "strands": strands,
        "strand": strand,
        "member": reads_as_member(request.perms),
        "runs_research": runs_research(request.perms),
    }
    return render(request, "research/project_list.html", context)


@research_page
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        project = services.project_save(perms=request.perms, form=form, actor=request.user)
        messages.success(request, "Project started. Add its timeline and, later, its findings.")
        return redirect(project)
    return render(request, "research/project_form.html", {"form": form})


@object_page(get_project_to_read)
@require_GET
def project_detail(request: HttpRequest, project: ResearchProject) -> HttpResponse:
    editor = may_edit(request.perms, project)
    member = editor or reads_as_member(request.perms)
    context = {
        "project": project,
        "editor": editor,
        "detail": selectors.project_detail(project, member=member, editor=editor),
    }
    return render(request, "research/project_detail.html", context)


@object_page(get_project_to_edit)
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, project: ResearchProject) -> HttpResponse:
    form = ProjectForm(request.POST or None, instance=project, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        services.project_save(perms=request.perms, form=form, actor=request.user)
        messages.success(request, "Project saved.")
        return redirect(project)
    return render(request, "research/project_form.html", {"form": form, "project": project})


# --- The timeline -----------------------------------------------------------------------------


def _phase_form(request: HttpRequest, project: ResearchProject, form: PhaseForm) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        services.phase_save(perms=request.perms, project=project, form=form)
        messages.success(request, f"“{form.instance.title}” saved in the timeline.")
        return redirect(project)
    return render(request, "research/phase_form.html", {"form": form, "project": project})


@object_page(get_project_to_edit)
@require_http_methods(["GET", "POST"])
def phase_create(request: HttpRequest, project: ResearchProject) -> HttpResponse:
    return _phase_form(request, project, PhaseForm(request.POST or None))


@object_page(get_phase_to_edit)
@require_http_methods(["GET", "POST"])
def phase_edit(request: HttpRequest, phase: ProjectPhase) -> HttpResponse:
    return _phase_form(request, phase.project, PhaseForm(request.POST or None, instance=phase))


@object_page(get_phase_to_edit)
@require_POST
def phase_remove(request: HttpRequest, phase: ProjectPhase) -> HttpResponse:
    services.phase_remove(perms=request.perms, phase=phase)
    messages.success(request, f"“{phase.title}” removed from the timeline.")
    return redirect(phase.project)


# --- Outputs and their files ------------------------------------------------------------------


@object_page(get_project_to_edit)
@require_http_methods(["GET", "POST"])
def output_create(request: HttpRequest, project: ResearchProject) -> HttpResponse:
    form = OutputForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        output = services.output_save(perms=request.perms, project=project, form=form)
        if "publish" in request.POST:
            return _publish(request, output)
        messages.success(request, "Draft saved. Add files, then publish it when it is ready.")
        return redirect(_url(request, "research:output-edit", output.pk))
    return render(request, "research/output_form.html", {"form": form, "project": project})


def _publish(request: HttpRequest, output: Output) -> HttpResponse:
    if services.output_publish(perms=request.perms, output=output, actor=request.user):
        readers = "everyone" if output.audience == "public" else "the alliance's members"
        messages.success(request, f"“{output.title}” is published: {readers} can read it now.")
    else:
        messages.info(request, f"“{output.title}” was already published.")
    return redirect(output.project)


def _output_page(request: HttpRequest, output: Output, form: OutputForm, **forms) -> HttpResponse:
    file_form = forms.get("file_form") or OutputFileForm(
        action=_url(request, "research:file-upload", output.pk)
    )
    context = {
        "form": form,
        "file_form": file_form,
        "output": output,
        "project": output.project,
        "files": output.files.all(),
    }
    return render(request, "research/output_form.html", context)


@object_page(get_output_to_edit)
@require_http_methods(["GET", "POST"])
def output_edit(request: HttpRequest, output: Output) -> HttpResponse:
    if request.method == "POST" and "publish" in request.POST and output.is_published:
        # The second of two clicks on "Save and publish": the first has done it.
        return _publish(request, output)
    form = OutputForm(request.POST or None, instance=output)
    if request.method == "POST" and form.is_valid():
        try:
            services.output_save(perms=request.perms, project=output.project, form=form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if "publish" in request.POST:
                return _publish(request, output)
            messages.success(request, "Draft saved.")
            return redirect(_url(request, "research:output-edit", output.pk))
    return _output_page(request, output, form)


@object_page(get_output_to_edit)
@require_POST
def output_publish(request: HttpRequest, output: Output) -> HttpResponse:
    return _publish(request, output)


@object_page(get_output_to_edit)
@require_POST
def output_withdraw(request: HttpRequest, output: Output) -> HttpResponse:
    if services.output_withdraw(perms=request.perms, output=output):
        messages.success(request, f"“{output.title}” is withdrawn: it is a draft again.")
    return redirect(_url(request, "research:output-edit", output.pk))


@object_page(get_output_to_edit)
@require_POST
def file_upload(request: HttpRequest, output: Output) -> HttpResponse:
    form = OutputFileForm(
        request.POST, request.FILES, action=_url(request, "research:file-upload", output.pk)
    )
    if form.is_valid():
        try:
            services.file_upload(
                perms=request.perms,
                output=output,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)  # the file's own errors go next to it
        else:
            messages.success(request, "File uploaded.")
            return redirect(_url(request, "research:output-edit", output.pk))
    return _output_page(request, output, OutputForm(instance=output), file_form=form)


@object_page(get_file_to_edit)
@require_POST
def file_remove(request: HttpRequest, file: OutputFile) -> HttpResponse:
    try:
        services.file_remove(perms=request.perms, file=file)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{file.title}” removed.")
    return redirect(_url(request, "research:output-edit", file.output_id))


@object_page(get_file_to_read)
@require_GET
def file_download(request: HttpRequest, file: OutputFile) -> HttpResponse:
    return document_response(file.file, file.original_name)
