"""Pages of cohort programmes (issue 15): apply, endorse (on the page or by the emailed link),
the lead's applications and decisions, the enrolment's moves, "My programmes" and the series'
calendar file. Rules are in ``programmes/cohorts.py``; who sees an enrolment is decided by
``get_enrolment_to_view`` (404 for anyone else signed in, so nobody learns who applied)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.models import Alliance
from alliance.permissions import get_for_alliance, object_page, person_of, refuse, signed_in
from alliance.throttle import throttled
from members.models import Person
from programmes import cohorts, selectors
from programmes.access import get_programme_to_view
from programmes.cohort_forms import ApplyForm, DecisionForm, DeferForm, WithdrawForm
from programmes.models import Enrolment, EnrolmentStatus, Programme
from programmes.notifications import calendar_file_name, sessions_ics
from programmes.rights import rights_of


def person_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in as someone (a person): the superuser alone is nobody, refused whatever the
    method."""

    @functools.wraps(view)
    @signed_in
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if person_of(request.user) is None:
            refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def _person(request: HttpRequest) -> Person:
    person = person_of(request.user)
    if person is None:
        refuse(request)
    return person


def get_enrolment_to_view(request: HttpRequest, pk: int) -> Enrolment:
    """The participant, their head, and the programme's lead or the director see an
    enrolment; to anyone else it does not exist."""
    if not request.user.is_authenticated:
        refuse(request)
    enrolment = get_for_alliance(selectors.enrolments_query(), request.alliance, pk=pk)
    if not (
        cohorts.may_act_for(person_of(request.user), enrolment)
        or cohorts.may_decide(request.perms, enrolment.programme)
    ):
        raise Http404
    return enrolment


enrolment_page = object_page(get_enrolment_to_view)


def enrolment_action(
    may: Callable[[HttpRequest, Enrolment], bool],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A write on one enrolment: signed in, POST only, then the enrolment, which does not exist
    (404) for anyone who may not make this write, as the booking actions answer."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        @signed_in
        @require_POST
        def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
            enrolment = get_enrolment_to_view(request, pk)
            if not may(request, enrolment):
                raise Http404
            return view(request, enrolment)

        return wrapped

    return decorator


def _head(request: HttpRequest, enrolment: Enrolment) -> bool:
    return cohorts.heads_school(
        person_of(request.user), enrolment.organisation_id, alliance_id=enrolment.alliance_id
    )


def _decider(request: HttpRequest, enrolment: Enrolment) -> bool:
    return cohorts.may_decide(request.perms, enrolment.programme)


def _participant_or_head(request: HttpRequest, enrolment: Enrolment) -> bool:
    return cohorts.may_act_for(person_of(request.user), enrolment)


def _viewer(request: HttpRequest, enrolment: Enrolment) -> bool:
    return True  # whoever sees it: the participant, their head, the lead, the director


def get_cohort_to_decide(request: HttpRequest, pk: int) -> Programme:
    if not request.user.is_authenticated:
        refuse(request)
    programme = get_for_alliance(
        Programme.objects.select_related("alliance", "strand"), request.alliance, pk=pk
    )
    if not programme.is_cohort:
        raise Http404
    if not cohorts.may_decide(request.perms, programme):
        refuse(request)
    return programme


def cohort_detail_context(request: HttpRequest, programme: Programme) -> dict:
    """What the programme's page adds for a cohort: its series, the visitor's application, and
    for its managers how many applied. The sessions come prefetched."""
    person = person_of(request.user)
    mine = cohorts.active_enrolment(programme, person) if person is not None else None
    decides = cohorts.may_decide(request.perms, programme)
    return {
        "series": selectors.series_of(programme.sessions.all()),
        "my_enrolment": mine,
        "cohort_closed": cohorts.closed_reason(programme),
        "application_count": programme.enrolments.count() if decides else 0,
    }


# --- applying -------------------------------------------------------------------------------


def _applicants(person: Person, alliance: Alliance) -> forms.Field | None:
    """Whom a person may apply for: a head (as this alliance made them), their staff and
    themselves; others, themselves (``None``: no choice to make)."""
    headed = rights_of(person).headed_in(alliance.pk)
    if not headed:
        return None
    return Person.objects.filter(organisation__in=headed).order_by("full_name")


@person_page
@require_http_methods(["GET", "POST"])
def cohort_apply(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_to_view(request, pk)
    if not programme.is_cohort:
        raise Http404
    person = _person(request)
    people = _applicants(person, request.alliance)
    form = ApplyForm(request.POST or None, people=people)
    closed = cohorts.closed_reason(programme)
    if request.method == "POST" and not closed and form.is_valid():
        participant = form.cleaned_data.get("participant") or person
        try:
            enrolment = cohorts.apply(
                actor=person,
                programme=programme,
                participant=participant,
                note=form.cleaned_data["note"],
                purchase_order=form.cleaned_data["purchase_order"],
            )
        except ValidationError as error:
            form.add_error("participant" if people is not None else None, error)
        else:
            messages.success(request, _applied_message(enrolment))
            return redirect("programmes:enrolment-detail", request.alliance.slug, enrolment.pk)
    context = {
        "programme": programme,
        "form": form,
        "closed": closed,
        "price": programme.price_label_for(
            is_member=cohorts.pays_member_price(programme, person.organisation_id)
        ),
        "series": selectors.series_of(programme.sessions.all()),
    }
    return render(request, "programmes/cohort/apply.html", context)


def _applied_message(enrolment: Enrolment) -> str:
    name = enrolment.participant.full_name
    if enrolment.status == EnrolmentStatus.APPLIED:
        return f"Application sent for {name}. Their headteacher has been asked to endorse it."
    return f"Application sent for {name}. The programme's lead will decide on it."


# --- one enrolment --------------------------------------------------------------------------


def _detail(request: HttpRequest, enrolment: Enrolment, **forms_given) -> HttpResponse:
    person = person_of(request.user)
    decides = cohorts.may_decide(request.perms, enrolment.programme)
    sessions = cohorts.scheduled_sessions(enrolment.programme)
    bookings = {b.session_id: b for b in enrolment.bookings.all()}
    context = {
        "enrolment": enrolment,
        "programme": enrolment.programme,
        "rows": [(s, bookings.get(s.pk)) for s in sessions],
        "series": selectors.series_of(sessions),
        "events": enrolment.events.select_related("by"),
        "may_decide": decides,
        "may_endorse": enrolment.status == EnrolmentStatus.APPLIED
        and cohorts.heads_school(
            person, enrolment.organisation_id, alliance_id=enrolment.alliance_id
        ),
        "may_withdraw": enrolment.status in cohorts.WITHDRAWABLE,
        "decision_form": forms_given.get("decision_form") or DecisionForm(),
        "withdraw_form": forms_given.get("withdraw_form") or WithdrawForm(),
    }
    if decides and enrolment.status == EnrolmentStatus.ACCEPTED:
        context["defer_form"] = forms_given.get("defer_form") or DeferForm(
            cohorts=cohorts.later_cohorts(enrolment)
        )
        context["missed"] = cohorts.missed_sessions(enrolment)
    return render(request, "programmes/cohort/enrolment.html", context)


def _back(request: HttpRequest, enrolment: Enrolment, message: str = "") -> HttpResponse:
    if message:
        messages.success(request, message)
    return redirect("programmes:enrolment-detail", request.alliance.slug, enrolment.pk)


@enrolment_page
@require_GET
def enrolment_detail(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    return _detail(request, enrolment)


@enrolment_action(_head)
def enrolment_endorse(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    try:
        cohorts.endorse(actor=_person(request), enrolment=enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request, enrolment)
    return _back(request, enrolment, f"Endorsed {enrolment.participant.full_name}'s application.")


@throttled("endorse-link")
@signed_in
@require_GET
def enrolment_endorse_link(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: a signed token, not a guessable id. It opens the application's page,
    where its head endorses; to anyone but the participant's head it does not exist."""
    enrolment = cohorts.enrolment_from_token(token)
    if enrolment is None or enrolment.alliance_id != request.alliance.pk:
        raise Http404
    if not cohorts.heads_school(
        person_of(request.user), enrolment.organisation_id, alliance_id=enrolment.alliance_id
    ):
        raise Http404
    return _back(request, enrolment)


@enrolment_action(_decider)
def enrolment_decide(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            enrolment = cohorts.decide(
                perms=request.perms,
                enrolment=enrolment,
                decision=form.cleaned_data["decision"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error("decision", error)
        else:
            done = f"{enrolment.participant.full_name}: {enrolment.get_status_display().lower()}."
            return _back(request, enrolment, done)
    return _detail(request, enrolment, decision_form=form)


@enrolment_action(_decider)
def enrolment_complete(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    try:
        cohorts.complete(perms=request.perms, enrolment=enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request, enrolment)
    return _back(request, enrolment, f"{enrolment.participant.full_name} completed the programme.")


@enrolment_action(_viewer)
def enrolment_withdraw(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            cohorts.withdraw(
                actor=_person(request),
                perms=request.perms,
                enrolment=enrolment,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _back(request, enrolment, f"{enrolment.participant.full_name} withdrawn.")
    return _detail(request, enrolment, withdraw_form=form)


@enrolment_action(_decider)
def enrolment_defer(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    form = DeferForm(request.POST, cohorts=cohorts.later_cohorts(enrolment))
    if form.is_valid():
        try:
            moved = cohorts.defer(
                perms=request.perms,
                enrolment=enrolment,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _back(request, moved, f"Deferred to {moved.programme.title}.")
    return _detail(request, enrolment, defer_form=form)


@enrolment_action(_participant_or_head)
def enrolment_take_up(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    try:
        cohorts.offer_take_up(actor=_person(request), enrolment=enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request, enrolment)
    return _back(request, enrolment, "Place taken up: you are enrolled.")


@enrolment_page
@require_GET
def enrolment_calendar(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    """Every session of the series in one calendar file."""
    sessions = cohorts.scheduled_sessions(enrolment.programme)
    if not sessions:
        raise Http404
    response = HttpResponse(sessions_ics(sessions), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar_file_name(sessions)}"'
    return response


# --- lists ----------------------------------------------------------------------------------


@object_page(get_cohort_to_decide)
@require_GET
def cohort_applications(request: HttpRequest, programme: Programme) -> HttpResponse:
    enrolments = selectors.applications_for(programme)
    context = {
        "programme": programme,
        "enrolments": enrolments,
        "series": selectors.series_of(programme.sessions.all()),
    }
    return render(request, "programmes/cohort/applications.html", context)


@person_page
@require_GET
def my_programmes(request: HttpRequest) -> HttpResponse:
    """A participant's cohorts, and for a head (as this alliance made them) their staff's
    applications and enrolments."""
    person = _person(request)
    headed = rights_of(person).headed_in(request.alliance.pk)
    staff = (
        [
            e
            for e in selectors.staff_enrolments(
                organisation_ids=[s.pk for s in headed], alliance=request.alliance
            )
            if e.participant_id != person.pk
        ]
        if headed
        else []
    )
    context = {
        "mine": selectors.enrolments_of(person=person, alliance=request.alliance),
        "staff": staff,
        "is_head": bool(headed),
    }
    return render(request, "programmes/cohort/my_programmes.html", context)
