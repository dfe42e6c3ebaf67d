"""The impact report: the board's page and PDF, the public version and its PDF, the director's
foreword and publishing. The dashboard is drawn on the director's home by the ``impact``
template tags."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.models import AcademicYear
from alliance.pdf import pdf_response
from alliance.permissions import alliance_page, requires
from evaluation.charts import chart_with_table
from evaluation.impact import Breakdown, ImpactFigures, impact_figures_for, impact_report_for
from evaluation.impact_forms import ForewordForm
from evaluation.impact_services import (
    impact_foreword_save,
    impact_report_publish,
    impact_report_withdraw,
)


def _year(start_year: int) -> AcademicYear:
    return get_object_or_404(AcademicYear, start_year=start_year)


def _compare(now: list[Breakdown], then: list[Breakdown], attribute: str) -> list[list[Any]]:
    """Rows of this year's and the year before's figure by label, in this year's order."""
    before = {row.label: getattr(row, attribute) for row in then}
    labels = [row.label for row in now] + [
        label for label in before if label not in {r.label for r in now}
    ]
    current = {row.label: getattr(row, attribute) for row in now}
    return [[label, current.get(label, 0), before.get(label, 0)] for label in labels]


def _charts(figures: ImpactFigures) -> dict[str, dict[str, Any]]:
    year, before = figures.year, figures.before
    this, last = year.period.label, before.period.label
    feedback = [
        ["Overall", year.feedback.average_overall, before.feedback.average_overall],
        [
            "Useful for practice",
            year.feedback.average_usefulness,
            before.feedback.average_usefulness,
        ],
    ]
    return {
        "strand": chart_with_table(
            f"Places booked and attended by strand, {this}",
            ["Strand", "Booked", "Attended"],
            [[row.label, row.booked, row.attended] for row in year.cpd.by_strand],
        ),
        "audience": chart_with_table(
            "Places attended by audience",
            ["Audience", this, last],
            _compare(year.cpd.by_audience, before.cpd.by_audience, "attended"),
        ),
        "phase": chart_with_table(
            "Places attended by phase",
            ["Phase", this, last],
            _compare(year.cpd.by_phase, before.cpd.by_phase, "attended"),
        ),
        "feedback": chart_with_table(
            "Average answers, out of 5", ["Question", this, last], feedback
        ),
        "leadership": chart_with_table(
            f"Leadership programmes, {this}",
            ["Programme", "Delegates", "Completed"],
            [
                [row["label"], row["delegates"], row["completions"]]
                for row in year.leadership.by_kind
            ],
        ),
        "support": chart_with_table(
            f"SLE and NLE days, {this}",
            ["Designation", "Days agreed", "Days delivered"],
            [
                [row["label"], row["days_agreed"], row["days_delivered"]]
                for row in year.support.by_designation
            ],
        ),
    }


def _context(request: HttpRequest, start_year: int, *, public: bool) -> dict[str, Any]:
    figures = impact_figures_for(alliance=request.alliance, year=_year(start_year))
    if public and figures.report.published_at is None:
        raise Http404
    return {
        "figures": figures,
        "report": figures.report,
        "charts": _charts(figures),
        "public": public,
    }


@requires("impact.view")
@require_GET
def impact_latest(request: HttpRequest) -> HttpResponse:
    """The last full year: in the autumn, the one just ended is the one to report."""
    return redirect(
        "evaluation:impact-report", request.alliance.slug, AcademicYear.current().start_year - 1
    )


@requires("impact.view")
@require_GET
def impact_report(request: HttpRequest, start_year: int) -> HttpResponse:
    return render(
        request, "evaluation/impact_report.html", _context(request, start_year, public=False)
    )


@requires("impact.view")
@require_GET
def impact_report_pdf(request: HttpRequest, start_year: int) -> HttpResponse:
    context = _context(request, start_year, public=False)
    name = f"impact-report-{request.alliance.slug}-{start_year}.pdf"
    return pdf_response(request, "evaluation/impact_pdf.html", context, filename=name)


@alliance_page
@require_GET
def impact_public(request: HttpRequest, start_year: int) -> HttpResponse:
    return render(
        request, "evaluation/impact_report.html", _context(request, start_year, public=True)
    )


@alliance_page
@require_GET
def impact_public_pdf(request: HttpRequest, start_year: int) -> HttpResponse:
    context = _context(request, start_year, public=True)
    name = f"impact-report-{request.alliance.slug}-{start_year}-public.pdf"
    return pdf_response(request, "evaluation/impact_pdf.html", context, filename=name)


@requires("impact.publish")
@require_http_methods(["GET", "POST"])
def impact_foreword(request: HttpRequest, start_year: int) -> HttpResponse:
    year = _year(start_year)
    report = impact_report_for(alliance=request.alliance, year=year)
    form = ForewordForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            impact_foreword_save(
                actor=request.perms.person,
                alliance=request.alliance,
                year=year,
                foreword=form.cleaned_data["foreword"],
            )
        except ValidationError as error:
            form.add_error("foreword", error)
        else:
            messages.success(request, "Foreword saved.")
            return redirect("evaluation:impact-report", request.alliance.slug, start_year)
    context = {"form": form, "year": year}
    return render(request, "evaluation/impact_foreword.html", context)


@requires("impact.publish")
@require_POST
def impact_publish(request: HttpRequest, start_year: int) -> HttpResponse:
    year = _year(start_year)
    try:
        published = impact_report_publish(
            actor=request.perms.person, alliance=request.alliance, year=year
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if published:
            messages.success(request, f"The public report for {year} is on the alliance's page.")
    return redirect("evaluation:impact-report", request.alliance.slug, start_year)


@requires("impact.publish")
@require_POST
def impact_withdraw(request: HttpRequest, start_year: int) -> HttpResponse:
    year = _year(start_year)
    try:
        impact_report_withdraw(actor=request.perms.person, alliance=request.alliance, year=year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The public report for {year} is no longer published.")
    return redirect("evaluation:impact-report", request.alliance.slug, start_year)
