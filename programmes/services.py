"""Writes about programmes, sessions and bookings.

Every write that touches a session's places runs in one transaction holding a row lock on the
session (``select_for_update``), taking several locks in primary-key order so two bookings never
deadlock. Emails are written to the outbox (``alliance/outbox.py``) in the same transaction and
sent by ``emails_send`` (the ``send_emails`` and ``process_cpd`` commands), so nothing is sent for
a change that rolls back, nothing is lost if the process dies after the commit, and a booking
never waits for emails to be rendered and sent.
"""

from __future__ import annotations

import datetime
import operator
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from alliance.audit import audit_record
from alliance.locks import lock_all, lock_one
from alliance.models import Alliance, AuditKind, RoleAssignment
from alliance.outbox import email_later
from alliance.permissions import STAFF_ROLES, AlliancePerms
from members.models import Invitation, Organisation, Person
from programmes import catalogue_cache
from programmes.cohorts import format_change_refusal
from programmes.models import (
    ACTIVE_STATUSES,
    Attendance,
    Booker,
    Booking,
    BookingGroup,
    BookingStatus,
    Programme,
    ProgrammeStatus,
    Session,
    SessionStatus,
    new_reference,
    offer_hold,
)
from programmes.rights import BookingRights, rights_of
from programmes.selectors import booked_by_booker, bookers_granted_in, swappable_places
from programmes.signals import attendance_marked


def _email_later(kind: str, booking_ids: Sequence[int]) -> None:
    """Put an email about these bookings in the outbox, in the caller's transaction."""
    if booking_ids:
        email_later(kind=f"booking.{kind}", payloads=[{"booking_ids": list(booking_ids)}])


# --- who may book, and at what price -------------------------------------------------------


@transaction.atomic
def booker_allow(
    *, actor: Person, alliance: Alliance, organisation: Organisation, person: Person
) -> Booker:
    """A headteacher (as ``alliance`` made them) lets a member of their staff (who signs in)
    book for the school; the right stands where the head's does (``programmes.rights``)."""
    if organisation not in rights_of(actor).headed_in(alliance.pk):
        raise PermissionDenied("Only the headteacher decides who books for the school.")
    if person.organisation_id != organisation.pk:
        raise PermissionDenied("Only staff of your own school can book for it.")
    if person.user_id is None:
        raise ValidationError(
            f"{person.full_name} does not sign in to the portal yet, so cannot book."
        )
    booker = Booker(organisation=organisation, person=person, granted_by=actor)
    booker.full_clean()
    booker.save()
    return booker


@transaction.atomic
def booker_remove(*, actor: Person, alliance: Alliance, booker: Booker) -> None:
    """A head (as ``alliance`` made them) takes back a right to book that the alliance granted
    (``selectors.bookers_granted_in``): never one a head of another alliance gave."""
    headed = rights_of(actor).headed_in(alliance.pk)
    if not bookers_granted_in(alliance=alliance, organisations=headed).filter(pk=booker.pk):
        raise PermissionDenied
    booker.delete()
    # The head's staff invitation, waiting or accepted, goes with the right it gave.
    staff_roles = {"organisation": booker.organisation, "role__in": STAFF_ROLES}
    Invitation.objects.filter(
        **staff_roles, email__iexact=booker.person.email, accepted_at__isnull=True
    ).update(expires_at=timezone.now())
    RoleAssignment.objects.filter(**staff_roles, person=booker.person).delete()


# --- the catalogue's denormalised schedule ---------------------------------------------------


def _upcoming(now: datetime.datetime):
    return Session.objects.filter(
        programme=OuterRef("pk"), status=SessionStatus.SCHEDULED, starts_at__gt=now
    ).order_by("starts_at", "pk")


def programmes_refresh_schedule(
    *, programme_ids: Iterable[int] | None = None, now: datetime.datetime | None = None
) -> int:
    """Copy each programme's next session (start and places left) onto the programme.

    Without ids it refreshes only programmes whose next session has started, which is cheap
    and safe to run on any page load or from a scheduler.
    """
    now = now or timezone.now()
    programmes = Programme.objects.all()
    if programme_ids is None:
        # Rows a booking holds are skipped (that booking refreshes them itself), so two
        # refreshes, or a refresh and a booking, never wait on each other or deadlock.
        # Published ones only, read from the catalogue's index: the others are refreshed when
        # they are saved, and nobody lists them.
        stale = (
            Programme.objects.select_for_update(skip_locked=True)
            .filter(status=ProgrammeStatus.PUBLISHED, next_starts_at__lte=now)
            .order_by("pk")
        )
        programmes = programmes.filter(pk__in=stale.values("pk"))
    else:
        programme_ids = list(programme_ids)
        programmes = programmes.filter(pk__in=programme_ids)
    upcoming = _upcoming(now)
    # Inside a booking's transaction no savepoint is needed: the booking fails as a whole.
    with transaction.atomic(savepoint=False):
        return _update_schedule(programmes, upcoming, programme_ids=programme_ids)


def _update_schedule(programmes, upcoming, *, programme_ids: Iterable[int] | None) -> int:
    updated = programmes.update(
        next_starts_at=Subquery(upcoming.values("starts_at")[:1]),
        next_places_left=Coalesce(
            Subquery(upcoming.annotate(left=F("capacity") - F("places_taken")).values("left")[:1]),
            0,
        ),
    )
    if updated and programme_ids is None:
        catalogue_cache.bump_all()  # time passing: any alliance's programmes
    elif updated:
        ids = Programme.objects.filter(pk__in=programme_ids).values_list("alliance_id")
        catalogue_cache.bump(*(alliance_id for (alliance_id,) in ids))
    return updated


def _refresh(programme_id: int) -> None:
    programmes_refresh_schedule(programme_ids=[programme_id])


# --- programmes and sessions -----------------------------------------------------------------


def _check_manage(perms: AlliancePerms, programme: Programme) -> None:
    if perms.alliance is None or programme.alliance_id != perms.alliance.pk:
        raise PermissionDenied
    if not perms.may_manage_strand(programme.strand_id):
        raise PermissionDenied


@transaction.atomic
def programme_save(
    *, perms: AlliancePerms, programme: Programme, audiences, phases, facilitators
) -> Programme:
    """Create or edit a programme (from a bound form's unsaved instance).

    Cancelling a programme cancels its sessions still to come and tells their bookers.
    """
    programme.alliance = perms.alliance
    _check_manage(perms, programme)
    if programme.pk:
        # The strand it was in decides too: a lead cannot move another strand's programme.
        _check_manage(perms, Programme.objects.get(pk=programme.pk))
        # Issue 15: under the lock no application slips in while a cohort turns drop-in.
        locked = lock_one(Programme.objects, pk=programme.pk)
        programme.cohort_places_taken = locked.cohort_places_taken
        refusal = format_change_refusal(programme, programme.format)
        if refusal:
            raise ValidationError({"format": refusal})
    programme.full_clean()
    programme.save()
    programme.audiences.set(audiences)
    programme.phases.set(phases)
    programme.facilitators.set(facilitators)
    if programme.status == ProgrammeStatus.CANCELLED:
        upcoming = programme.sessions.filter(
            status=SessionStatus.SCHEDULED, starts_at__gt=timezone.now()
        ).order_by("pk")
        for session in upcoming:
            session.programme = programme
            session_cancel(perms=perms, session=session)
    _refresh(programme.pk)
    return programme


@transaction.atomic
def programme_publish(*, perms: AlliancePerms, programme: Programme) -> bool:
    """Put a draft programme in the catalogue; False when it was already published (a second
    click, or someone else just now). A cancelled programme stays cancelled."""
    _check_manage(perms, programme)
    # Under the row lock, of two clicks at once only the first finds it still a draft.
    programme = lock_one(Programme.objects, pk=programme.pk)
    if programme.status == ProgrammeStatus.CANCELLED:
        raise ValidationError("A cancelled programme cannot be published.")
    if programme.status == ProgrammeStatus.PUBLISHED:
        return False
    programme.status = ProgrammeStatus.PUBLISHED
    programme.save(update_fields=["status"])
    _refresh(programme.pk)
    return True


SESSION_TIME_TAKEN = "This programme already has a session starting then. Choose another time."


@transaction.atomic
def session_save(*, perms: AlliancePerms, session: Session) -> Session:
    """Create or edit a session; its capacity cannot drop below the places already taken.

    A programme never runs two sessions starting at the same moment, so the same form sent twice
    (a double click, a resubmitted page) makes one session. Holding the programme's row makes two
    sends at once take turns, and the second finds the first's session."""
    _check_manage(perms, session.programme)
    lock_one(Programme.objects, pk=session.programme_id)
    if session.starts_at and (
        session.programme.sessions.exclude(pk=session.pk)
        .exclude(status=SessionStatus.CANCELLED)
        .filter(starts_at=session.starts_at)
        .exists()
    ):
        raise ValidationError({"starts_at": SESSION_TIME_TAKEN})
    if session.pk:
        locked = lock_one(Session.objects, pk=session.pk)
        session.places_taken = locked.places_taken
        session.waiting_count = locked.waiting_count
    session.alliance_id = session.programme.alliance_id
    session.full_clean()
    session.save()
    _offer_free_places(session, timezone.now())
    _refresh(session.programme_id)
    return session


@transaction.atomic
def session_cancel(*, perms: AlliancePerms, session: Session) -> int:
    """Cancel a session and every booking on it; tells each booker and delegate."""
    _check_manage(perms, session.programme)
    session = lock_one(Session.objects, pk=session.pk)
    if session.is_cancelled:
        raise ValidationError("This session is already cancelled.")
    now = timezone.now()
    bookings = list(session.bookings.filter(status__in=ACTIVE_STATUSES))
    for booking in bookings:
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.price_due = Decimal("0")  # the alliance cancelled: nobody pays for it
    Booking.objects.bulk_update(bookings, ["status", "cancelled_at", "price_due"])
    session.status = SessionStatus.CANCELLED
    session.places_taken = 0
    session.waiting_count = 0
    session.save(update_fields=["status", "places_taken", "waiting_count"])
    _refresh(session.programme_id)
    _email_later("session_cancelled", [b.pk for b in bookings])
    audit_record(
        actor=perms.person,
        kind=AuditKind.SESSION_CANCELLED,
        alliance=session.programme.alliance_id,
        subject=session,
        detail=f"{len(bookings)} booking(s) cancelled with it",
    )
    return len(bookings)


# --- booking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewDelegate:
    full_name: str
    email: str


def _delegates_for(
    organisation: Organisation | None, existing: Sequence[Person], new: Sequence[NewDelegate]
) -> list[Person]:
    organisation_id = organisation.pk if organisation is not None else None
    if any(person.organisation_id != organisation_id for person in existing):
        raise PermissionDenied("You can only book staff of your own school.")
    people = list(existing)
    for delegate in new:
        people.append(_person_for(organisation, delegate))
    if not people:
        raise ValidationError("Choose at least one member of staff, or add one.")
    if len({p.pk for p in people}) != len(people):
        raise ValidationError("The same person is listed twice.")
    return people


def _person_for(organisation: Organisation, delegate: NewDelegate) -> Person:
    """The school's person with this email (in any case), made when there is none yet."""
    existing = Person.objects.filter(organisation=organisation, email__iexact=delegate.email)
    if person := existing.first():
        return person
    person = Person(
        organisation=organisation, full_name=delegate.full_name, email=delegate.email.lower()
    )
    # Not validate_constraints: the unique index itself decides a race, below. Not the school:
    # it is the booker's own, just read, and checking it again would cost a query.
    person.full_clean(exclude=["organisation"], validate_constraints=False)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        # Another booking made the same person a moment ago (one person per school and email).
        if (made := existing.first()) is None:
            raise
        return made
    return person


def _full(session: Session) -> ValidationError:
    return ValidationError(
        f"The session of {timezone.localtime(session.starts_at):%-d %B %Y} is full."
    )


def refuse_when_visibly_full(sessions: Sequence[Session], *, people: int) -> None:
    """Refuse, without taking any lock, a booking that declines the waiting list for sessions
    already too full for it when the caller read them moments ago.

    Places only free up by a cancellation, so such a booking would almost always be refused
    under the lock too; refusing it here is the same answer as if it had arrived a few
    milliseconds earlier, and spares the session's lock for bookings that can succeed. It never
    confirms anything: ``booking_create`` alone does, under the lock.
    """
    for session in sessions:
        if session.places_left < people:
            raise _full(session)


def booking_create(
    *,
    actor: Person,
    organisation: Organisation | None,
    sessions: Sequence[Session],
    delegates: Sequence[Person] = (),
    new_delegates: Sequence[NewDelegate] = (),
    join_waiting_list: bool = True,
    rights: BookingRights | None = None,
    token: str = "",
    purchase_order: str = "",
    expected: BookingExpectation | None = None,
) -> list[Booking]:
    """Book named delegates of the actor's school onto one or more sessions, all or nothing;
    or, with no ``organisation``, the actor alone, when they belong to no school (a childminder).

    Free places are confirmed; on a full session each delegate joins the waiting list (or the
    whole booking is refused when ``join_waiting_list`` is off). ``rights`` are the actor's
    booking rights when the caller has just read them (saves reading them again).

    ``token`` is the booking form's: a booking already made with it (the form posted twice,
    even at the same moment) is returned as it was, and nothing more is booked.

    ``expected`` is what the person saw on the "Check your answers" page: when the price or
    the places confirmed differ now, nothing is booked and they are asked to check again.

    Everything that can be worked out without the lock is, so the sessions stay locked only
    for the few statements that change them.
    """
    rights = rights if rights is not None else rights_of(actor)
    organisation_id = organisation.pk if organisation is not None else None
    if not rights.books_for(organisation_id):
        raise PermissionDenied("You can only book for your own school.")
    if organisation is None and (new_delegates or [p.pk for p in delegates] != [actor.pk]):
        raise PermissionDenied("Without a school you book a place for yourself only.")
    if not sessions:
        raise ValidationError("Choose a session.")
    programme = sessions[0].programme
    if any(s.programme_id != programme.pk for s in sessions):
        raise ValidationError("Choose sessions of one programme.")
    if programme.is_cohort:  # issue 15: one enrolment covers the whole series
        raise ValidationError("This programme is taken as a whole: apply for a place instead.")
    member = rights.is_member(organisation_id=organisation_id, alliance_id=programme.alliance_id)
    if not member and not programme.open_to_non_members:
        raise ValidationError(
            "This programme is for schools of the alliance only; it does not take bookings "
            "from other schools."
        )
    price = programme.price_for(is_member=member)
    if expected is not None:
        expected.check_price(price)
    token = token or secrets.token_urlsafe(32)
    for _attempt in range(REFERENCE_ATTEMPTS):
        try:
            return _book(
                actor,
                organisation,
                programme,
                sessions,
                delegates,
                new_delegates,
                member=member,
                join_waiting_list=join_waiting_list,
                token=token,
                purchase_order=purchase_order,
                expected=expected,
            )
        except IntegrityError as error:
            if "reference" not in str(error):  # another booking drew the same reference
                raise
    raise ValidationError("We could not give this booking a reference. Please try again.")


# Clashes are rare (about a million references per alliance), so a few draws always suffice.
REFERENCE_ATTEMPTS = 8


def _book(
    actor: Person,
    organisation: Organisation,
    programme: Programme,
    sessions: Sequence[Session],
    delegates: Sequence[Person],
    new_delegates: Sequence[NewDelegate],
    *,
    member: bool,
    join_waiting_list: bool,
    token: str,
    purchase_order: str,
    expected: BookingExpectation | None,
) -> list[Booking]:
    try:
        with transaction.atomic():
            # First, so a second post of the same form waits here on the unique token until the
            # first commits, then fails and is answered below, without touching the sessions.
            group = BookingGroup.objects.create(
                token=token,
                booked_by=actor,
                organisation=organisation,
                alliance_id=programme.alliance_id,
                reference=new_reference(programme.alliance),
                purchase_order=purchase_order.strip(),
            )
            people = _delegates_for(organisation, delegates, new_delegates)
            bookings = [
                Booking(
                    session_id=session.pk,
                    delegate=person,
                    organisation=organisation,
                    booked_by=actor,
                    is_member=member,
                    group=group,
                )
                for session in sorted(sessions, key=lambda s: s.pk)
                for person in people
            ]
            _place(programme, bookings, join_waiting_list=join_waiting_list)
            if expected is not None:
                expected.check_places(bookings)  # raising rolls the booking back
            _audit_bookings(actor, programme, bookings)
    except IntegrityError as error:
        if made := bookings_made_with(token=token, actor=actor):
            return made
        if "reference" in str(error):
            raise
        # The partial unique index is the duplicate check: one read fewer under the lock.
        already = _already_booked(sessions, delegates, new_delegates)
        if already is None:
            raise
        raise already from error
    return bookings


@dataclass(frozen=True)
class BookingExpectation:
    """What the "Check your answers" page showed: the price of a place and how many places
    would be confirmed (the others going onto waiting lists)."""

    price: Decimal
    confirmed: int

    def check_price(self, price: Decimal) -> None:
        if price != self.price:
            raise ValidationError(
                f"The price has changed since you checked: it is now £{price} a place, "
                f"not £{self.price}. Nothing is booked yet: check the new total, then confirm."
            )

    def check_places(self, bookings: Sequence[Booking]) -> None:
        confirmed = sum(b.status == BookingStatus.CONFIRMED for b in bookings)
        if confirmed != self.confirmed:
            raise ValidationError(
                f"Places have changed since you checked: {_places(confirmed)} would be "
                f"confirmed now, not {self.confirmed}. Nothing is booked yet: check who goes "
                "onto the waiting list, then confirm."
            )


def _places(count: int) -> str:
    return f"{count} place{'s' if count != 1 else ''}"


def _audit_bookings(actor: Person, programme: Programme, bookings: list[Booking]) -> None:
    """One entry for the whole booking, however many delegates and sessions it holds."""
    audit_record(
        actor=actor,
        kind=AuditKind.BOOKING_MADE,
        alliance=programme.alliance_id,
        subject=programme,
        detail="; ".join(
            f"booking {b.pk}: {b.delegate} on {b.session.starts_at:%Y-%m-%d %H:%M}, "
            f"{b.get_status_display().lower()}"
            for b in bookings
        ),
    )


def bookings_made_with(*, token: str, actor: Person) -> list[Booking]:
    """The bookings an earlier post of the same booking form made, when it was this actor's."""
    group = BookingGroup.objects.filter(token=token).first()
    if group is None:
        return []
    if group.booked_by_id != actor.pk:
        # Someone else's form: say nothing of what it booked.
        raise ValidationError("This booking form has expired. Open it again to book.")
    return list(group.bookings.select_related("delegate", "session").order_by("pk"))


def _place(programme: Programme, bookings: list[Booking], *, join_waiting_list: bool) -> None:
    """Lock the programme's sessions, give each booking a place or a place in the queue, and
    keep the programme's next-session copy right; in the caller's transaction."""
    now = timezone.now()
    # Every session of the programme, in primary-key order (two bookings never deadlock): the
    # next one's places are then known exactly, without a second read.
    locked = {s.pk: s for s in lock_all(Session.objects.filter(programme=programme).order_by("pk"))}
    price = programme.price_for(is_member=bookings[0].is_member)
    changed = set()
    for booking in bookings:
        session = locked.get(booking.session_id)
        if session is None:
            raise ValidationError("That session has just been removed from the programme.")
        session.programme = programme
        if session.pk not in changed and (reason := session.closed_reason(now)):
            raise ValidationError(reason)
        changed.add(session.pk)
        if session.places_left > 0:
            booking.status = BookingStatus.CONFIRMED
            booking.price_due = price
            session.places_taken += 1
        elif join_waiting_list:
            booking.status = BookingStatus.WAITING
            session.waiting_count += 1
        else:
            raise _full(session)
        booking.session = session
        booking.created_at = now
    # One statement however many sessions; the plain UPDATE for one is cheaper to build.
    counts = [locked[pk] for pk in sorted(changed)]
    if len(counts) == 1:
        Session.objects.filter(pk=counts[0].pk).update(
            places_taken=counts[0].places_taken, waiting_count=counts[0].waiting_count
        )
    else:
        Session.objects.bulk_update(counts, ["places_taken", "waiting_count"])
    Booking.objects.bulk_create(bookings)
    _schedule_from(programme, locked.values(), now)
    for status in (BookingStatus.CONFIRMED, BookingStatus.WAITING):
        _email_later(status.value, [b.pk for b in bookings if b.status == status])


def _schedule_from(programme: Programme, sessions: Iterable[Session], now) -> None:
    """Set the programme's next-session copy from its sessions, all locked by the caller."""
    upcoming = sorted(
        (s for s in sessions if s.status == SessionStatus.SCHEDULED and s.starts_at > now),
        key=lambda s: (s.starts_at, s.pk),
    )
    starts_at = upcoming[0].starts_at if upcoming else None
    left = upcoming[0].places_left if upcoming else 0
    # Written only when it differs, so a booking that leaves the catalogue as it was does not
    # make every cached catalogue page be rendered again.
    same = Q(next_starts_at=starts_at) if starts_at else Q(next_starts_at__isnull=True)
    changed = (
        Programme.objects.filter(pk=programme.pk)
        .exclude(same & Q(next_places_left=left))
        .update(next_starts_at=starts_at, next_places_left=left)
    )
    if changed:
        catalogue_cache.bump(programme.alliance_id)


def _already_booked(
    sessions: Sequence[Session], delegates: Sequence[Person], new: Sequence[NewDelegate]
) -> ValidationError | None:
    """Who already holds a place (or a place in the queue) among these, for the message."""
    already = (
        Booking.objects.filter(session__in=[s.pk for s in sessions], status__in=ACTIVE_STATUSES)
        .filter(
            # Emails in any case: a person's may have been saved before they were lower-cased.
            reduce(
                operator.or_,
                (Q(delegate__email__iexact=d.email) for d in new),
                Q(delegate__in=[p.pk for p in delegates]),
            )
        )
        .select_related("delegate", "session")
        .first()
    )
    if already is None:
        return None
    return ValidationError(
        f"{already.delegate.full_name} already has a place (or a place on the waiting list) "
        f"on the session of {timezone.localtime(already.session.starts_at):%-d %B %Y}."
    )


def _offer_free_places(session: Session, now: datetime.datetime) -> list[Booking]:
    """Offer free places to the first on the waiting list; the caller holds the session lock."""
    if session.closed_reason(now):
        return []
    free = session.places_left
    if free <= 0 or session.waiting_count <= 0:
        return []
    queue = list(
        session.bookings.filter(status=BookingStatus.WAITING).order_by("created_at", "pk")[:free]
    )
    expires = min(now + offer_hold(), session.booking_deadline)
    for booking in queue:
        booking.status = BookingStatus.OFFERED
        booking.offer_expires_at = expires
    Booking.objects.bulk_update(queue, ["status", "offer_expires_at"])
    session.places_taken += len(queue)
    session.waiting_count -= len(queue)
    session.save(update_fields=["places_taken", "waiting_count"])
    _email_later("offered", [b.pk for b in queue])
    return queue


def _locked_booking(booking: Booking) -> tuple[Booking, Session]:
    session = lock_one(Session.objects.select_related("programme"), pk=booking.session_id)
    booking = Booking.objects.get(pk=booking.pk)
    booking.session = session
    return booking, session


def _release(booking: Booking, session: Session) -> None:
    if booking.holds_place:
        session.places_taken -= 1
    elif booking.status == BookingStatus.WAITING:
        session.waiting_count -= 1
    session.save(update_fields=["places_taken", "waiting_count"])


def _check_booker(actor: Person, booking: Booking) -> None:
    if booking.organisation_id is None:  # booked by someone of no school: theirs alone
        if booking.delegate_id != actor.pk or not actor.belongs_to_no_school:
            raise PermissionDenied
    # The one rule of whose bookings a booker changes: of their schools, as the booking's
    # alliance granted them, or one they made.
    elif not Booking.objects.filter(booked_by_booker(rights_of(actor)), pk=booking.pk).exists():
        raise PermissionDenied


def _refuse_cohort_place(booking: Booking) -> None:
    """Issue 15: a cohort's places come and go with the enrolment, never one session alone."""
    if booking.enrolment_id:
        raise ValidationError(
            "This place is part of an enrolment on a cohort programme: withdraw from the "
            "programme (or ask its lead to defer) on the enrolment's page instead."
        )


@transaction.atomic
def booking_cancel(*, actor: Person, booking: Booking) -> Booking:
    """Cancel a place or a place in the queue. After the booking deadline it counts as late."""
    _check_booker(actor, booking)
    _refuse_cohort_place(booking)
    booking, session = _locked_booking(booking)
    if not booking.is_active:
        raise ValidationError("This booking is already cancelled.")
    now = timezone.now()
    if session.starts_at <= now:
        raise ValidationError("This session has already taken place.")
    booking.cancelled_late = booking.cancels_late(now)
    _release(booking, session)
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    if booking.cancelled_late:
        booking.attendance = Attendance.LATE_CANCELLATION
    else:
        booking.price_due = Decimal("0")  # in time: nothing to pay
    booking.save(
        update_fields=["status", "cancelled_at", "cancelled_late", "attendance", "price_due"]
    )
    _offer_free_places(session, now)
    _refresh(session.programme_id)
    _email_later("cancelled", [booking.pk])
    audit_record(
        actor=actor,
        kind=AuditKind.BOOKING_CANCELLED,
        alliance=session.programme.alliance_id,
        subject=booking,
        detail="late cancellation" if booking.cancelled_late else "",
    )
    return booking


@transaction.atomic
def booking_swap(*, actor: Person, booking: Booking, colleague: Person) -> list[Booking]:
    """Put a colleague from the same school in a booked person's place on the same sessions
    (those of the same booking), keeping the places, their price and their place in any queue.
    """
    _check_booker(actor, booking)
    _refuse_cohort_place(booking)
    if colleague.organisation_id != booking.organisation_id:
        raise PermissionDenied("Only a colleague from the same school can take the place.")
    places = swappable_places(booking)
    lock_all(Session.objects.filter(pk__in=[b.session_id for b in places]).order_by("pk"))
    # Read again under the lock: a swap a moment ago (a double click) may have changed it.
    booking = Booking.objects.get(pk=booking.pk)
    places = swappable_places(booking)
    if booking.pk not in {b.pk for b in places}:
        raise ValidationError("This booking is already cancelled.")
    now = timezone.now()
    if any(b.session.starts_at <= now for b in places):
        raise ValidationError("This session has already taken place.")
    before = places[0].delegate
    if colleague.pk == before.pk:
        raise ValidationError(f"{colleague.full_name} already has this place.")
    for place in places:
        place.delegate = colleague
    try:
        with transaction.atomic():
            Booking.objects.bulk_update(places, ["delegate"])
    except IntegrityError as error:
        raise ValidationError(
            f"{colleague.full_name} already has a place (or a place on the waiting list) on "
            "one of these sessions."
        ) from error
    _email_later("confirmed", [b.pk for b in places if b.status == BookingStatus.CONFIRMED])
    _email_later("waiting", [b.pk for b in places if b.status == BookingStatus.WAITING])
    audit_record(
        actor=actor,
        kind=AuditKind.BOOKING_SWAPPED,
        alliance=places[0].session.alliance_id,
        subject=places[0],
        detail="; ".join(
            f"booking {b.pk}: {before} replaced by {colleague} on "
            f"{b.session.starts_at:%Y-%m-%d %H:%M}"
            for b in places
        ),
    )
    return places


@transaction.atomic
def offer_accept(*, actor: Person, booking: Booking) -> Booking:
    """Take up an offered place while it is held."""
    _check_booker(actor, booking)
    booking, session = _locked_booking(booking)
    now = timezone.now()
    if booking.status != BookingStatus.OFFERED:
        raise ValidationError("There is no place on offer for this booking.")
    if booking.offer_expires_at <= now:
        raise ValidationError("Sorry, this offer has expired and passed to the next person.")
    booking.status = BookingStatus.CONFIRMED
    booking.price_due = session.programme.price_for(is_member=booking.is_member)
    booking.save(update_fields=["status", "price_due"])
    _email_later("confirmed", [booking.pk])
    audit_record(
        actor=actor,
        kind=AuditKind.OFFER_ACCEPTED,
        alliance=session.programme.alliance_id,
        subject=booking,
        detail=f"{booking.delegate} on {session.starts_at:%Y-%m-%d %H:%M}",
    )
    return booking


def offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Expire offers past their hold and offer the places to the next in line.

    Safe to run twice or at the same time as bookings: each session is handled under its lock,
    and only offers still open when the lock is held are expired.
    """
    now = now or timezone.now()
    session_ids = sorted(
        set(
            Booking.objects.filter(
                status=BookingStatus.OFFERED, offer_expires_at__lte=now
            ).values_list("session_id", flat=True)
        )
    )
    expired = 0
    for session_id in session_ids:
        with transaction.atomic():
            session = lock_one(Session.objects.select_related("programme"), pk=session_id)
            stale = list(
                session.bookings.filter(status=BookingStatus.OFFERED, offer_expires_at__lte=now)
            )
            for booking in stale:
                booking.status = BookingStatus.EXPIRED
            Booking.objects.bulk_update(stale, ["status"])
            session.places_taken -= len(stale)
            session.save(update_fields=["places_taken"])
            _offer_free_places(session, now)
            _refresh(session.programme_id)
            expired += len(stale)
    return expired


# --- running a session -----------------------------------------------------------------------


def may_run(perms: AlliancePerms, programme: Programme) -> bool:
    """Strand leads (and the director) run the registers of their strand's sessions; so do the
    programme's facilitators (often SLEs). The one answer for the page, its link and the write."""
    if perms.alliance is None or programme.alliance_id != perms.alliance.pk:
        return False
    if "session.run" in perms and perms.may_manage_strand(programme.strand_id):
        return True
    person = perms.person
    # .all() so that a page which prefetched the facilitators asks no further query.
    return person is not None and any(p.pk == person.pk for p in programme.facilitators.all())


@transaction.atomic
def attendance_mark(*, perms: AlliancePerms, session: Session, marks: dict[int, str]) -> int:
    """Record attended / absent / late cancellation for bookings of the session."""
    if not may_run(perms, session.programme):
        raise PermissionDenied
    valid = {choice for choice, _ in Attendance.choices}
    bookings = list(
        session.bookings.filter(pk__in=list(marks)).filter(
            Q(status=BookingStatus.CONFIRMED) | Q(cancelled_late=True)
        )
    )
    newly_attended = []
    for booking in bookings:
        value = marks[booking.pk]
        if value not in valid:
            raise ValidationError(f"“{value}” is not a way to mark attendance.")
        if value == Attendance.ATTENDED and booking.attendance != Attendance.ATTENDED:
            newly_attended.append(booking)
        booking.attendance = value
    with transaction.atomic():
        Booking.objects.bulk_update(bookings, ["attendance"])
        if newly_attended:
            attendance_marked.send(sender=Session, session=session, attended=newly_attended)
    return len(bookings)


@transaction.atomic
def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Put a reminder in the outbox for each delegate whose session is in two days; returns
    how many. Each booking is claimed once, in the same transaction as its reminder, so running
    it twice (even at the same time) reminds nobody twice."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + datetime.timedelta(days=2),
    ).values_list("pk", flat=True)
    claimed = [
        pk
        for pk in list(due)
        if Booking.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
    ]
    # One email each: they are about different programmes, and one that fails (a bad title)
    # must not make the others be sent again with it.
    email_later(kind="booking.reminder", payloads=[{"booking_ids": [pk]} for pk in claimed])
    return len(claimed)
