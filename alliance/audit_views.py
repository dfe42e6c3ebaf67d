"""The audit log pages: the director reads their alliance's trail, filters it and exports it."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliance.audit import audit_entries_for, audit_people_for
from alliance.forms import AuditFilterForm
from alliance.models import AuditEntry
from alliance.permissions import requires

PAGE_SIZE = 50
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: object) -> str:
    # A spreadsheet runs a cell starting with these as a formula; a quote makes it text.
    # Stand-in until the shared CSV writer lands; swap for it then.
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


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


@require_GET
@requires("audit.view")
def audit_list(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "alliance/audit_list.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _rows(entries: QuerySet[AuditEntry]) -> Iterator[list[str]]:
    yield ["When", "Who", "What", "Subject", "Detail", "IP address"]
    for entry in entries.iterator(chunk_size=500):
        yield [
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor.email if entry.actor else "",
            entry.get_kind_display(),
            entry.subject,
            entry.detail,
            entry.ip_address or "",
        ]


@require_GET
@requires("audit.view")
def audit_csv(request: HttpRequest) -> HttpResponse:
    """The filtered trail as a CSV; the download itself joins the trail (the middleware)."""
    form, entries = _filtered(request)
    if request.GET and not form.is_valid():
        return render(request, "alliance/audit_list.html", {"form": form, "page": None}, status=400)
    writer = csv.writer(_Echo())
    lines = (writer.writerow([_safe_cell(cell) for cell in row]) for row in _rows(entries))
    response = StreamingHttpResponse(_with_bom(lines), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    filename = f"audit-log-{request.alliance.slug}-{stamp}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_bom(lines: Iterable[str]) -> Iterator[str]:
    yield "\ufeff"
    yield from lines
