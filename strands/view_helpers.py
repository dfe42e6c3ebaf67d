"""Small pieces the desk's views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from alliance.models import AcademicYear

GET_POST = require_http_methods(["GET", "POST"])


def year_from(request: HttpRequest) -> AcademicYear:
    """The academic year named by ``?year=2025``, or the current one."""
    start_year = request.GET.get("year", "")
    if not start_year:
        return AcademicYear.current()
    if not start_year.isdigit():
        raise Http404
    return get_object_or_404(AcademicYear, start_year=int(start_year))


def attach_errors(form: Form, error: ValidationError) -> None:
    """Show a service's refusal next to the field it concerns, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def render_form(request: HttpRequest, form: Form, title: str, **context) -> HttpResponse:
    return render(request, "strands/desk_form.html", {"form": form, "title": title, **context})
