"""Pages for trainees' placements, reviews and outcomes (issue 16). Who may see what is decided
in ``itt/training_access.py`` before the method is looked at."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.models import AcademicYear
from alliance.params import query_year
from alliance.permissions import object_page, signed_in
from itt import training_access as access
from itt import training_selectors as selectors
from itt import training_services as services
from itt.access import get_partnership_to_manage, itt_page, may_manage_itt
from itt.models import Partnership, Placement, ProgressReview, Trainee
from itt.training_forms import MentorTrainingForm, OutcomeForm, PlacementForm, ReviewForm


def _year(request: HttpRequest) -> AcademicYear:
    start_year = query_year(request)
    if start_year is None:
        start_year = AcademicYear.start_year_for(timezone.localdate())
    return AcademicYear(start_year=start_year)


def _to_trainee(request: HttpRequest, trainee: Trainee) -> HttpResponse:
    return redirect(
        "itt_training:trainee-detail", alliance_slug=request.alliance.slug, pk=trainee.pk
    )


@itt_page
@require_GET
def trainee_list(request: HttpRequest) -> HttpResponse:
    """The ITT lead's list: a year's trainees, their placements (flagged where the mentor has
    not completed the mentors' training), and causes for concern not yet acknowledged."""
    year = _year(request)
    context = {
        "year": year,
        "years": [year.start_year - 1, year.start_year + 1],
        "trainees": selectors.trainee_list_for(alliance=request.alliance, year=year),
        "concerns": list(selectors.open_concerns_for(alliance=request.alliance)),
        "partnerships": Partnership.objects.filter(alliance=request.alliance)
        .select_related("mentor_training")
        .order_by("name"),
    }
    return render(request, "itt/trainee_list.html", context)


@object_page(get_partnership_to_manage)
@require_http_methods(["GET", "POST"])
def mentor_training_edit(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Which programme a partnership's mentors should have completed."""
    form = MentorTrainingForm(
        request.POST or None,
        initial={"mentor_training": partnership.mentor_training_id},
        alliance=request.alliance,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_training_set(
                perms=request.perms,
                partnership=partnership,
                programme=form.cleaned_data["mentor_training"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Mentors' training saved for {partnership.name}.")
            return redirect("itt_training:trainee-list", alliance_slug=request.alliance.slug)
    return render(
        request, "itt/mentor_training_form.html", {"partnership": partnership, "form": form}
    )


@object_page(access.get_trainee_to_view)
@require_GET
def trainee_detail(request: HttpRequest, trainee: Trainee) -> HttpResponse:
    context = {
        "trainee": trainee,
        "manages": may_manage_itt(request.perms),
        "is_self": trainee.person_id == request.perms.person.pk,
        **selectors.trainee_record(trainee),
    }
    return render(request, "itt/trainee_detail.html", context)


@object_page(access.get_trainee_to_manage)
@require_http_methods(["GET", "POST"])
def placement_add(request: HttpRequest, trainee: Trainee) -> HttpResponse:
    form = PlacementForm(request.POST or None, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_add(perms=request.perms, trainee=trainee, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Placement added for {trainee.person.full_name}.")
            return _to_trainee(request, trainee)
    return render(request, "itt/placement_form.html", {"trainee": trainee, "form": form})


@object_page(access.get_placement_to_manage)
@require_http_methods(["GET", "POST"])
def placement_change(request: HttpRequest, placement: Placement) -> HttpResponse:
    trainee = placement.trainee
    initial = {
        "school": placement.school_id,
        "kind": placement.kind,
        "starts_on": placement.starts_on,
        "ends_on": placement.ends_on,
        "class_or_subject": placement.class_or_subject,
        "mentor": placement.mentor_id,
    }
    form = PlacementForm(request.POST or None, initial=initial, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_change(perms=request.perms, placement=placement, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Placement changed for {trainee.person.full_name}.")
            return _to_trainee(request, trainee)
    context = {"trainee": trainee, "placement": placement, "form": form}
    return render(request, "itt/placement_form.html", context)


@object_page(access.get_trainee_to_place)
@require_POST
def trainee_central_training(request: HttpRequest, trainee: Trainee) -> HttpResponse:
    _give_central_places(request, [trainee])
    return _to_trainee(request, trainee)


@object_page(get_partnership_to_manage)
@require_POST
def partnership_central_training(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Places for every trainee in training this year who has none yet."""
    year = AcademicYear.current()
    without = selectors.central_training_of(partnership=partnership, year=year).without_place
    _give_central_places(request, without)
    return redirect(
        "itt:partnership-detail", alliance_slug=request.alliance.slug, pk=partnership.pk
    )


def _give_central_places(request: HttpRequest, trainees: list[Trainee]) -> None:
    try:
        given = services.central_training_enrol(perms=request.perms, trainees=trainees)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if given:
            places = "a place" if given == 1 else f"{given} places"
            messages.success(request, f"{places.capitalize()} given on the central training.")
        else:
            messages.info(request, "Everyone chosen already has a place on the central training.")


@object_page(access.get_placement_to_manage)
@require_POST
def placement_remove(request: HttpRequest, placement: Placement) -> HttpResponse:
    try:
        services.placement_remove(perms=request.perms, placement=placement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Placement at {placement.school.name} removed.")
    return _to_trainee(request, placement.trainee)


@object_page(access.get_placement_to_review)
@require_http_methods(["GET", "POST"])
def review_write(request: HttpRequest, placement: Placement) -> HttpResponse:
    initial = {"term": services.term_of(timezone.localdate())}
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_write(
                person=request.perms.person,
                placement=placement,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Review saved for {placement.trainee.person.full_name}.")
            return _to_trainee(request, placement.trainee)
    return render(request, "itt/review_form.html", {"placement": placement, "form": form})


@object_page(access.get_review_to_acknowledge)
@require_POST
def review_acknowledge(request: HttpRequest, review: ProgressReview) -> HttpResponse:
    services.review_acknowledge(perms=request.perms, review=review)
    messages.success(request, f"Concern about {review.trainee.person.full_name} acknowledged.")
    return redirect("itt_training:trainee-list", alliance_slug=request.alliance.slug)


@object_page(access.get_trainee_to_manage)
@require_http_methods(["GET", "POST"])
def trainee_outcome(request: HttpRequest, trainee: Trainee) -> HttpResponse:
    initial = {
        "status": trainee.status,
        "reason": trainee.status_reason,
        "employed": {True: "yes", False: "no"}.get(trainee.employed, ""),
        "first_post_school": trainee.first_post_school_id,
        "first_post_name": trainee.first_post_name,
    }
    form = OutcomeForm(request.POST or None, initial=initial, trainee=trainee)
    if request.method == "POST" and form.is_valid():
        try:
            services.trainee_outcome_record(
                perms=request.perms, trainee=trainee, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Outcome saved for {trainee.person.full_name}.")
            return _to_trainee(request, trainee)
    return render(request, "itt/outcome_form.html", {"trainee": trainee, "form": form})


@itt_page
@require_GET
def outcomes(request: HttpRequest) -> HttpResponse:
    """Per year: trainees per partnership and route, completion, QTS, employment in the
    alliance."""
    year = _year(request)
    figures = selectors.outcomes_for(alliance=request.alliance, year=year)
    context = {
        "year": year,
        "figures": figures,
        "years": [year.start_year - 1, year.start_year + 1],
    }
    return render(request, "itt/outcomes.html", context)


@signed_in
@require_GET
def my_training(request: HttpRequest) -> HttpResponse:
    """A trainee's own record: their latest traineeship in this alliance."""
    trainees = selectors.traineeships_of(person=request.perms.person, alliance=request.alliance)
    if not trainees:
        raise Http404
    return _to_trainee(request, trainees[0])


@signed_in
@require_GET
def mentoring(request: HttpRequest) -> HttpResponse:
    """The placements a mentor has now, with a link to write each term's review."""
    placements = selectors.placements_mentored_by(
        person=request.perms.person, alliance=request.alliance
    )
    return render(request, "itt/mentoring.html", {"placements": placements})
