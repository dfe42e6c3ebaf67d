from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.models import AcademicYear
from alliance.permissions import (
    alliance_page,
    get_for_alliance,
    object_page,
    refuse,
    requires,
    signed_in,
)
from alliance.throttle import throttled
from sle import selectors, services
from sle.forms import (
    ApplicationForm,
    DirectoryForm,
    InterviewForm,
    OutcomeForm,
    ReviewForm,
    RoundForm,
    ShortlistForm,
    SupportForm,
)
from sle.models import DesignationRound, SleApplication


def _round(request: HttpRequest, pk: int) -> DesignationRound:
    return get_for_alliance(DesignationRound.objects.all(), request.alliance, pk=pk)


def _to_application(request: HttpRequest, application: SleApplication) -> HttpResponse:
    return redirect(
        "sle:application-detail", alliance_slug=request.alliance.slug, pk=application.pk
    )


@require_GET
@alliance_page
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    query = selectors.DirectoryQuery(
        text=data.get("q", "").strip(),
        specialism=data.get("specialism"),
        phase_code=data["phase"].code if data.get("phase") else "",
        available_this_term=bool(data.get("available")),
    )
    today = timezone.localdate()
    context = {
        "form": form,
        "designations": selectors.directory_for(
            alliance=request.alliance, query=query, today=today
        ),
        "term": selectors.term_of(today),
        "open_rounds": selectors.open_rounds_for(alliance=request.alliance, today=today),
    }
    return render(request, "sle/directory.html", context)


@signed_in
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    """The director's rounds; for everyone else, the open rounds and their own applications."""
    today = timezone.localdate()
    manages = "sle.designate" in request.perms
    context = {
        "rounds": selectors.rounds_for(alliance=request.alliance)
        if manages
        else selectors.open_rounds_for(alliance=request.alliance, today=today),
        "applications": selectors.applications_of(perms=request.perms),
        "may_apply": services.may_apply(request.perms),
    }
    return render(request, "sle/round_list.html", context)


@requires("sle.designate")
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Open a round (``pk`` is None) or change an open one."""
    designation_round = _round(request, pk) if pk else DesignationRound()
    if designation_round.pk and designation_round.is_closed:
        messages.error(request, "This round is closed: it can no longer be changed.")
        return redirect("sle:round-detail", alliance_slug=request.alliance.slug, pk=pk)
    form = RoundForm(request.POST or None, instance=designation_round, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.round_save(
                perms=request.perms,
                designation_round=form.save(commit=False),
                specialisms=form.cleaned_data["specialisms"],
                phases=form.cleaned_data["phases"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{saved.title}” is saved.")
            return redirect("sle:round-detail", alliance_slug=request.alliance.slug, pk=saved.pk)
    return render(request, "sle/round_form.html", {"form": form, "round": designation_round})


@requires("sle.designate")
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    designation_round = _round(request, pk)
    context = {
        "round": designation_round,
        "applications": selectors.applications_in(designation_round=designation_round),
    }
    return render(request, "sle/round_detail.html", context)


@requires("sle.designate")
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    designation_round = _round(request, pk)
    if services.round_close(perms=request.perms, designation_round=designation_round):
        messages.success(request, f"“{designation_round.title}” is closed to applications.")
    return redirect("sle:round-detail", alliance_slug=request.alliance.slug, pk=pk)


def _round_to_apply(request: HttpRequest, pk: int) -> DesignationRound:
    designation_round = _round(request, pk)
    if not services.may_apply(request.perms):
        refuse(request)
    return designation_round


def _application(request: HttpRequest, pk: int) -> SleApplication:
    if not request.user.is_authenticated:
        refuse(request)
    return selectors.application_for(perms=request.perms, pk=pk)


def _application_to_support(request: HttpRequest, token: str) -> SleApplication | None:
    """The application a head's link names; only that school's head may answer (``None``: the
    link has expired)."""
    if not request.user.is_authenticated:
        refuse(request)
    try:
        application = services.application_for_token(token)
    except services.LinkExpired:
        return None
    if application is None or application.round.alliance_id != request.alliance.pk:
        raise Http404
    if not request.perms.heads(application.school_id):
        refuse(request)
    return application


@object_page(_round_to_apply)
@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest, designation_round: DesignationRound) -> HttpResponse:
    form = ApplicationForm(request.POST or None, designation_round=designation_round)
    if request.method == "POST" and form.is_valid():
        application = form.save(commit=False)
        application.round = designation_round
        try:
            services.application_create(applicant=request.perms.person, application=application)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "Your application is sent. Your headteacher is asked to support it."
            )
            return _to_application(request, application)
    return render(request, "sle/application_form.html", {"form": form, "round": designation_round})


@object_page(_application)
@require_GET
def application_detail(request: HttpRequest, application: SleApplication) -> HttpResponse:
    return render(request, "sle/application_detail.html", _detail_context(request, application))


def _detail_context(request: HttpRequest, application: SleApplication, **forms) -> dict:
    context = {"application": application, "manages": "sle.designate" in request.perms}
    if request.perms.heads(application.school_id):
        context["support_token"] = services.support_token(application)
    if context["manages"]:
        context |= {
            "shortlist_form": ShortlistForm(),
            "interview_form": InterviewForm(
                initial={
                    "interviewed_on": application.interviewed_on,
                    "panel": application.interview_panel,
                    "notes": application.interview_notes,
                }
            ),
            "outcome_form": OutcomeForm(),
        }
    return context | forms


def _decision(request: HttpRequest, pk: int, form_class, name: str, decide) -> HttpResponse:
    """Bind the director's form on an application, call the service, and redirect; or show the
    application again with the form's errors next to its fields."""
    application = selectors.application_for(perms=request.perms, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            decide(application, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _to_application(request, application)
    context = _detail_context(request, application, **{name: form})
    return render(request, "sle/application_detail.html", context, status=422)


@requires("sle.designate")
@require_POST
def application_shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    def decide(application, data):
        services.application_shortlist(
            perms=request.perms,
            application=application,
            shortlisted=data["shortlisted"],
            reason=data["reason"],
        )

    return _decision(request, pk, ShortlistForm, "shortlist_form", decide)


@requires("sle.designate")
@require_POST
def application_interview(request: HttpRequest, pk: int) -> HttpResponse:
    def decide(application, data):
        services.interview_record(
            perms=request.perms,
            application=application,
            interviewed_on=data["interviewed_on"],
            panel=data["panel"],
            notes=data["notes"],
        )

    return _decision(request, pk, InterviewForm, "interview_form", decide)


@requires("sle.designate")
@require_POST
def application_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    def decide(application, data):
        services.application_decide(
            perms=request.perms,
            application=application,
            designate=data["designate"],
            feedback=data["feedback"],
            days_released=data["days_released"],
        )

    return _decision(request, pk, OutcomeForm, "outcome_form", decide)


@throttled("sle-support-link")
@object_page(_application_to_support, key="token")
@require_http_methods(["GET", "POST"])
def support(request: HttpRequest, application: SleApplication | None) -> HttpResponse:
    """The head's answer, from the emailed link (or their home page)."""
    if application is None:
        return render(request, "sle/support_expired.html", status=410)
    form = SupportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_record(
                head=request.perms.person,
                perms=request.perms,
                application=application,
                supports=form.cleaned_data["supports"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Thank you: your answer for {application.applicant.full_name} is recorded.",
            )
            return _to_application(request, application)
    return render(request, "sle/support_form.html", {"form": form, "application": application})


@requires("sle.designate")
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    year = AcademicYear.current()
    rows = selectors.review_rows_for(alliance=request.alliance, year=year)
    return render(request, "sle/review_list.html", {"rows": rows, "year": year})


@requires("sle.designate")
@require_http_methods(["GET", "POST"])
def review_record(request: HttpRequest, pk: int) -> HttpResponse:
    year = AcademicYear.current()
    row = selectors.review_row_for(alliance=request.alliance, year=year, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and row.review is None and form.is_valid():
        try:
            services.review_record(
                perms=request.perms,
                designation=row.designation,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"The review of {row.designation.person.full_name} is recorded."
            )
            return redirect("sle:review-list", alliance_slug=request.alliance.slug)
    return render(request, "sle/review_form.html", {"row": row, "form": form, "year": year})
