"""The director's desk: the strand board (leads, contributions, history) and funded time.
Each view fetches and authorises, binds a form, calls a service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from alliance.exports import csv_filename, csv_response
from alliance.form_errors import attach_errors
from alliance.models import AcademicYear, Alliance, Role, RoleAssignment
from alliance.permissions import requires
from strands import forms, services
from strands.models import Contribution
from strands.selectors import (
    academic_years_for,
    funded_time_for,
    strand_board_for,
    strand_history_for,
)
from strands.view_helpers import GET_POST, render_form, strand_from, year_from


def _board(alliance: Alliance, year: AcademicYear) -> HttpResponse:
    url = reverse("strands:board", kwargs={"alliance_slug": alliance.slug})
    return redirect(f"{url}?year={year.start_year}")


def _lead(request: HttpRequest, pk: int) -> RoleAssignment:
    return get_object_or_404(
        RoleAssignment.objects.select_related("person", "strand", "academic_year"),
        pk=pk,
        alliance=request.alliance,
        role=Role.STRATEGIC_LEAD,
    )


# The strand board -------------------------------------------------------------------------


@requires("strand.view_board")
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    context = {
        "board": strand_board_for(alliance=request.alliance, year=year_from(request)),
        "years": academic_years_for(alliance=request.alliance),
        "may_assign": "strand.assign" in request.perms,
    }
    return render(request, "strands/board.html", context)


@requires("strand.view_board")
@require_GET
def board_history(request: HttpRequest) -> HttpResponse:
    year = year_from(request)
    context = {"year": year, "years": academic_years_for(alliance=request.alliance)}
    context.update(strand_history_for(alliance=request.alliance, year=year))
    return render(request, "strands/board_history.html", context)


@requires("strand.assign")
@GET_POST
def lead_assign(request: HttpRequest) -> HttpResponse:
    strand = strand_from(request)
    form = forms.StrategicLeadForm(
        request.POST or None, alliance=request.alliance, initial={"strand": strand}
    )
    if request.method == "POST" and form.is_valid():
        try:
            lead = services.strategic_lead_assign(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{lead.person} now leads {lead.strand.name}.")
            return _board(request.alliance, lead.academic_year)
    return render_form(request, form, "Assign a strategic lead")


@requires("strand.assign")
@GET_POST
def lead_change(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _lead(request, pk)
    initial = {"funded_days": lead.funded_days, "funded_period": lead.funded_period}
    form = forms.StrategicLeadChangeForm(
        request.POST or None, alliance=request.alliance, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = services.strategic_lead_change(
                actor=request.user, assignment=lead, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{new.person} takes over {new.strand.name}.")
            return _board(request.alliance, new.academic_year)
    title = f"Change the strategic lead for {lead.strand.name}"
    return render_form(request, form, title, subject=lead)


@requires("strand.assign")
@GET_POST
def lead_end(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _lead(request, pk)
    form = forms.EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.strategic_lead_end(actor=request.user, assignment=lead, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{lead.person}'s time leading {lead.strand.name} ends.")
            return _board(request.alliance, lead.academic_year)
    return render_form(
        request, form, f"End {lead.person}'s lead of {lead.strand.name}", subject=lead
    )


@requires("strand.assign")
@GET_POST
def contribution_add(request: HttpRequest) -> HttpResponse:
    strand = strand_from(request)
    form = forms.ContributionForm(
        request.POST or None, alliance=request.alliance, initial={"strand": strand}
    )
    if request.method == "POST" and form.is_valid():
        try:
            added = services.contribution_add(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{added.organisation} contributes to {added.strand.name}.")
            return _board(request.alliance, added.academic_year)
    return render_form(request, form, "Add a partner's contribution to a strand")


@requires("strand.assign")
@GET_POST
def contribution_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_or_404(
        Contribution.objects.select_related("organisation", "strand", "academic_year"),
        pk=pk,
        strand__alliance=request.alliance,
    )
    form = forms.EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_withdraw(
                actor=request.user, contribution=contribution, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{contribution} is withdrawn.")
            return _board(request.alliance, contribution.academic_year)
    title = f"Withdraw {contribution.organisation} from {contribution.strand.name}"
    return render_form(request, form, title)


@requires("strand.assign")
@GET_POST
def board_copy(request: HttpRequest) -> HttpResponse:
    year = year_from(request)
    if request.method == "POST":
        leads, contributions = services.strand_board_copy_to_next_year(
            actor=request.user, alliance=request.alliance, year=year
        )
        following = AcademicYear.objects.get(start_year=year.start_year + 1)
        messages.success(
            request,
            f"Copied {leads} strategic leads and {contributions} contributions into "
            f"{following}. Review them below.",
        )
        return _board(request.alliance, following)
    return render(request, "strands/board_copy.html", {"year": year})


# Funded time ------------------------------------------------------------------------------


@requires("funded_time.view")
@require_GET
def funded_time(request: HttpRequest) -> HttpResponse:
    context = {
        "funded": funded_time_for(alliance=request.alliance, year=year_from(request)),
        "years": academic_years_for(alliance=request.alliance),
    }
    return render(request, "strands/funded_time.html", context)


@requires("funded_time.view")
@require_GET
def funded_time_csv(request: HttpRequest) -> StreamingHttpResponse:
    funded = funded_time_for(alliance=request.alliance, year=year_from(request))
    year = funded.year.label.replace("/", "-")  # 2026/27 as 2026-27, not 202627
    filename = csv_filename("funded time", request.alliance.slug, year)
    header = ["Role", "Person", "Organisation", "From", "Until", "Funded", "Days a year"]
    rows = [
        [
            row.assignment.title,
            row.assignment.person,
            row.assignment.person.organisation,
            row.assignment.starts_on,
            row.assignment.ends_on,
            row.assignment.funded_time_label,
            row.days_per_year,
        ]
        for row in funded.rows
    ]
    rows.append(["Total", "", "", "", "", "", funded.total])
    return csv_response(filename, header, rows)
