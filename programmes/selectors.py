"""Reads about programmes and bookings that depend on who is asking."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from alliance.models import AcademicYear, Alliance
from members.models import Membership, Person
from programmes.models import ACTIVE_STATUSES, Booker, Booking, Programme, ProgrammeStatus, Session
from programmes.services import programmes_refresh_schedule

PAGE_SIZE = 20
REFRESH_SECONDS = 30


def catalogue_programmes(*, alliance: Alliance | None = None) -> QuerySet[Programme]:
    """Published programmes with a session still to come, soonest first.

    Programmes whose next session has just started are brought up to date first (one cheap
    UPDATE that usually touches nothing), so the list never shows a past date.
    """
    now = timezone.now()
    # At most twice a minute per cache: the busiest page should not write on every view.
    if cache.add("cpd-catalogue-refreshed", True, REFRESH_SECONDS):
        programmes_refresh_schedule(now=now)
    # Related rows come by prefetch: each join here costs the planner more than a small query.
    programmes = Programme.objects.filter(
        status=ProgrammeStatus.PUBLISHED, next_starts_at__gt=now
    ).prefetch_related("alliance", "strand", "led_by")
    if alliance is not None:
        programmes = programmes.filter(alliance=alliance)
    return programmes.order_by("next_starts_at", "id")


@dataclass
class CataloguePage:
    programmes: list[Programme]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def catalogue_page(programmes: QuerySet[Programme], page: str | None) -> CataloguePage:
    """One page of the catalogue. No COUNT(*): the next page exists when one more row does."""
    try:
        number = max(int(page or 1), 1)
    except ValueError:
        number = 1
    start = (number - 1) * PAGE_SIZE
    rows = list(programmes.prefetch_related("audiences")[start : start + PAGE_SIZE + 1])
    return CataloguePage(programmes=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)


def member_alliance_ids(*, organisation_ids: Iterable[int]) -> set[int]:
    """The alliances whose members' prices these schools pay this year."""
    ids = list(organisation_ids)
    if not ids:
        return set()
    return set(
        Membership.objects.filter(
            organisation_id__in=ids,
            academic_year__start_year=AcademicYear.start_year_for(timezone.localdate()),
        ).values_list("alliance_id", flat=True)
    )


def programme_detail_queryset() -> QuerySet[Programme]:
    """A programme with everything its page shows."""
    return Programme.objects.select_related("alliance", "strand", "led_by").prefetch_related(
        "audiences",
        "phases",
        "facilitators__organisation",
        Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk")),
    )


def programme_booking_queryset() -> QuerySet[Programme]:
    """A programme with its sessions, for the booking form."""
    return Programme.objects.select_related("alliance").prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"))
    )


def programmes_to_manage(*, alliance: Alliance, strand_ids: Iterable[int] | None):
    """Programmes a strand lead (their strands) or the director (``None``: all) looks after."""
    programmes = Programme.objects.filter(alliance=alliance).select_related("strand")
    if strand_ids is not None:
        programmes = programmes.filter(strand_id__in=list(strand_ids))
    return programmes.order_by("status", "next_starts_at", "title")


def open_sessions(programme: Programme) -> list[Session]:
    now = timezone.now()
    return [s for s in programme.sessions.all() if not s.closed_reason(now)]


def staff_of(*, organisation_id: int) -> QuerySet[Person]:
    return Person.objects.filter(organisation_id=organisation_id).order_by("full_name")


@dataclass
class SchoolBookings:
    upcoming: list[Booking]
    past: list[Booking]
    past_truncated: bool


PAST_LIMIT = 100
UPCOMING_LIMIT = 500


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related(
        "session__programme__alliance", "delegate", "organisation"
    )


def bookings_for(
    *, organisation_ids: Iterable[int] | None, alliance: Alliance | None = None
) -> SchoolBookings:
    """A school's bookings (or, with ``organisation_ids=None``, every booking on the alliance's
    sessions), upcoming and past, each by delegate."""
    now = timezone.now()
    bookings = _bookings()
    if organisation_ids is not None:
        bookings = bookings.filter(organisation_id__in=list(organisation_ids))
    else:
        bookings = bookings.filter(session__alliance=alliance)
    upcoming = list(
        bookings.filter(session__starts_at__gt=now).order_by(
            "delegate__full_name", "session__starts_at", "pk"
        )[:UPCOMING_LIMIT]
    )
    past = list(
        bookings.filter(session__starts_at__lte=now).order_by("-session__starts_at", "pk")[
            : PAST_LIMIT + 1
        ]
    )
    past_sorted = sorted(past[:PAST_LIMIT], key=lambda b: (b.delegate.full_name, b.session_id))
    return SchoolBookings(
        upcoming=upcoming, past=past_sorted, past_truncated=len(past) > PAST_LIMIT
    )


def bookings_for_export(*, organisation_ids: Iterable[int] | None, alliance: Alliance):
    bookings = _bookings()
    if organisation_ids is not None:
        bookings = bookings.filter(organisation_id__in=list(organisation_ids))
    else:
        bookings = bookings.filter(session__alliance=alliance)
    return bookings.order_by("delegate__full_name", "session__starts_at", "pk").iterator(
        chunk_size=2000
    )


def register_for(*, session: Session) -> list[Booking]:
    """The delegates of a session for its register: places held first, then the queue."""
    return list(
        session.bookings.select_related("delegate", "organisation")
        .filter(Q(status__in=ACTIVE_STATUSES) | Q(cancelled_late=True))
        .order_by("status", "organisation__name", "delegate__full_name")
    )


def bookers_of(*, organisations) -> list[Booker]:
    return list(Booker.objects.filter(organisation__in=organisations).select_related("person"))


def booker_candidates(*, organisations) -> QuerySet[Person]:
    """Staff who sign in and do not book for the school yet."""
    return (
        Person.objects.filter(organisation__in=organisations, user__isnull=False)
        .exclude(booker_for__organisation__in=organisations)
        .exclude(role_assignments__role="headteacher")
        .order_by("full_name")
    )
