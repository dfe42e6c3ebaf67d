"""ITT partnerships and recruitment, for the ITT strand lead and the director (issue 16)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from alliance.form_errors import attach_errors
from alliance.models import AcademicYear
from alliance.params import query_int, query_year
from alliance.permissions import object_page
from itt import selectors, services, stages
from itt.access import (
    get_applicant_to_manage,
    get_partnership_to_manage,
    itt_page,
    require_itt_manager,
)
from itt.forms import (
    MOVE_FORMS,
    AcceptedForm,
    AllocationForm,
    ApplicantDetailsForm,
    ApplicantForm,
    PartnershipForm,
    SchoolPlacesForm,
    StartTrainingForm,
)
from itt.models import Allocation, Applicant, Partnership, Stage
from itt.training_selectors import central_training_of


def _year_asked(request: HttpRequest) -> AcademicYear:
    """``?year=2027`` for the 2027/28 entry; the year being recruited for by default."""
    asked = query_year(request)
    if asked is not None:
        year = AcademicYear.objects.filter(start_year=asked).first()
        if year is not None:
            return year
    return selectors.recruitment_year()


# --- partnerships ----------------------------------------------------------------------------


@itt_page
@require_GET
def itt_home(request: HttpRequest) -> HttpResponse:
    """Each partnership's pipeline for a year of entry against its places."""
    year = _year_asked(request)
    context = {
        "year": year,
        "years": AcademicYear.objects.filter(
            start_year__range=(year.start_year - 2, year.start_year + 1)
        ),
        "pipelines": selectors.pipelines_for(alliance=request.alliance, year=year),
    }
    return render(request, "itt/itt_home.html", context)


@itt_page
@require_http_methods(["GET", "POST"])
def partnership_create(request: HttpRequest) -> HttpResponse:
    return _partnership_form(request, Partnership(alliance=request.alliance))


@object_page(get_partnership_to_manage)
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return _partnership_form(request, partnership)


def _partnership_form(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = PartnershipForm(request.POST or None, instance=partnership, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.partnership_save(
                perms=request.perms,
                partnership=form.save(commit=False),
                phases=form.cleaned_data["phases"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Saved {saved.name}.")
            return redirect("itt:partnership-detail", request.alliance.slug, saved.pk)
    return render(request, "itt/partnership_form.html", {"form": form, "partnership": partnership})


@object_page(get_partnership_to_manage)
@require_GET
def partnership_detail(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    training_year = AcademicYear.current()
    recruiting = selectors.recruitment_year()
    context = {
        "partnership": partnership,
        "allocations": selectors.allocations_for(partnership=partnership),
        "pipelines": [
            p
            for p in selectors.pipelines_for(alliance=request.alliance, year=recruiting)
            if p.partnership.pk == partnership.pk
        ],
        "year": recruiting,
        "training_year": training_year,
        "central": central_training_of(partnership=partnership, year=training_year),
    }
    return render(request, "itt/partnership_detail.html", context)


@object_page(get_partnership_to_manage)
@require_http_methods(["GET", "POST"])
def allocation_set(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """The partnership's places in total for one year."""
    form = AllocationForm(request.POST or None, initial={"academic_year": _year_asked(request)})
    if request.method == "POST" and form.is_valid():
        try:
            allocation = services.allocation_set(
                perms=request.perms, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                f"{partnership.name}: {allocation.places} places in {allocation.academic_year}.",
            )
            return redirect("itt:partnership-detail", request.alliance.slug, partnership.pk)
    return render(request, "itt/allocation_form.html", {"form": form, "partnership": partnership})


def get_allocation_to_manage(request: HttpRequest, pk: int) -> Allocation:
    allocation = (
        Allocation.objects.select_related("partnership", "academic_year")
        .filter(partnership__alliance=request.alliance, pk=pk)
        .first()
    )
    if allocation is None:
        raise Http404
    require_itt_manager(request)
    return allocation


@object_page(get_allocation_to_manage)
@require_http_methods(["GET", "POST"])
def school_places_set(request: HttpRequest, allocation: Allocation) -> HttpResponse:
    """A placement school's share of a year's places: never beyond the total."""
    form = SchoolPlacesForm(request.POST or None, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_allocation_set(
                perms=request.perms, allocation=allocation, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            school, places = form.cleaned_data["school"], form.cleaned_data["places"]
            messages.success(
                request, f"{school.name}: {places} places in {allocation.academic_year}."
            )
            return redirect(
                "itt:partnership-detail", request.alliance.slug, allocation.partnership_id
            )
    context = {
        "form": form,
        "allocation": allocation,
        "partnership": allocation.partnership,
        "school_places": allocation.school_places.select_related("school"),
    }
    return render(request, "itt/school_places_form.html", context)


# --- recruitment -----------------------------------------------------------------------------


@itt_page
@require_GET
def applicant_list(request: HttpRequest) -> HttpResponse:
    year = _year_asked(request)
    stage = request.GET.get("stage", "")
    stage = stage if stage in Stage.values else ""
    partnership = None
    if asked := query_int(request, "partnership"):
        partnership = Partnership.objects.filter(alliance=request.alliance, pk=asked).first()
    context = {
        "year": year,
        "stage": stage,
        "stage_label": Stage(stage).label if stage else "",
        "partnership": partnership,
        "applicants": selectors.applicants_for(
            alliance=request.alliance, year=year, partnership=partnership, stage=stage
        ),
    }
    return render(request, "itt/applicant_list.html", context)


@itt_page
@require_http_methods(["GET", "POST"])
def applicant_create(request: HttpRequest) -> HttpResponse:
    initial = {"academic_year": selectors.recruitment_year()}
    if asked := query_int(request, "partnership"):
        initial["partnership"] = asked
    form = ApplicantForm(request.POST or None, alliance=request.alliance, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            applicant = services.applicant_create(
                perms=request.perms, applicant=form.save(commit=False), actor=request.user
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{applicant.full_name} added as an applicant.")
            return redirect("itt:applicant-detail", request.alliance.slug, applicant.pk)
    return render(request, "itt/applicant_form.html", {"form": form})


@object_page(get_applicant_to_manage)
@require_GET
def applicant_detail(request: HttpRequest, applicant: Applicant) -> HttpResponse:
    moves = [(s, stages.MOVE_LABELS[s]) for s in stages.ALLOWED_MOVES[applicant.stage]]
    context = {
        "applicant": applicant,
        "moves": moves,
        "changes": applicant.changes.select_related("by"),
        "trainee": getattr(applicant, "trainee", None)
        if applicant.stage == Stage.IN_TRAINING
        else None,
    }
    return render(request, "itt/applicant_detail.html", context)


@object_page(get_applicant_to_manage)
@require_http_methods(["GET", "POST"])
def applicant_edit(request: HttpRequest, applicant: Applicant) -> HttpResponse:
    # The form edits a copy, so that a refused change leaves the page's applicant as it was.
    copy = Applicant.objects.get(pk=applicant.pk)
    form = ApplicantDetailsForm(request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            services.applicant_update(perms=request.perms, applicant=applicant, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Saved {form.cleaned_data['full_name']}'s details.")
            return redirect("itt:applicant-detail", request.alliance.slug, applicant.pk)
    return render(request, "itt/applicant_edit.html", {"applicant": applicant, "form": form})


@object_page(get_applicant_to_manage)
@require_http_methods(["GET", "POST"])
def applicant_move(request: HttpRequest, applicant: Applicant, stage: str) -> HttpResponse:
    """One move on: the form for what it records, or why the move is not allowed."""
    if stage not in Stage.values:
        raise Http404
    starting = stage == Stage.IN_TRAINING
    data = request.POST or None
    if starting:
        form = StartTrainingForm.for_year(applicant.academic_year, data)
    else:
        form = MOVE_FORMS.get(stage, AcceptedForm)(data)
    allowed = stages.may_move(applicant.stage, stage)
    if request.method == "POST" and form.is_valid():
        try:
            if starting:
                services.applicant_start_training(
                    perms=request.perms,
                    actor=request.user,
                    applicant=applicant,
                    base_url=request.build_absolute_uri("/"),
                    **form.cleaned_data,
                )
            else:
                services.applicant_move(
                    perms=request.perms,
                    actor=request.user,
                    applicant=applicant,
                    to_stage=stage,
                    **form.cleaned_data,
                )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{applicant.full_name}: {Stage(stage).label}.")
            return redirect("itt:applicant-detail", request.alliance.slug, applicant.pk)
    context = {
        "applicant": applicant,
        "form": form,
        "stage": stage,
        "stage_label": Stage(stage).label,
        "action": stages.MOVE_LABELS.get(stage, Stage(stage).label),
        "refusal": ""
        if allowed or applicant.stage == stage
        else stages.refusal(applicant.stage, stage),
    }
    return render(request, "itt/applicant_move.html", context)
