"""Writes for research projects. Each checks the person may make it, and saves all or nothing.

What has been published is not changed in place: an output is withdrawn (back to a draft) before
its summary or files change, so readers never see a finding change under them unannounced.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.forms import ModelForm
from django.utils import timezone

from alliance.documents import check_document, document_name
from alliance.locks import lock_one
from alliance.permissions import AlliancePerms
from research.access import may_edit, runs_research
from research.models import Output, OutputFile, ProjectPhase, ResearchProject

PUBLISHED = "This output is published: withdraw it first to change it."


def _require_edit(perms: AlliancePerms, project: ResearchProject) -> None:
    if not may_edit(perms, project):
        raise PermissionDenied


@transaction.atomic
def project_save(*, perms: AlliancePerms, form: ModelForm, actor: Any) -> ResearchProject:
    """Start a project (the director and the research lead) or change one (they, and its lead)."""
    project: ResearchProject = form.instance
    if project.pk is None:
        if not runs_research(perms):
            raise PermissionDenied
        project.alliance = perms.alliance
        project.created_by = actor
    else:
        _require_edit(perms, project)
    return form.save()


@transaction.atomic
def phase_save(*, perms: AlliancePerms, project: ResearchProject, form: ModelForm) -> ProjectPhase:
    _require_edit(perms, project)
    phase: ProjectPhase = form.save(commit=False)
    phase.project = project
    phase.full_clean()
    phase.save()
    return phase


@transaction.atomic
def phase_remove(*, perms: AlliancePerms, phase: ProjectPhase) -> None:
    _require_edit(perms, phase.project)
    phase.delete()


@transaction.atomic
def output_save(*, perms: AlliancePerms, project: ResearchProject, form: ModelForm) -> Output:
    _require_edit(perms, project)
    output: Output = form.instance
    if output.pk is not None and lock_one(Output.objects, pk=output.pk).is_published:
        raise ValidationError(PUBLISHED)
    output = form.save(commit=False)
    output.project = project
    output.save()
    return output


@transaction.atomic
def output_publish(*, perms: AlliancePerms, output: Output, actor: Any) -> bool:
    """Publish to the output's audience; False if it already was (a second click does nothing)."""
    _require_edit(perms, output.project)
    output = lock_one(Output.objects, pk=output.pk)
    if output.is_published:
        return False
    output.published_at = timezone.now()
    output.published_by = actor
    output.save(update_fields=["published_at", "published_by"])
    return True


@transaction.atomic
def output_withdraw(*, perms: AlliancePerms, output: Output) -> bool:
    """Take a published output back to a draft; False if it was not published."""
    _require_edit(perms, output.project)
    output = lock_one(Output.objects, pk=output.pk)
    if not output.is_published:
        return False
    output.published_at = None
    output.published_by = None
    output.save(update_fields=["published_at", "published_by"])
    return True


@transaction.atomic
def file_upload(
    *, perms: AlliancePerms, output: Output, title: str, upload: UploadedFile, actor: Any
) -> OutputFile:
    """Attach a document to a draft output, after checking its size, extension and first bytes."""
    _require_edit(perms, output.project)
    if lock_one(Output.objects, pk=output.pk).is_published:
        raise ValidationError(PUBLISHED)
    check_document(upload)
    file = OutputFile(
        output=output,
        title=title,
        original_name=document_name(upload),
        size=upload.size,
        uploaded_by=actor,
    )
    file.file.save(file.original_name, upload, save=False)
    file.save()
    return file


@transaction.atomic
def file_remove(*, perms: AlliancePerms, file: OutputFile) -> None:
    _require_edit(perms, file.output.project)
    if lock_one(Output.objects, pk=file.output_id).is_published:
        raise ValidationError(PUBLISHED)
    stored = file.file
    file.delete()
    # Only once the row is surely gone: a rollback must not leave a row without its file.
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
