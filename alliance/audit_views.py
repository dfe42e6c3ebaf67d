"""The audit log pages: the director reads their alliance's trail, filters it and exports it."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliance.audit import audit_entries_for, audit_people_for
from alliance.exports import csv_filename, csv_response
from alliance.forms import AuditFilterForm
from alliance.models import AuditEntry
from alliance.permissions import requires

PAGE_SIZE = 50


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEntry]]:
    form = AuditFilterForm(request.GET or None, people=audit_people_for(alliance=request.alliance))
    if request.GET and not form.is_valid():
        return form, AuditEntry.objects.none()
    data = form.cleaned_data if request.GET else {}
    person = data.get("person")
    entries = audit_entries_for(
        alliance=request.alliance,
        actor_id=person.pk if person else None,
        kind=data.get("kind", ""),
        since=data.get("since"),
        until=data.get("until"),
    )
    return form, entries


@requires("audit.view")
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    # Bad filters show no page at all: not "No entries match", nor a CSV link that answers 400.
    page = None if form.errors else Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "alliance/audit_list.html", context)


HEADER = ["When", "Who", "What", "Subject", "Detail", "IP address"]


def _rows(entries: QuerySet[AuditEntry]) -> Iterator[list[str]]:
    for entry in entries.iterator(chunk_size=500):
        yield [
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor.email if entry.actor else "",
            entry.get_kind_display(),
            entry.subject,
            entry.detail,
            entry.ip_address or "",
        ]


@requires("audit.view")
@require_GET
def audit_csv(request: HttpRequest) -> HttpResponse:
    """The filtered trail as a CSV; the download itself joins the trail (the middleware)."""
    form, entries = _filtered(request)
    if request.GET and not form.is_valid():
        return render(request, "alliance/audit_list.html", {"form": form, "page": None}, status=400)
    filename = csv_filename("audit log", request.alliance.slug, day=timezone.localdate())
    return csv_response(filename, HEADER, _rows(entries))
