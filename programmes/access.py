"""Fetch a programme, session or booking for the person asking: 404 outside their alliance or
school, 403 inside it without the right. The rules themselves live in ``alliance.permissions``
(permission names), ``programmes.services`` (``may_run``) and ``programmes.rights`` (who books
for which school)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from alliance import params
from alliance.permissions import get_for_alliance, object_page, refuse, signed_in
from members.models import Organisation, Person
from programmes import selectors
from programmes.models import Booking, Programme, ProgrammeStatus, Session
from programmes.rights import BookingRights, booking_rights_for
from programmes.services import may_run

MANAGE_PERMS = ("programme.manage_all", "programme.manage_strand")


def may_manage_programmes(perms) -> bool:
    return any(perm in perms for perm in MANAGE_PERMS)


def manager_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For strategic leads (their strand) and the director (every strand)."""

    @functools.wraps(view)
    @signed_in
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_manage_programmes(request.perms):
            refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def booker_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For people who book for a school: headteachers, and staff their head allows."""

    @functools.wraps(view)
    @signed_in
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        booking_rights(request)
        return view(request, *args, **kwargs)

    return wrapped


def self_booker_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For someone of no school (a childminder), who books a place for themselves."""

    @functools.wraps(view)
    @signed_in
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request_rights(request).for_self:
            refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def own_bookings_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the pages of bookings already made: those who book for a school, and someone of
    no school for the places they booked for themselves."""

    @functools.wraps(view)
    @signed_in
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rights = request_rights(request)
        if not (rights or rights.for_self):
            refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def bookings_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For those who see bookings: every school's (the director) or their own schools'."""

    @functools.wraps(view)
    @signed_in
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_see_bookings(request):
            refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def get_session_to_run(request: HttpRequest, pk: int) -> Session:
    session = get_for_alliance(
        Session.objects.select_related("programme__strand", "programme__alliance"),
        request.alliance,
        pk=pk,
    )
    if not may_run(request.perms, session.programme):
        refuse(request)
    return session


# A page of one session for those who run it; the view is given the session.
session_runner_page = object_page(get_session_to_run)


def get_programme_to_view(
    request: HttpRequest, pk: int, *, queryset: QuerySet[Programme] | None = None
) -> Programme:
    """Published and cancelled programmes are public; drafts only for those who manage them."""
    programmes = queryset if queryset is not None else Programme.objects.select_related("alliance")
    programme = get_for_alliance(programmes, request.alliance, pk=pk)
    _refuse_hidden_draft(request, programme)
    return programme


def get_programme_to_book(request: HttpRequest, pk: int) -> tuple[Programme, list[Session]]:
    """A programme and its sessions, on the terms of ``get_programme_to_view``."""
    programme, sessions = selectors.programme_sessions(alliance=request.alliance, pk=pk)
    if programme is None:
        raise Http404
    _refuse_hidden_draft(request, programme)
    return programme, sessions


def _refuse_hidden_draft(request: HttpRequest, programme: Programme) -> None:
    if programme.status == ProgrammeStatus.DRAFT and not request.perms.may_manage_strand(
        programme.strand_id
    ):
        raise Http404


def get_programme_to_manage(request: HttpRequest, pk: int) -> Programme:
    programme = get_for_alliance(
        Programme.objects.select_related("strand", "alliance"), request.alliance, pk=pk
    )
    if not request.perms.may_manage_strand(programme.strand_id):
        refuse(request)
    return programme


# A page of one programme for those who manage it; the view is given the programme.
programme_manager_page = object_page(get_programme_to_manage)


def get_session_to_manage(request: HttpRequest, pk: int) -> Session:
    """A session of a programme the person manages (their strand's; the director's, any)."""
    session = get_for_alliance(Session.objects.select_related("programme"), request.alliance, pk=pk)
    if not request.perms.may_manage_strand(session.programme.strand_id):
        refuse(request)
    return session


def request_rights(request: HttpRequest) -> BookingRights:
    """The person's booking rights, read once per request."""
    if not hasattr(request, "booking_rights"):
        request.booking_rights = booking_rights_for(request.user)
    return request.booking_rights


def may_see_bookings(request: HttpRequest) -> bool:
    """Whether "Our bookings" opens for the person: the director's every school, or the
    schools they book for. Links to it ask the same, so nobody is shown a page that says 403."""
    rights = request_rights(request)
    return "bookings.view_all" in request.perms or bool(rights) or rights.for_self


def booking_rights(request: HttpRequest) -> BookingRights:
    """The schools the person books for (as headteacher, or allowed by theirs), or 403."""
    rights = request_rights(request)
    if not rights:
        refuse(request)
    return rights


def get_booking_for_booker(request: HttpRequest, pk: int) -> Booking:
    """A booking on this alliance's sessions that the person sees (``booked_by_booker``: of
    their schools, as the alliance granted them, or one they made), else 404."""
    rights = request_rights(request)
    try:
        return Booking.objects.select_related("session__programme").get(
            selectors.booked_by_booker(rights), pk=pk, session__alliance=request.alliance
        )
    except Booking.DoesNotExist as exc:
        raise Http404 from exc


def refuse_staff_of_other_schools(request: HttpRequest, school: Organisation) -> None:
    """Booking someone of another school is not a mistake to correct but a forged request."""
    ids = params.ids(request.POST.getlist("delegates"))
    if ids and Person.objects.filter(pk__in=ids).exclude(organisation=school).exists():
        refuse(request)
