"""The talent pool, nominations, outcomes and the pipeline page (issue 15)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.permissions import signed_in
from leadership.access import (
    figures_page,
    get_nomination_to_answer,
    get_nomination_to_invite,
    head_page,
    manager_page,
    manages_pipeline,
    nomination_page,
    person_outcomes_page,
    person_page,
)
from leadership.family import FAMILY
from leadership.forms import InviteForm, NominationForm, OutcomeForm, PoolFilterForm
from leadership.models import Nomination, NominationStatus
from leadership.selectors import (
    cohorts_to_invite_to,
    nominations_for,
    outcomes_of,
    participants_for,
    pipeline_figures,
    pipeline_people,
    pool_list_for,
)
from leadership.services import (
    nomination_answer,
    nomination_create,
    nomination_invite,
    outcome_record,
)
from members.models import Organisation, Person
from members.selectors import people_for_picker


@manager_page
@require_GET
def pool(request: HttpRequest) -> HttpResponse:
    schools = Organisation.objects.filter(
        pk__in=Nomination.objects.filter(alliance=request.alliance).values("organisation")
    )
    form = PoolFilterForm(request.GET or None, schools=schools)
    filters = form.selector_filters() if request.GET else {}
    entries = pool_list_for(alliance=request.alliance, **filters)
    return render(request, "leadership/pool.html", {"entries": entries, "filter_form": form})


def _staff(request: HttpRequest):
    staff = Person.objects.filter(organisation_id__in=request.perms.organisation_ids).exclude(
        pk=request.perms.person.pk
    )
    return people_for_picker(staff, alliance=request.alliance)


@head_page
@require_http_methods(["GET", "POST"])
def nomination_create_view(request: HttpRequest) -> HttpResponse:
    form = NominationForm(request.POST if request.method == "POST" else None, staff=_staff(request))
    if request.method == "POST" and form.is_valid():
        try:
            nomination = nomination_create(perms=request.perms, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{nomination.person} is nominated. They are asked to agree.")
            return redirect("leadership:nomination-list", alliance_slug=request.alliance.slug)
    return render(request, "leadership/nomination_form.html", {"form": form})


@person_page
@require_GET
def nomination_list(request: HttpRequest) -> HttpResponse:
    """Your nominations: those you made as a head, and your own."""
    person = request.perms.person
    nominations = list(nominations_for(alliance=request.alliance, person=person))
    context = {
        "mine": [n for n in nominations if n.person_id == person.pk],
        "made": [n for n in nominations if n.nominated_by_id == person.pk],
        "may_nominate": bool(request.perms.organisation_ids),
        # Someone of another alliance records their outcomes there, not here.
        "in_pipeline": pipeline_people(alliance=request.alliance).filter(pk=person.pk).exists(),
    }
    return render(request, "leadership/nomination_list.html", context)


@nomination_page
@require_GET
def nomination_detail(request: HttpRequest, nomination: Nomination) -> HttpResponse:
    context = {"nomination": nomination, "manages": manages_pipeline(request.perms)}
    if context["manages"]:
        context["invite_form"] = InviteForm(cohorts=cohorts_to_invite_to(alliance=request.alliance))
    return render(request, "leadership/nomination_detail.html", context)


def _answer(request: HttpRequest, nomination: Nomination, *, agree: bool) -> HttpResponse:
    nomination = nomination_answer(perms=request.perms, nomination=nomination, agree=agree)
    if nomination.status == NominationStatus.AGREED:
        messages.success(request, "Thank you: you are in the talent pool.")
    else:
        messages.info(request, "You declined the nomination.")
    return redirect(
        "leadership:nomination-detail", alliance_slug=request.alliance.slug, pk=nomination.pk
    )


@signed_in
@require_POST
def nomination_agree(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, get_nomination_to_answer(request, pk), agree=True)


@signed_in
@require_POST
def nomination_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, get_nomination_to_answer(request, pk), agree=False)


@signed_in
@require_POST
def nomination_invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_nomination_to_invite(request, pk)
    form = InviteForm(request.POST, cohorts=cohorts_to_invite_to(alliance=request.alliance))
    if form.is_valid():
        try:
            nomination_invite(perms=request.perms, nomination=nomination, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{nomination.person} is invited to apply for {form.cleaned_data['programme']}.",
            )
            return redirect(
                "leadership:nomination-detail",
                alliance_slug=request.alliance.slug,
                pk=nomination.pk,
            )
    context = {"nomination": nomination, "manages": True, "invite_form": form}
    return render(request, "leadership/nomination_detail.html", context, status=200)


def _outcome_form(request: HttpRequest, data=None) -> OutcomeForm:
    return OutcomeForm(
        data, schools=Organisation.objects.filter(memberships__alliance=request.alliance).distinct()
    )


@person_outcomes_page
@require_http_methods(["GET", "POST"])
def person_outcomes(request: HttpRequest, person: Person) -> HttpResponse:
    form = _outcome_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome_record(perms=request.perms, person=person, outcome=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The outcome is recorded.")
            return redirect(
                "leadership:person-outcomes", alliance_slug=request.alliance.slug, pk=person.pk
            )
    context = {
        "person": person,
        "outcomes": outcomes_of(alliance=request.alliance, person=person),
        "form": form,
        "is_self": request.perms.person is not None and request.perms.person.pk == person.pk,
    }
    return render(request, "leadership/person_outcomes.html", context)


@manager_page
@require_GET
def participants(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "leadership/participants.html",
        {"participants": participants_for(alliance=request.alliance)},
    )


@figures_page
@require_GET
def pipeline(request: HttpRequest) -> HttpResponse:
    context = {
        "figures": pipeline_figures(alliance=request.alliance),
        "family": FAMILY,
        "manages": manages_pipeline(request.perms),
    }
    return render(request, "leadership/pipeline.html", context)
