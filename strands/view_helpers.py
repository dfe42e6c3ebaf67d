"""Small pieces the desk's views share."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from alliance.models import FIRST_YEAR, LAST_YEAR, AcademicYear
from alliance.params import query_year
from strands.models import Strand, StrandKind

GET_POST = require_http_methods(["GET", "POST"])


def year_from(request: HttpRequest) -> AcademicYear:
    """The academic year named by ``?year=2025``, or the current one."""
    if not request.GET.get("year"):
        return AcademicYear.current()
    start_year = query_year(request)
    if start_year is None:
        raise BadRequest(f"The year must be one from {FIRST_YEAR} to {LAST_YEAR}, e.g. 2025.")
    return get_object_or_404(AcademicYear, start_year=start_year)


def strand_from(request: HttpRequest) -> Strand | None:
    """The alliance's strand named by ``?strand=cpd``, if any, to start a form with."""
    kind = request.GET.get("strand", "")
    # Only a known kind reaches the database: PostgreSQL refuses some text (a NUL byte).
    if kind not in StrandKind.values:
        return None
    return request.alliance.strands.filter(kind=kind).first()


def render_form(request: HttpRequest, form: Form, title: str, **context) -> HttpResponse:
    return render(request, "strands/desk_form.html", {"form": form, "title": title, **context})
