from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.exports import csv_filename, csv_response, short_name
from alliance.models import Partnership
from alliance.params import ascii_int, query_int
from alliance.permissions import alliance_page, get_for_alliance, object_page, requires
from members.models import Organisation
from programmes import selectors, services
from programmes.access import (
    booker_page,
    booking_rights,
    bookings_page,
    get_booking_for_booker,
    get_programme_to_book,
    get_programme_to_manage,
    get_programme_to_view,
    get_session_to_manage,
    manager_page,
    may_see_bookings,
    own_bookings_page,
    programme_manager_page,
    refuse_staff_of_other_schools,
    request_rights,
    self_booker_page,
    session_runner_page,
)
from programmes.catalogue_cache import CATALOGUE, COMBINED
from programmes.cohort_views import cohort_detail_context
from programmes.filters import (
    CatalogueFilter,
    CombinedCatalogueFilter,
    PartnershipCatalogueFilter,
)
from programmes.forms import (
    BookerForm,
    BookingConfirmForm,
    BookingForm,
    ProgrammeForm,
    SelfBookingForm,
    SessionForm,
    StaffInvitationForm,
    SwapForm,
)
from programmes.models import Booking, Programme, Session, offer_hold
from programmes.notifications import calendar_file_name, session_ics, sessions_ics
from programmes.rights import BookingRights, staff_of
from programmes.staff import staff_invite


def _catalogue_response(
    request: HttpRequest, filterset_for, *, combined: bool, partnership: Partnership | None = None
) -> HttpResponse:
    """The catalogue page. Its body (filters and results) comes from the cache when the same
    query was rendered since the catalogue last changed (see ``programmes.catalogue_cache``).
    A partnership's catalogue lists several alliances, so it goes with the combined one."""
    member_of = request_rights(request).member_alliance_ids
    parts = (request.path, sorted(request.GET.lists()), sorted(member_of))
    scope = COMBINED if combined else request.alliance.pk
    token, body = CATALOGUE.get(*parts, scope=scope)
    context = {
        "combined": combined,
        "partnership": partnership,
        "may_see_bookings": not combined and partnership is None and may_see_bookings(request),
    }
    if body is None:
        filterset = filterset_for()
        matching_sessions = filterset.matching_sessions()
        page = selectors.catalogue_page(
            filterset.qs, request.GET.get("page"), matching_sessions=matching_sessions
        )
        for programme in page.programmes:
            programme.price_label = programme.price_label_for(
                is_member=programme.alliance_id in member_of
            )
        body_context = {
            "filter": filterset,
            "page": page,
            "dates_chosen": matching_sessions is not None,
            # Counted only when filtering: the unfiltered list is paged without a COUNT.
            "found": selectors.catalogue_count(filterset.qs) if filterset.is_filtering else None,
            "most_counted": selectors.MOST_COUNTED,
            "query_without_page": _without_page(request),
            "combined": combined,
            "partnership": partnership,
            "path": request.path,
        }
        body = render_to_string("programmes/_catalogue_body.html", body_context)
        CATALOGUE.set(token, parts, body, _cache_seconds(page), scope=scope)
        context |= body_context
    context["catalogue_body"] = mark_safe(body)  # rendered by our own template above
    return render(request, "programmes/catalogue.html", context)


def _cache_seconds(page) -> int:
    """No longer than the cache allows, nor past the moment the first listed session starts."""
    seconds = CATALOGUE.seconds()
    if page.programmes:
        # Not always the first listed: a search lists the best match first.
        soonest = min(programme.next_starts_at for programme in page.programmes)
        until = (soonest - timezone.now()).total_seconds()
        seconds = min(seconds, int(until))
    return max(seconds, 1)


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def combined_catalogue(request: HttpRequest) -> HttpResponse:
    """Every alliance's upcoming programmes in one list: the one stop shop for CPD."""
    return _catalogue_response(
        request,
        lambda: CombinedCatalogueFilter(request.GET, queryset=selectors.catalogue_programmes()),
        combined=True,
    )


@require_GET
def partnership_catalogue(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """A borough's one stop shop: the programmes of its alliances and its local authority."""
    partnership = get_object_or_404(Partnership, slug=partnership_slug)
    providers = partnership.provider_list = list(partnership.providers.order_by("name"))
    programmes = selectors.catalogue_programmes(provider_ids=[p.pk for p in providers])
    return _catalogue_response(
        request,
        lambda: PartnershipCatalogueFilter(request.GET, queryset=programmes, providers=providers),
        combined=True,
        partnership=partnership,
    )


@require_GET
@alliance_page
def catalogue(request: HttpRequest) -> HttpResponse:
    return _catalogue_response(
        request,
        lambda: CatalogueFilter(
            request.GET, queryset=selectors.catalogue_programmes(alliance=request.alliance)
        ),
        combined=False,
    )


@require_GET
@alliance_page
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_to_view(request, pk, queryset=selectors.programme_detail_queryset())
    rights = request_rights(request)
    context = {
        "programme": programme,
        "now": timezone.now(),
        "may_book": bool(rights),
        "books_for_self": rights.for_self,
        "staff_booked": selectors.staff_booked_on(programme=programme, rights=rights)
        if rights
        else 0,
        "is_member": programme.alliance_id in rights.member_alliance_ids,
        "may_manage": request.perms.may_manage_strand(programme.strand_id),
        "may_run": services.may_run(request.perms, programme),
    }
    if programme.is_cohort:  # issue 15
        context |= cohort_detail_context(request, programme)
    return render(request, "programmes/programme_detail.html", context)


@booker_page
@require_http_methods(["GET", "POST"])
def booking_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The booking form. "Change" on the check page posts every answer back to it: a POST, so
    no delegate's name or email ends up in a URL (server logs, browser history). Never writes."""
    setup = _booking_setup(request, pk)
    chosen = query_int(request, "session")
    initial = BookingForm.initial_from(request.POST) or {
        "sessions": [chosen] if chosen else setup.open_sessions
    }
    form = BookingForm(initial=initial, sessions=setup.open_sessions, staff=setup.staff)
    return _booking_form_page(request, setup, form)


@booker_page
@require_POST
def booking_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Check your answers: what the booking would do now, and its price. Never writes."""
    setup = _booking_setup(request, pk)
    form = BookingForm(request.POST, sessions=setup.open_sessions, staff=setup.staff)
    if not form.is_valid():
        if "delegates" in form.errors:
            refuse_staff_of_other_schools(request, setup.school)
        return _booking_form_page(request, setup, form)
    try:
        _refuse_unbookable(form, setup)
    except ValidationError as error:
        form.add_error(None, error)
        return _booking_form_page(request, setup, form)
    return _check_page(request, setup, form)


@booker_page
@require_POST
def booking_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm booking: the only step that writes, checked again against what was shown."""
    setup = _booking_setup(request, pk)
    form = BookingConfirmForm(request.POST, sessions=setup.open_sessions, staff=setup.staff)
    if not form.is_valid():
        if "delegates" in form.errors:
            refuse_staff_of_other_schools(request, setup.school)
        return _booking_form_page(request, setup, form)
    try:
        bookings = _book(form, setup)
    except ValidationError as error:
        # Refused because this same answer, confirmed a moment ago, took the places: show it.
        if made := _made_already(form, setup):
            return _to_confirmation(request, made)
        return _check_page(request, setup, form, error=error)
    return _to_confirmation(request, bookings)


def _made_already(form: BookingConfirmForm, setup: _BookingSetup) -> list[Booking]:
    try:
        return services.bookings_made_with(
            token=form.cleaned_data["token"], actor=setup.rights.person
        )
    except ValidationError:
        return []


@dataclass(frozen=True)
class _BookingSetup:
    rights: BookingRights
    school: Organisation
    programme: Programme
    sessions: list[Session]
    open_sessions: list[Session]
    staff: list

    @property
    def is_member(self) -> bool:
        return self.rights.is_member(
            organisation_id=self.school.pk, alliance_id=self.programme.alliance_id
        )

    @property
    def price(self) -> Decimal:
        return self.programme.price_for(is_member=self.is_member)


def _booking_setup(request: HttpRequest, pk: int) -> _BookingSetup:
    rights = booking_rights(request)
    school = rights.school(request.GET.get("school"))
    programme, sessions = get_programme_to_book(request, pk)
    return _BookingSetup(
        rights, school, programme, sessions, selectors.open_sessions(sessions), staff_of(school)
    )


def _hold_hours() -> int:
    return int(offer_hold().total_seconds() // 3600)


def _booking_form_page(request: HttpRequest, setup: _BookingSetup, form) -> HttpResponse:
    context = {
        "programme": setup.programme,
        "form": form,
        "school": setup.school,
        "schools": setup.rights.schools,
        "closed_reason": "" if setup.open_sessions else _closed_reason(setup.sessions),
        "is_member": setup.is_member,
    }
    return render(request, "programmes/booking_form.html", context)


def _refuse_unbookable(form: BookingForm, setup: _BookingSetup) -> None:
    """What the form can tell before the check page: not for this school, or full."""
    if not setup.is_member and not setup.programme.open_to_non_members:
        raise ValidationError("This programme is for schools of the alliance only.")
    data = form.cleaned_data
    if not data["join_waiting_list"]:
        services.refuse_when_visibly_full(
            data["sessions"], people=len(data["delegates"]) + len(form.new_delegates)
        )


def _names(form: BookingForm) -> list[str]:
    return [p.full_name for p in form.cleaned_data["delegates"]] + [
        d.full_name for d in form.new_delegates
    ]


def _check_page(
    request: HttpRequest, setup: _BookingSetup, form: BookingForm, *, error=None
) -> HttpResponse:
    """The check page from the answers and the sessions as they are now."""
    data = form.cleaned_data
    plan = selectors.booking_plan(
        sessions=data["sessions"],
        names=_names(form),
        price=setup.price,
    )
    answers = form.answers()
    context = {
        "programme": setup.programme,
        "school": setup.school,
        "is_member": setup.is_member,
        "plan": plan,
        "price": setup.price,
        "answers": answers,
        "new_delegates": form.new_delegates,
        "purchase_order": data["purchase_order"],
        "hold_hours": _hold_hours(),
        "errors": error.messages if error else [],
    }
    return render(request, "programmes/booking_check.html", context)


def _book(form: BookingConfirmForm, setup: _BookingSetup) -> list[Booking]:
    data = form.cleaned_data
    _refuse_unbookable(form, setup)
    return services.booking_create(
        actor=setup.rights.person,
        organisation=setup.school,
        sessions=list(data["sessions"]),
        delegates=list(data["delegates"]),
        new_delegates=form.new_delegates,
        join_waiting_list=data["join_waiting_list"],
        rights=setup.rights,
        token=data["token"],
        purchase_order=data["purchase_order"],
        expected=services.BookingExpectation(price=data["price"], confirmed=data["confirmed"]),
    )


def _to_confirmation(request: HttpRequest, bookings: list[Booking]) -> HttpResponse:
    group = bookings[0].group
    return redirect(
        "programmes:booking-confirmation",
        alliance_slug=request.alliance.slug,
        reference=group.reference,
    )


def _closed_reason(sessions: list[Session]) -> str:
    if not sessions:
        return "This programme has no sessions yet."
    return sessions[-1].closed_reason() or "No session of this programme is open for booking."


@own_bookings_page
@require_GET
def booking_confirmation(request: HttpRequest, reference: str) -> HttpResponse:
    """The booking as made: its reference, who has a place, who waits, the total."""
    group, bookings = _group_for_booker(request, reference)
    context = {
        "group": group,
        "programme": bookings[0].session.programme,
        "summary": selectors.summary_of(bookings),
        "for_self": group.organisation_id is None,
    }
    return render(request, "programmes/booking_confirmation.html", context)


@own_bookings_page
@require_GET
def booking_calendar(request: HttpRequest, reference: str) -> HttpResponse:
    """Every session of the booking in one calendar file."""
    _group, bookings = _group_for_booker(request, reference)
    sessions = list({b.session_id: b.session for b in bookings}.values())
    return _calendar_response(sessions_ics(sessions), calendar_file_name(sessions))


def _group_for_booker(request: HttpRequest, reference: str):
    group, bookings = selectors.booking_group_for(
        reference=reference, alliance=request.alliance, rights=request_rights(request)
    )
    if group is None or not bookings:
        raise Http404
    return group, bookings


def _calendar_response(ics: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(ics, content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@bookings_page
@require_GET
def booking_list(request: HttpRequest) -> HttpResponse:
    rights = _visible_rights(request)
    programme = _programme_asked_for(request)
    bookings = selectors.bookings_for(
        rights=rights,
        alliance=request.alliance,
        when="past" if request.GET.get("when") == "past" else "upcoming",
        page=selectors.page_number(request.GET.get("page")),
        programme_id=programme.pk if programme else None,
    )
    headed = request_rights(request).headed_in(request.alliance.pk)
    context = {
        "bookings": bookings,
        "programme": programme,
        "programme_query": f"programme={programme.pk}" if programme else "",
        "past_query": f"when=past&programme={programme.pk}" if programme else "when=past",
        "all_schools": rights is None,
        "for_self": request_rights(request).for_self,
        "bookers": selectors.bookers_of(alliance=request.alliance, organisations=headed),
        "booker_form": BookerForm(staff=selectors.booker_candidates(organisations=headed))
        if headed
        else None,
    }
    return render(request, "programmes/booking_list.html", context)


def _programme_asked_for(request: HttpRequest) -> Programme | None:
    """The alliance's programme in ``?programme=``, whose bookings alone are listed."""
    pk = query_int(request, "programme")
    if pk is None:
        return None
    return Programme.objects.filter(pk=pk, alliance=request.alliance).first()


@booker_page
@require_POST
def booker_create(request: HttpRequest) -> HttpResponse:
    headed = request_rights(request).headed_in(request.alliance.pk)
    if not headed:
        raise PermissionDenied
    form = BookerForm(request.POST, staff=selectors.booker_candidates(organisations=headed))
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            services.booker_allow(
                actor=request.perms.person,
                alliance=request.alliance,
                organisation=person.organisation,
                person=person,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{person.full_name} may now book CPD for the school.")
    else:
        messages.error(request, "Choose a member of your staff who signs in to the portal.")
    return redirect("programmes:booking-list", alliance_slug=request.alliance.slug)


@booker_page
@require_POST
def booker_delete(request: HttpRequest, pk: int) -> HttpResponse:
    headed = request_rights(request).headed_in(request.alliance.pk)
    booker = get_object_or_404(
        selectors.bookers_granted_in(alliance=request.alliance, organisations=headed), pk=pk
    )
    services.booker_remove(actor=request.perms.person, alliance=request.alliance, booker=booker)
    messages.success(request, f"{booker.person.full_name} no longer books for the school.")
    return redirect("programmes:booking-list", alliance_slug=request.alliance.slug)


def _visible_rights(request: HttpRequest) -> BookingRights | None:
    """Whose bookings the person sees: a booker those of ``booked_by_booker`` (someone of no
    school, none but their own); ``None`` means every school's (the director)."""
    if "bookings.view_all" in request.perms:
        return None
    return request_rights(request)


@bookings_page
@require_GET
def booking_export(request: HttpRequest) -> StreamingHttpResponse:
    rights = _visible_rights(request)
    bookings = selectors.bookings_for_export(rights=rights, alliance=request.alliance)
    header = ["Delegate", "Email", "School", "Programme", "Alliance", "Session starts"]
    header += ["Venue", "Status", "Late cancellation", "Attendance", "Booking reference"]
    header += ["Purchase order", "Price due (£)"]
    rows = (
        [
            b.delegate.full_name,
            b.delegate.email,
            b.booked_for,
            b.session.programme.title,
            b.session.programme.alliance.display_short_name,
            timezone.localtime(b.session.starts_at).strftime("%Y-%m-%d %H:%M"),
            b.session.where,
            b.status_label,
            "yes" if b.cancelled_late else "",
            b.get_attendance_display() if b.attendance else "",
            b.group.reference if b.group else "",
            b.group.purchase_order if b.group else "",
            f"{b.price_due:.2f}",
        ]
        for b in bookings
    )
    return csv_response(_bookings_filename(request, all_schools=rights is None), header, rows)


def _bookings_filename(request: HttpRequest, *, all_schools: bool) -> str:
    today = timezone.localdate()
    if all_schools:
        return csv_filename("bookings", request.alliance.slug, "all schools", day=today)
    rights = request_rights(request)
    if rights.for_self:
        return csv_filename("my bookings", day=today)
    schools = [short_name(school.name) for school in rights.schools]
    return csv_filename("our bookings", *schools, day=today)


@own_bookings_page
@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (which place, whether it is late and what that costs, who gets it next);
    only the POST cancels, then says what happened."""
    booking = get_booking_for_booker(request, pk)
    if request.method == "GET":
        context = {"booking": booking, "late": booking.cancels_late(), "hold_hours": _hold_hours()}
        return render(request, "programmes/booking_cancel.html", context)
    try:
        booking = services.booking_cancel(actor=request.perms.person, booking=booking)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _cancelled_message(booking))
    return redirect("programmes:booking-list", alliance_slug=request.alliance.slug)


def _cancelled_message(booking: Booking) -> str:
    session = booking.session
    said = (
        f"Cancelled the place of {booking.delegate.full_name} on {session.programme.title}, "
        f"{timezone.localtime(session.starts_at):%-d %B %Y}."
    )
    if booking.cancelled_late and booking.price_due:
        return f"{said} It was after the booking deadline: £{booking.price_due} is still due."
    said += " Nothing to pay for it."
    if booking.cancelled_late:
        said += " It is recorded as a late cancellation."
    return said


@booker_page
@require_http_methods(["GET", "POST"])
def booking_swap(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a booked person's place to a colleague from the same school."""
    booking = get_booking_for_booker(request, pk)
    colleagues = selectors.colleagues_of(booking=booking)
    form = SwapForm(request.POST or None, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        colleague = form.cleaned_data["colleague"]
        try:
            services.booking_swap(actor=request.perms.person, booking=booking, colleague=colleague)
        except ValidationError as error:
            form.add_error("colleague", error)
        else:
            messages.success(
                request,
                f"{colleague.full_name} now has the place of {booking.delegate.full_name} "
                f"on {booking.session.programme.title}.",
            )
            return redirect("programmes:booking-list", alliance_slug=request.alliance.slug)
    context = {"booking": booking, "form": form, "places": selectors.swappable_places(booking)}
    return render(request, "programmes/booking_swap.html", context)


@own_bookings_page
@require_POST
def offer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_booker(request, pk)
    try:
        booking = services.offer_accept(actor=request.perms.person, booking=booking)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Place confirmed for {booking.delegate.full_name}.")
    return redirect("programmes:booking-list", alliance_slug=request.alliance.slug)


@manager_page
@require_GET
def programme_manage(request: HttpRequest) -> HttpResponse:
    perms = request.perms
    strand_ids = None if "programme.manage_all" in perms else perms.strand_ids
    programmes = selectors.programmes_to_manage(alliance=request.alliance, strand_ids=strand_ids)
    return render(request, "programmes/programme_manage.html", {"programmes": programmes})


@manager_page
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    return _programme_form(request, Programme(alliance=request.alliance))


@manager_page
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_form(request, get_programme_to_manage(request, pk))


def _programme_form(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, instance=programme, perms=request.perms)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_save(
                perms=request.perms,
                programme=form.save(commit=False),
                audiences=form.cleaned_data["audiences"],
                phases=form.cleaned_data["phases"],
                facilitators=form.cleaned_data["facilitators"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved “{programme.title}”.")
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form})


@manager_page
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_to_manage(request, pk)
    return _session_form(request, Session(programme=programme, alliance=request.alliance))


@programme_manager_page
@require_http_methods(["GET", "POST"])
def session_copy(request: HttpRequest, programme: Programme) -> HttpResponse:
    """A new session filled in from the programme's last one, a week on; saved only when sent."""
    last = programme.sessions.order_by("starts_at", "pk").last()
    if last is None:
        return redirect("programmes:session-create", request.alliance.slug, programme.pk)
    return _session_form(request, last.copy_a_week_on(after=timezone.now()))


@programme_manager_page
@require_POST
def programme_publish(request: HttpRequest, programme: Programme) -> HttpResponse:
    try:
        published = services.programme_publish(perms=request.perms, programme=programme)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if published:
            messages.success(request, f"Published “{programme.title}”: it is in the catalogue.")
        else:
            messages.info(request, f"“{programme.title}” was already published.")
    return redirect(programme)


@manager_page
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_for_alliance(Session.objects.all(), request.alliance, pk=pk)
    get_programme_to_manage(request, session.programme_id)
    return _session_form(request, session)


def _session_form(request: HttpRequest, session: Session) -> HttpResponse:
    # A copy's details are the form's starting values; what is posted replaces them.
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_save(perms=request.perms, session=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Session saved.")
            return redirect(session.programme)
    context = {"form": form, "session": session, "programme": session.programme}
    return render(request, "programmes/session_form.html", context)


@object_page(get_session_to_manage)
@require_POST
def session_cancel(request: HttpRequest, session: Session) -> HttpResponse:
    try:
        count = services.session_cancel(perms=request.perms, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Session cancelled; {count} booking(s) cancelled and told.")
    return redirect(session.programme)


@session_runner_page
@require_http_methods(["GET", "POST"])
def session_register(request: HttpRequest, session: Session) -> HttpResponse:
    if request.method == "POST":
        # A name with no booking's id in it ("attendance-²") is passed over, as an id of
        # a booking not on this register is.
        marks = {
            pk: value
            for key, value in request.POST.items()
            if key.startswith("attendance-")
            and (pk := ascii_int(key.removeprefix("attendance-"), minimum=1)) is not None
        }
        try:
            count = services.attendance_mark(perms=request.perms, session=session, marks=marks)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Attendance saved for {count} delegate(s).")
            return redirect("programmes:session-register", request.alliance.slug, session.pk)
    context = {"session": session, "bookings": selectors.register_for(session=session)}
    return render(request, "programmes/session_register.html", context)


@session_runner_page
@require_GET
def session_register_csv(request: HttpRequest, session: Session) -> StreamingHttpResponse:
    header = ["Delegate", "Email", "School", "Status", "Attendance", "Price due (£)"]
    header += ["Programme", "Session date", "Venue"]
    starts = timezone.localtime(session.starts_at)
    # Each row names its session, so registers pasted into one sheet stay apart.
    about = [session.programme.title, starts.strftime("%Y-%m-%d %H:%M"), session.where]
    rows = (
        [
            b.delegate.full_name,
            b.delegate.email,
            b.booked_for,
            b.status_label,
            b.get_attendance_display() if b.attendance else "",
            f"{b.price_due:.2f}",
            *about,
        ]
        for b in selectors.register_for(session=session)
    )
    filename = csv_filename("register", session.programme.title, day=starts.date())
    return csv_response(filename, header, rows)


@require_GET
@alliance_page
def session_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_for_alliance(Session.objects.select_related("programme"), request.alliance, pk=pk)
    get_programme_to_view(request, session.programme_id)
    return _calendar_response(session_ics(session), calendar_file_name([session]))


@requires("staff.invite")
@require_http_methods(["GET", "POST"])
def staff_invite_view(request: HttpRequest) -> HttpResponse:
    """A head invites a member of their school's staff to sign in and book its CPD."""
    schools = Organisation.objects.filter(pk__in=request.perms.organisation_ids)
    form = StaffInvitationForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = staff_invite(
                actor=request.user,
                alliance=request.alliance,
                **form.cleaned_data,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            _show_on_form(form, error)
        else:
            messages.success(
                request,
                f"Invitation sent to {invitation.email}: once they sign in they may book CPD "
                f"for {invitation.organisation.name}.",
            )
            return redirect("programmes:booking-list", alliance_slug=request.alliance.slug)
    return render(request, "programmes/staff_invite.html", {"form": form})


def _show_on_form(form: StaffInvitationForm, error: ValidationError) -> None:
    """Each message next to its field: the invitation's organisation is the form's school."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        name = "school" if name == "organisation" else name
        form.add_error(name if name in form.fields else None, errors)


@self_booker_page
@require_http_methods(["GET", "POST"])
def booking_for_self(request: HttpRequest, pk: int) -> HttpResponse:
    """Someone of no school (a childminder) books a place for themselves, never for others."""
    rights = request_rights(request)
    programme, sessions = get_programme_to_book(request, pk)
    open_sessions = selectors.open_sessions(sessions)
    chosen = query_int(request, "session")
    form = SelfBookingForm(
        request.POST or None,
        initial={"sessions": [chosen] if chosen else open_sessions},
        sessions=open_sessions,
    )
    if request.method == "POST" and form.is_valid():
        try:
            bookings = services.booking_create(
                actor=rights.person,
                organisation=None,
                sessions=list(form.cleaned_data["sessions"]),
                delegates=[rights.person],
                join_waiting_list=form.cleaned_data["join_waiting_list"],
                rights=rights,
                token=form.cleaned_data["token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _to_confirmation(request, bookings)
    context = {
        "programme": programme,
        "form": form,
        "closed_reason": "" if open_sessions else _closed_reason(sessions),
        "is_member": rights.is_member(organisation_id=None, alliance_id=programme.alliance_id),
    }
    return render(request, "programmes/booking_self.html", context)
