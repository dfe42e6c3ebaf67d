"""Reads about programmes and bookings that depend on who is asking."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import BadRequest
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from alliance.models import Alliance, RoleAssignment
from alliance.params import ascii_int
from members.models import Person
from programmes.models import (
    ACTIVE_STATUSES,
    Attendance,
    Booker,
    Booking,
    BookingGroup,
    BookingStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeFormat,
    ProgrammeStatus,
    Session,
    SessionStatus,
)
from programmes.rights import BookingRights

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
    """A page number from the query string; anything but a whole number in the digits 0 to 9
    ("two", "²", "٣") is page 1, and a number past any list is a bad request."""
    if not value or not re.fullmatch(r"[0-9]+", value):
        return 1
    number = ascii_int(value.lstrip("0") or "0", maximum=LAST_PAGE)
    if number is None:
        raise BadRequest(f"There is no such page: lists end long before page {LAST_PAGE}.")
    return max(number, 1)


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
    with_series(shown)  # issue 15: a cohort's dates as one series
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
        "session__programme__alliance", "delegate", "organisation", "group"
    )


def booked_by_booker(rights: BookingRights, *, alliance_field: str = "session__alliance") -> Q:
    """The one rule of whose bookings (or booking groups, with ``alliance_field="alliance"``) a
    booker sees and changes: of each of their schools, those with an alliance that granted
    their right to it (``programmes.rights``: it made them head, or made head the one who let
    them book), and those they made themselves; someone of no school, those they made for
    themselves. In SQL, so no page reads the grants first.

    A head granted by Southwark alone sees and cancels the places they booked on STEEP's
    courses for their school, never those its head in STEEP booked."""
    mine = Q(pk__in=[])
    if rights.schools:
        granted_here = RoleAssignment.objects.headships().filter(
            organisation=OuterRef("organisation"), alliance=OuterRef(alliance_field)
        )
        let_book_by = Booker.objects.filter(
            person=rights.person, organisation=OuterRef(OuterRef("organisation"))
        ).values("granted_by")
        granted = Exists(granted_here.filter(person=rights.person)) | Exists(
            granted_here.filter(person__in=let_book_by)
        )
        mine |= Q(organisation_id__in=[s.pk for s in rights.schools]) & (
            Q(booked_by=rights.person) | granted
        )
    if rights.self_booker is not None:
        mine |= Q(organisation__isnull=True, booked_by=rights.self_booker)
    return mine


def alliance_of_latest_booking(person: Person) -> Alliance | None:
    """The alliance of the latest session this person booked for themselves, if any."""
    booking = (
        Booking.objects.filter(organisation__isnull=True, booked_by=person)
        .select_related("session__alliance")
        .order_by("-session__starts_at")
        .first()
    )
    return booking.session.alliance if booking else None


def bookings_for(
    *,
    rights: BookingRights | None,
    alliance: Alliance | None = None,
    when: str = "upcoming",
    page: int = 1,
    programme_id: int | None = None,
) -> BookingsPage:
    """The bookings a booker sees (``booked_by_booker``; or, with ``rights=None``, every
    booking on the alliance's sessions), by delegate: one page of those still to come, soonest
    first for each delegate, or of past ones, latest first; with ``programme_id``, only that
    programme's."""
    now = timezone.now()
    bookings = Booking.objects.select_related("session__programme__alliance", "delegate", "group")
    if programme_id is not None:
        bookings = bookings.filter(session__programme_id=programme_id)
    if rights is not None:
        bookings = bookings.filter(booked_by_booker(rights))
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


def staff_booked_on(*, programme: Programme, rights: BookingRights) -> int:
    """How many staff hold a place (or a place in the queue) on the programme in the bookings
    the booker sees (``booked_by_booker``, as "Our bookings" lists them): each person once,
    however many of its sessions they are booked on."""
    return (
        Booking.objects.filter(
            booked_by_booker(rights),
            session__programme=programme,
            organisation__isnull=False,
            status__in=ACTIVE_STATUSES,
        )
        .values("delegate")
        .distinct()
        .count()
    )


def bookings_for_export(*, rights: BookingRights | None, alliance: Alliance):
    """As ``bookings_for``, every one of them (``rights=None``: every school's)."""
    bookings = _bookings()
    if rights is not None:
        bookings = bookings.filter(booked_by_booker(rights))
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


def bookers_granted_in(*, alliance: Alliance, organisations) -> QuerySet[Booker]:
    """Who may book for these schools as the alliance granted it: let by a head of the school
    the alliance made head, or by no head of it today (one who has left: the school's heads
    tidy them up). Those a head granted by another alliance let book are not this one's."""
    head_of_school = RoleAssignment.objects.headships().filter(
        organisation=OuterRef("organisation"), person=OuterRef("granted_by")
    )
    return (
        Booker.objects.filter(organisation__in=organisations)
        .filter(Exists(head_of_school.filter(alliance=alliance)) | ~Exists(head_of_school))
        .select_related("person")
    )


def bookers_of(*, alliance: Alliance, organisations) -> list[Booker]:
    return list(bookers_granted_in(alliance=alliance, organisations=organisations))


def booker_candidates(*, organisations) -> QuerySet[Person]:
    """Staff who sign in, do not book for the school yet and head no school this year."""
    return (
        Person.objects.filter(organisation__in=organisations, user__isnull=False)
        .exclude(booker_for__organisation__in=organisations)
        .exclude(pk__in=RoleAssignment.objects.headships().values("person"))
        .order_by("full_name")
    )


# --- a booking, as checked before it is made and as confirmed after ---------------------------


@dataclass(frozen=True)
class Place:
    """One delegate on one session: confirmed (or to be) or on the waiting list."""

    name: str
    session: Session
    status: str
    price: Decimal

    @property
    def is_waiting(self) -> bool:
        return self.status == BookingStatus.WAITING


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class BookingSummary:
    """What a booking holds, said in people and sessions (four places are two people on two
    sessions, not four people), with its total."""

    places: list[Place]

    @property
    def sessions(self) -> list[Session]:
        return list({p.session.pk: p.session for p in self.places}.values())

    @property
    def people(self) -> list[str]:
        return list(dict.fromkeys(p.name for p in self.places))

    @property
    def confirmed(self) -> list[Place]:
        return [p for p in self.places if not p.is_waiting]

    @property
    def waiting(self) -> list[Place]:
        return [p for p in self.places if p.is_waiting]

    @property
    def booked_people(self) -> list[tuple[str, int]]:
        """Each person with a place, and on how many sessions."""
        return _by_person(self.confirmed)

    @property
    def waiting_people(self) -> list[tuple[str, int]]:
        return _by_person(self.waiting)

    @property
    def total(self) -> Decimal:
        return sum((p.price for p in self.confirmed), Decimal("0"))

    @property
    def in_words(self) -> str:
        people, sessions = len(self.people), len(self.sessions)
        said = f"{people} {'person' if people == 1 else 'people'} on {_count(sessions, 'session')}"
        if people > 1 or sessions > 1:
            said += f" ({_count(len(self.places), 'place')})"
        return said


def _by_person(places: Sequence[Place]) -> list[tuple[str, int]]:
    sessions: dict[str, int] = {}
    for place in places:
        sessions[place.name] = sessions.get(place.name, 0) + 1
    return list(sessions.items())


def booking_plan(
    *,
    sessions: Sequence[Session],
    names: Sequence[str],
    price: Decimal,
) -> BookingSummary:
    """What booking these people onto these sessions would do now: on each session, the first
    as many as there are places left are confirmed and the rest wait, as ``booking_create``
    places them (the same order: sessions by id, then people as listed). Reads nothing."""
    places = []
    for session in sorted(sessions, key=lambda s: s.pk):
        left = session.places_left
        for index, name in enumerate(names):
            confirmed = index < left
            status = BookingStatus.CONFIRMED if confirmed else BookingStatus.WAITING
            places.append(Place(name, session, status, price if confirmed else Decimal("0")))
    places.sort(key=lambda p: (p.session.starts_at, p.session.pk))
    return BookingSummary(places=places)


def booking_group_for(*, reference: str, alliance: Alliance, rights: BookingRights):
    """A booking the booker sees (``booked_by_booker``) by its reference, with its places;
    ``None`` when there is none (or it is someone else's)."""
    group = (
        BookingGroup.objects.filter(
            booked_by_booker(rights, alliance_field="alliance"),
            alliance=alliance,
            reference=reference,
        )
        .select_related("organisation", "booked_by")
        .first()
    )
    if group is None:
        return None, []
    bookings = list(
        group.bookings.select_related("session__programme", "delegate").order_by(
            "session__starts_at", "session_id", "pk"
        )
    )
    return group, bookings


def summary_of(bookings: Sequence[Booking]) -> BookingSummary:
    """A booking as made: the places still held or queued for (cancelled ones are gone)."""
    return BookingSummary(
        places=[
            Place(b.delegate.full_name, b.session, b.status, b.price_due)
            for b in bookings
            if b.is_active
        ]
    )


def colleagues_of(*, booking: Booking) -> QuerySet[Person]:
    """Who could take a booked person's place: the rest of the same school's staff."""
    return (
        Person.objects.filter(organisation_id=booking.organisation_id)
        .exclude(pk=booking.delegate_id)
        .order_by("full_name")
    )


def swappable_places(booking: Booking) -> list[Booking]:
    """The booked person's active places in the same booking: the same sessions they were
    booked on together (just this one when the booking has no group)."""
    places = Booking.objects.select_related("session__programme", "delegate").filter(
        delegate_id=booking.delegate_id, status__in=ACTIVE_STATUSES
    )
    if booking.group_id:
        places = places.filter(group_id=booking.group_id)
    else:
        places = places.filter(pk=booking.pk)
    return list(places.order_by("session__starts_at", "pk"))


# --- cohorts and completion (issue 15) -------------------------------------------------------


def completions(
    programmes: QuerySet[Programme],
    *,
    person_ids: Iterable[int] | None = None,
    now: datetime.datetime | None = None,
    unless_in: QuerySet | None = None,
) -> list[tuple[int, int]]:
    """(programme id, person id) of everyone who completed one of ``programmes``: for a cohort,
    an enrolment marked completed (the lead applied its attendance rule, "all but one", say);
    for drop-in sessions, present at every scheduled session of a programme that is over. The
    one answer to "has this person done programme X" (certificates, reviewer training).

    ``person_ids`` keeps to those people; ``unless_in`` leaves out the pairs already in a
    queryset of a model with ``programme`` and ``person`` (the certificates issued). Two queries,
    however many programmes and people."""
    now = now or timezone.now()
    people = list(person_ids) if person_ids is not None else None

    def _not_in(programme: str, person: str) -> Q:
        if unless_in is None:
            return Q()
        return ~Q(Exists(unless_in.filter(programme=OuterRef(programme), person=OuterRef(person))))

    done = Enrolment.objects.filter(
        _not_in("programme", "participant"),
        programme__in=programmes.filter(format=ProgrammeFormat.COHORT),
        status=EnrolmentStatus.COMPLETED,
    )
    if people is not None:
        done = done.filter(participant_id__in=people)
    scheduled = Session.objects.filter(status=SessionStatus.SCHEDULED)
    needed = (
        scheduled.filter(programme=OuterRef("session__programme"))
        .values("programme")
        .annotate(count=Count("pk"))
        .values("count")
    )
    attended = Booking.objects.filter(
        _not_in("session__programme", "delegate"),
        session__programme__in=programmes.filter(format=ProgrammeFormat.DROP_IN),
        session__status=SessionStatus.SCHEDULED,
        attendance=Attendance.ATTENDED,
    ).exclude(Exists(scheduled.filter(programme=OuterRef("session__programme"), ends_at__gt=now)))
    if people is not None:
        attended = attended.filter(delegate_id__in=people)
    attended = (
        attended.values("session__programme", "delegate")
        .annotate(sessions=Count("session", distinct=True))
        .filter(sessions=Subquery(needed[:1]))
        .values_list("session__programme", "delegate")
    )
    return sorted({*done.values_list("programme_id", "participant_id"), *attended})


@dataclass(frozen=True)
class Series:
    """A cohort's dates as one series: "6 sessions, 14 Jan – 24 Jun 2027"."""

    count: int
    first: datetime.datetime
    last: datetime.datetime

    def __str__(self) -> str:
        first, last = timezone.localtime(self.first), timezone.localtime(self.last)
        sessions = f"{self.count} session{'s' if self.count != 1 else ''}"
        if self.count == 1:
            return f"{sessions}, {first:%-d %b %Y}"
        start = f"{first:%-d %b}" if first.year == last.year else f"{first:%-d %b %Y}"
        return f"{sessions}, {start} – {last:%-d %b %Y}"


def series_of(sessions: Iterable[Session]) -> Series | None:
    """The series of the sessions that are not cancelled (from a prefetched list)."""
    held = [s for s in sessions if s.status == SessionStatus.SCHEDULED]
    if not held:
        return None
    starts = [s.starts_at for s in held]
    return Series(count=len(held), first=min(starts), last=max(starts))


def with_series(programmes: Sequence[Programme]) -> None:
    """Give each cohort of a page its ``series`` (``None`` for drop-in), in one query."""
    cohorts = [p.pk for p in programmes if p.is_cohort]
    rows = {}
    if cohorts:
        rows = {
            row["programme"]: row
            for row in Session.objects.filter(programme__in=cohorts, status=SessionStatus.SCHEDULED)
            .values("programme")
            .annotate(n=Count("pk"), first=Min("starts_at"), last=Max("starts_at"))
            .order_by()
        }
    for programme in programmes:
        row = rows.get(programme.pk)
        programme.series = (
            Series(count=row["n"], first=row["first"], last=row["last"]) if row else None
        )


def enrolments_query() -> QuerySet[Enrolment]:
    return Enrolment.objects.select_related(
        "programme__alliance", "participant", "organisation", "endorsed_by", "decided_by"
    )


def enrolments_of(*, person: Person, alliance: Alliance) -> list[Enrolment]:
    """A participant's own enrolments in the alliance, newest first: "My programmes"."""
    return list(
        enrolments_query()
        .filter(participant=person, alliance=alliance)
        .order_by("-applied_at", "-pk")
    )


def staff_enrolments(*, organisation_ids: Iterable[int], alliance: Alliance) -> list[Enrolment]:
    """The enrolments of a head's staff (not their own), newest first."""
    return list(
        enrolments_query()
        .filter(organisation_id__in=list(organisation_ids), alliance=alliance)
        .order_by("-applied_at", "-pk")
    )


def waiting_for_endorsement(*, organisation_ids: Iterable[int]) -> list[Enrolment]:
    """Applications from a head's staff that wait for their endorsement."""
    return list(
        enrolments_query()
        .filter(organisation_id__in=list(organisation_ids), status=EnrolmentStatus.APPLIED)
        .order_by("applied_at", "pk")
    )


def applications_for(programme: Programme) -> list[Enrolment]:
    """Everyone who applied for a cohort, in the order they applied."""
    return list(
        enrolments_query()
        .filter(programme=programme)
        .prefetch_related("bookings")
        .order_by("applied_at", "pk")
    )
