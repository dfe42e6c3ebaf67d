"""Reads about programmes and bookings that depend on who is asking."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from alliance.models import Alliance, RoleAssignment
from members.models import Person
from programmes.models import ACTIVE_STATUSES, Booker, Booking, Programme, ProgrammeStatus, Session

PAGE_SIZE = 20


def catalogue_programmes(
    *, alliance: Alliance | None = None, provider_ids: Iterable[int] | None = None
) -> QuerySet[Programme]:
    """Published programmes with a session still to come, soonest first: of one alliance, of
    a partnership's providers (``provider_ids``), or of every alliance.

    A programme whose next session has started drops off until ``process_cpd`` moves its copy
    of the next date on, so the list never shows a past date and reading it writes nothing.
    """
    now = timezone.now()
    # Related rows come by prefetch: each join here costs the planner more than a small query.
    programmes = Programme.objects.filter(
        status=ProgrammeStatus.PUBLISHED, next_starts_at__gt=now
    ).prefetch_related("alliance", "strand", "led_by")
    if alliance is not None:
        programmes = programmes.filter(alliance=alliance)
    if provider_ids is not None:
        programmes = programmes.filter(alliance_id__in=list(provider_ids))
    return programmes.order_by("next_starts_at", "id")


# Far beyond any list; a larger number would overflow the database's OFFSET.
LAST_PAGE = 100_000


def page_number(value: str | None) -> int:
    """A page number from the query string; anything but a positive whole number is page 1,
    and a number past any list is a bad request."""
    try:
        number = max(int(value or 1), 1)
    except ValueError:
        return 1
    if number > LAST_PAGE:
        raise BadRequest(f"There is no page {number}: lists end long before page {LAST_PAGE}.")
    return number


@dataclass
class Paged:
    """Where a page is in its list. No COUNT(*): the next page exists when one more row does."""

    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _page_of(rows: QuerySet, number: int, size: int) -> tuple[list, bool]:
    start = (number - 1) * size
    found = list(rows[start : start + size + 1])
    return found[:size], len(found) > size


@dataclass
class CataloguePage(Paged):
    programmes: list[Programme]


def catalogue_page(
    programmes: QuerySet[Programme],
    page: str | None,
    *,
    matching_sessions: QuerySet[Session] | None = None,
) -> CataloguePage:
    """One page of the catalogue; with ``matching_sessions`` (the dates asked for), each
    programme carries its sessions among them as ``matching_sessions``."""
    number = page_number(page)
    programmes = programmes.prefetch_related("audiences")
    if matching_sessions is not None:
        programmes = programmes.prefetch_related(
            Prefetch("sessions", queryset=matching_sessions, to_attr="matching_sessions")
        )
    shown, has_next = _page_of(programmes, number, PAGE_SIZE)
    return CataloguePage(programmes=shown, number=number, has_next=has_next)


# Counting every match of a broad filter costs more than the page; past this, "more than".
MOST_COUNTED = 1000


def catalogue_count(programmes: QuerySet[Programme]) -> int:
    """How many programmes match, up to one more than ``MOST_COUNTED``."""
    return programmes.order_by()[: MOST_COUNTED + 1].count()


def programme_detail_queryset() -> QuerySet[Programme]:
    """A programme with everything its page shows."""
    return Programme.objects.select_related("alliance", "strand", "led_by").prefetch_related(
        "audiences",
        "phases",
        "facilitators__organisation",
        Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk")),
    )


def programme_sessions(*, alliance: Alliance, pk: int) -> tuple[Programme | None, list[Session]]:
    """A programme of the alliance, for booking, and its sessions, soonest first."""
    programme = Programme.objects.filter(pk=pk).first()
    if programme is None or programme.alliance_id != alliance.pk:
        return None, []
    programme.alliance = alliance
    sessions = list(Session.objects.filter(programme_id=pk).order_by("starts_at", "pk"))
    for session in sessions:
        session.programme = programme
    return programme, sessions


def programmes_to_manage(*, alliance: Alliance, strand_ids: Iterable[int] | None):
    """Programmes a strand lead (their strands) or the director (``None``: all) looks after."""
    programmes = Programme.objects.filter(alliance=alliance).select_related("strand")
    if strand_ids is not None:
        programmes = programmes.filter(strand_id__in=list(strand_ids))
    return programmes.order_by("status", "next_starts_at", "title")


def open_sessions(sessions: Iterable[Session]) -> list[Session]:
    now = timezone.now()
    return [s for s in sessions if not s.closed_reason(now)]


@dataclass
class BookingsPage(Paged):
    """One page of a school's upcoming or past bookings."""

    when: str  # "upcoming" or "past"
    bookings: list[Booking]

    @property
    def is_past(self) -> bool:
        return self.when == "past"


BOOKINGS_PAGE_SIZE = 20


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related(
        "session__programme__alliance", "delegate", "organisation"
    )


def bookings_for(
    *,
    organisation_ids: Iterable[int] | None,
    alliance: Alliance | None = None,
    when: str = "upcoming",
    page: int = 1,
    programme_id: int | None = None,
) -> BookingsPage:
    """A school's bookings (or, with ``organisation_ids=None``, every booking on the alliance's
    sessions), by delegate: one page of those still to come, soonest first for each delegate,
    or of past ones, latest first; with ``programme_id``, only that programme's."""
    now = timezone.now()
    bookings = Booking.objects.select_related("session__programme__alliance", "delegate")
    if programme_id is not None:
        bookings = bookings.filter(session__programme_id=programme_id)
    if organisation_ids is not None:
        bookings = bookings.filter(organisation_id__in=list(organisation_ids))
    else:  # every school's, so each row names its school
        bookings = bookings.filter(session__alliance=alliance).select_related("organisation")
    if when == "past":
        bookings = bookings.filter(session__starts_at__lte=now).order_by(
            "-session__starts_at", "pk"
        )
    else:
        bookings = bookings.filter(session__starts_at__gt=now).order_by(
            "delegate__full_name", "session__starts_at", "pk"
        )
    shown, has_next = _page_of(bookings, page, BOOKINGS_PAGE_SIZE)
    if when == "past":
        # The latest sessions, then by delegate like the upcoming ones.
        shown.sort(key=lambda b: (b.delegate.full_name, -b.session.starts_at.timestamp()))
    return BookingsPage(when=when, bookings=shown, number=page, has_next=has_next)


def staff_booked_on(*, programme: Programme, organisation_ids: Iterable[int]) -> int:
    """How many of these schools' staff hold a place (or a place in the queue) on the
    programme: each person once, however many of its sessions they are booked on."""
    return (
        Booking.objects.filter(
            session__programme=programme,
            organisation_id__in=list(organisation_ids),
            status__in=ACTIVE_STATUSES,
        )
        .values("delegate")
        .distinct()
        .count()
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
    """Staff who sign in, do not book for the school yet and head no school this year."""
    return (
        Person.objects.filter(organisation__in=organisations, user__isnull=False)
        .exclude(booker_for__organisation__in=organisations)
        .exclude(pk__in=RoleAssignment.objects.headships().values("person"))
        .order_by("full_name")
    )
