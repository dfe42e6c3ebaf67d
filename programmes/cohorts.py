"""Cohort programmes (issue 15): applying, the head's endorsement, the lead's decision, and the
participant's status to the end (completed, withdrawn or deferred).

Places: a cohort's capacity is ``Programme.cohort_places``; ``cohort_places_taken`` counts the
enrolments holding a place (accepted, offered, completed) and changes only here, under a row
lock on the programme. Applying takes no place (the lead decides who gets one), so only the
moves that take or free a place lock the programme; locks are always taken programme first
(lowest id first when two), then sessions in id order, so two moves never deadlock.

An accepted enrolment has one confirmed, free ``Booking`` per scheduled session (the whole price
is on the enrolment), so the register, attendance, reminders and feedback work unchanged.
Emails go through the outbox in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliance.audit import audit_record
from alliance.locks import lock_all, lock_one
from alliance.models import AuditKind, RoleAssignment
from alliance.outbox import email_later
from alliance.permissions import AlliancePerms
from members.models import Person
from programmes.models import (
    ACTIVE_ENROLMENT_STATUSES,
    Attendance,
    Booking,
    BookingStatus,
    Enrolment,
    EnrolmentDecision,
    EnrolmentEvent,
    EnrolmentStatus,
    Programme,
    ProgrammeFormat,
    ProgrammeStatus,
    Session,
    SessionStatus,
    offer_hold,
)
from programmes.rights import member_alliance_ids, member_prices_for_no_school

ENDORSE_SALT = "programmes.enrolment.endorse"
ENDORSE_LINK_DAYS = 60

ALREADY_APPLIED = "{name} has already applied for this programme."
NOT_YOUR_STAFF = "You can only endorse applications from your own staff."


# --- who may do what ------------------------------------------------------------------------


def heads_school(person: Person | None, organisation_id: int | None, *, alliance_id: int) -> bool:
    """Whether the person is headteacher of that school today, as that alliance made them
    (issue 23): a school's applications to an alliance's cohorts are its heads' there to make,
    endorse and follow, never those of a head another alliance granted."""
    if person is None or organisation_id is None:
        return False
    return (
        RoleAssignment.objects.headships()
        .filter(person=person, organisation_id=organisation_id, alliance_id=alliance_id)
        .exists()
    )


def may_decide(perms: AlliancePerms, programme: Programme) -> bool:
    """The programme's strand lead and the director decide applications and move enrolments."""
    return (
        perms.alliance is not None
        and programme.alliance_id == perms.alliance.pk
        and perms.may_manage_strand(programme.strand_id)
    )


def _check_decider(perms: AlliancePerms, programme: Programme) -> None:
    if not may_decide(perms, programme):
        raise PermissionDenied


# --- small helpers --------------------------------------------------------------------------


def _event(enrolment: Enrolment, by: Person | None, before: str, note: str = "") -> None:
    EnrolmentEvent.objects.create(
        enrolment=enrolment, by=by, from_status=before, to_status=enrolment.status, note=note
    )


def _audit(actor: Person | None, enrolment: Enrolment, detail: str) -> None:
    audit_record(
        actor=actor,
        kind=AuditKind.ENROLMENT_CHANGED,
        alliance=enrolment.alliance_id,
        subject=enrolment,
        detail=detail,
    )


def _email(kind: str, enrolment: Enrolment) -> None:
    email_later(kind=f"enrolment.{kind}", payloads=[{"enrolment_id": enrolment.pk}])


def _set_status(enrolment: Enrolment, status: str, now: datetime.datetime) -> str:
    before = enrolment.status
    enrolment.status = status
    enrolment.status_changed_at = now
    return before


def _locked_enrolment(enrolment: Enrolment) -> tuple[Enrolment, Programme]:
    """The programme's row lock, then the enrolment read again under it."""
    programme = lock_one(Programme.objects.select_related("alliance"), pk=enrolment.programme_id)
    enrolment = Enrolment.objects.select_related("participant", "organisation").get(pk=enrolment.pk)
    enrolment.programme = programme
    return enrolment, programme


def scheduled_sessions(programme: Programme) -> list[Session]:
    return list(programme.sessions.filter(status=SessionStatus.SCHEDULED).order_by("starts_at"))


def first_start(programme: Programme) -> datetime.datetime | None:
    first = programme.sessions.filter(status=SessionStatus.SCHEDULED).order_by("starts_at").first()
    return first.starts_at if first else None


def closed_reason(programme: Programme, now: datetime.datetime | None = None) -> str:
    """Why nobody can apply for the cohort now; empty when applications are open."""
    now = now or timezone.now()
    if programme.format != ProgrammeFormat.COHORT:
        return "This programme is booked session by session, not applied for."
    if programme.status == ProgrammeStatus.DRAFT:
        return "This programme is not published yet."
    if programme.status == ProgrammeStatus.CANCELLED:
        return "This programme has been cancelled."
    first = programme.sessions.filter(status=SessionStatus.SCHEDULED).order_by("starts_at").first()
    if first is None:
        return "This cohort has no dates yet."
    if first.booking_deadline <= now:
        return "Applications for this cohort have closed."
    return ""


# --- applying -------------------------------------------------------------------------------


def pays_member_price(programme: Programme, organisation_id: int | None) -> bool:
    if organisation_id is None:
        return programme.alliance_id in member_prices_for_no_school()
    member_of = member_alliance_ids(organisation_ids=[organisation_id])
    return programme.alliance_id in member_of.get(organisation_id, frozenset())


def active_enrolment(programme: Programme, participant: Person) -> Enrolment | None:
    return Enrolment.objects.filter(
        programme=programme, participant=participant, status__in=ACTIVE_ENROLMENT_STATUSES
    ).first()


@transaction.atomic
def apply(
    *,
    actor: Person,
    programme: Programme,
    participant: Person,
    note: str = "",
    purchase_order: str = "",
) -> Enrolment:
    """An application for a cohort: by the participant for themselves, or by their head for
    them. A head applying for their own staff endorses as they apply; a head applying for
    themselves, or someone of no school, needs no endorsement."""
    organisation_id = participant.organisation_id
    head_applies = heads_school(actor, organisation_id, alliance_id=programme.alliance_id)
    if actor.pk != participant.pk and not head_applies:
        raise PermissionDenied("You can only apply for yourself or your own staff.")
    # The programme's lock: its format and dates cannot change while someone applies.
    programme = lock_one(Programme.objects.select_related("alliance"), pk=programme.pk)
    reason = closed_reason(programme)
    if reason:
        raise ValidationError(reason)
    if active_enrolment(programme, participant):
        raise ValidationError(ALREADY_APPLIED.format(name=participant.full_name))
    is_member = pays_member_price(programme, organisation_id)
    if not is_member and not programme.open_to_non_members:
        raise ValidationError("This programme is for member schools only.")
    now = timezone.now()
    enrolment = Enrolment(
        alliance_id=programme.alliance_id,
        programme=programme,
        participant=participant,
        organisation_id=organisation_id,
        status=EnrolmentStatus.APPLIED,
        applied_by=actor,
        applied_at=now,
        status_changed_at=now,
        application_note=note,
        purchase_order=purchase_order,
        is_member=is_member,
        price_due=programme.price_for(is_member=is_member),
    )
    if organisation_id is None or head_applies:
        enrolment.status = EnrolmentStatus.ENDORSED
        enrolment.endorsed_at = now
        # Nobody else to endorse a head's own application: "no endorsement needed".
        enrolment.endorsed_by = actor if head_applies and actor.pk != participant.pk else None
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError as error:  # a second click at the same moment
        raise ValidationError(ALREADY_APPLIED.format(name=participant.full_name)) from error
    _event(enrolment, actor, "", note="Applied")
    if enrolment.status == EnrolmentStatus.APPLIED:
        _email("endorse", enrolment)
    return enrolment


# --- endorsing ------------------------------------------------------------------------------


def endorse_token(enrolment: Enrolment) -> str:
    """The emailed link's token: signed with the site's key, so it cannot be guessed or made
    for another application."""
    return signing.dumps({"enrolment": enrolment.pk}, salt=ENDORSE_SALT)


def enrolment_from_token(token: str) -> Enrolment | None:
    try:
        data = signing.loads(
            token, salt=ENDORSE_SALT, max_age=datetime.timedelta(days=ENDORSE_LINK_DAYS)
        )
    except signing.BadSignature:
        return None
    return Enrolment.objects.filter(pk=data.get("enrolment")).first()


@transaction.atomic
def endorse(*, actor: Person, enrolment: Enrolment) -> bool:
    """The head endorses their staff member's application; False when it was endorsed already
    (a second click, or the link used twice)."""
    if not heads_school(actor, enrolment.organisation_id, alliance_id=enrolment.alliance_id):
        raise PermissionDenied(NOT_YOUR_STAFF)
    enrolment = lock_one(Enrolment.objects, pk=enrolment.pk)
    if enrolment.endorsed_at is not None:
        return False
    if enrolment.status != EnrolmentStatus.APPLIED:
        raise ValidationError("This application has been withdrawn.")
    now = timezone.now()
    before = _set_status(enrolment, EnrolmentStatus.ENDORSED, now)
    enrolment.endorsed_by = actor
    enrolment.endorsed_at = now
    enrolment.save(update_fields=["status", "status_changed_at", "endorsed_by", "endorsed_at"])
    _event(enrolment, actor, before, note="Endorsed by the head")
    _audit(actor, enrolment, f"endorsed {enrolment.participant} for {enrolment.programme}")
    return True


# --- places ---------------------------------------------------------------------------------


def _full(programme: Programme) -> ValidationError:
    return ValidationError(
        f"{programme.title} is full: all {programme.cohort_places or 0} places are taken."
    )


def _book_sessions(enrolment: Enrolment, programme: Programme, by: Person | None) -> None:
    """A confirmed, free booking on each scheduled session still to come (and any that has
    taken place, so the register shows who should have been there)."""
    sessions = lock_all(
        Session.objects.filter(programme=programme, status=SessionStatus.SCHEDULED).order_by("pk")
    )
    booked = set(
        Booking.objects.filter(enrolment=enrolment, status=BookingStatus.CONFIRMED).values_list(
            "session_id", flat=True
        )
    )
    new = [
        Booking(
            session=session,
            delegate_id=enrolment.participant_id,
            organisation_id=enrolment.organisation_id,
            booked_by=by,
            status=BookingStatus.CONFIRMED,
            is_member=enrolment.is_member,
            price_due=Decimal("0"),  # the whole price is on the enrolment
            enrolment=enrolment,
        )
        for session in sessions
        if session.pk not in booked
    ]
    try:
        with transaction.atomic():
            Booking.objects.bulk_create(new)
    except IntegrityError as error:
        raise ValidationError(
            f"{enrolment.participant.full_name} already has a place on one of this cohort's "
            "sessions, booked separately. Cancel that booking first."
        ) from error
    for session in sessions:
        if session.pk in booked:
            continue
        session.places_taken += 1
        # A cohort's sessions hold the cohort: its places are counted on the programme.
        session.capacity = max(session.capacity, session.places_taken)
        session.save(update_fields=["places_taken", "capacity"])


def _unbook_sessions(enrolment: Enrolment, now: datetime.datetime) -> None:
    """Give up the places still to come; sessions that took place keep their attendance."""
    bookings = list(
        Booking.objects.filter(
            enrolment=enrolment, status=BookingStatus.CONFIRMED, session__starts_at__gt=now
        )
    )
    if not bookings:
        return
    sessions = {
        s.pk: s
        for s in lock_all(
            Session.objects.filter(pk__in=[b.session_id for b in bookings]).order_by("pk")
        )
    }
    for booking in bookings:
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        sessions[booking.session_id].places_taken -= 1
    Booking.objects.bulk_update(bookings, ["status", "cancelled_at"])
    Session.objects.bulk_update(list(sessions.values()), ["places_taken"])


def _accept(
    enrolment: Enrolment, programme: Programme, by: Person | None, now: datetime.datetime
) -> None:
    """Give the enrolment a place (the caller holds the programme's lock and has checked
    there is one, or the place was held for it by an offer)."""
    if enrolment.status != EnrolmentStatus.OFFERED:
        programme.cohort_places_taken += 1
        programme.save(update_fields=["cohort_places_taken"])
    before = _set_status(enrolment, EnrolmentStatus.ACCEPTED, now)
    enrolment.offer_expires_at = None
    enrolment.save()
    _book_sessions(enrolment, programme, by)
    _event(enrolment, by, before, note="Enrolled")


def _free_place(programme: Programme, now: datetime.datetime) -> None:
    """A place was given up: offer it to the first on the waiting list, as for CPD."""
    programme.cohort_places_taken -= 1
    programme.save(update_fields=["cohort_places_taken"])
    if programme.status != ProgrammeStatus.PUBLISHED or programme.cohort_places_left <= 0:
        return
    start = first_start(programme)
    if start is None or start <= now:
        return
    following = (
        Enrolment.objects.filter(programme=programme, status=EnrolmentStatus.WAITING)
        .order_by("decided_at", "pk")
        .first()
    )
    if following is None:
        return
    before = _set_status(following, EnrolmentStatus.OFFERED, now)
    following.offer_expires_at = min(now + offer_hold(), start)
    following.save(update_fields=["status", "status_changed_at", "offer_expires_at"])
    programme.cohort_places_taken += 1
    programme.save(update_fields=["cohort_places_taken"])
    _event(following, None, before, note="A place came free and was offered")
    _email("offered", following)


def _has_room(programme: Programme) -> bool:
    return programme.cohort_places_left > 0


# --- the lead's decision ------------------------------------------------------------------


@transaction.atomic
def decide(
    *, perms: AlliancePerms, enrolment: Enrolment, decision: str, message: str = ""
) -> Enrolment:
    """Accept, waitlist or decline an endorsed application (or one on the waiting list).

    Deciding the same way twice (a double click) changes nothing the second time."""
    _check_decider(perms, enrolment.programme)
    enrolment, programme = _locked_enrolment(enrolment)
    if enrolment.decision == decision and enrolment.status in (
        EnrolmentStatus.ACCEPTED,
        EnrolmentStatus.WAITING,
        EnrolmentStatus.DECLINED,
    ):
        return enrolment
    if enrolment.status == EnrolmentStatus.APPLIED:
        raise ValidationError("The head has not endorsed this application yet.")
    if enrolment.status not in (EnrolmentStatus.ENDORSED, EnrolmentStatus.WAITING):
        raise ValidationError(
            f"This application has already been decided ({enrolment.get_status_display()})."
        )
    now = timezone.now()
    if decision == EnrolmentDecision.ACCEPTED:
        if not _has_room(programme):
            raise _full(programme)
        _accept(enrolment, programme, perms.person, now)
        status = EnrolmentStatus.ACCEPTED
    elif decision == EnrolmentDecision.WAITLISTED:
        status = EnrolmentStatus.WAITING
    elif decision == EnrolmentDecision.DECLINED:
        status = EnrolmentStatus.DECLINED
    else:
        raise ValidationError("Choose accept, waiting list or decline.")
    before = enrolment.status
    if status != EnrolmentStatus.ACCEPTED:
        _set_status(enrolment, status, now)
    enrolment.decision = decision
    enrolment.decided_by = perms.person
    enrolment.decided_at = now
    enrolment.decision_message = message
    enrolment.save()
    if status != EnrolmentStatus.ACCEPTED:
        _event(enrolment, perms.person, before, note=message)
    _audit(perms.person, enrolment, f"{enrolment.get_decision_display()}: {message}".strip())
    _email(str(status), enrolment)
    return enrolment


@transaction.atomic
def enrol(
    *,
    programme: Programme,
    participant: Person,
    by: Person | None,
    is_member: bool | None = None,
    when: datetime.datetime | None = None,
) -> Enrolment:
    """Enrol someone directly, with a place: for the demo and for invitations from the talent
    pool. Their application (if they have one) is accepted; otherwise one is made, needing no
    endorsement. No email is sent. Refused when the cohort is full."""
    programme = lock_one(Programme.objects.select_related("alliance"), pk=programme.pk)
    if programme.format != ProgrammeFormat.COHORT:
        raise ValidationError("Only a cohort programme takes enrolments.")
    now = when or timezone.now()
    enrolment = active_enrolment(programme, participant)
    if enrolment is not None and enrolment.holds_place:
        return enrolment
    if not _has_room(programme):
        raise _full(programme)
    if enrolment is None:
        member = (
            pays_member_price(programme, participant.organisation_id)
            if is_member is None
            else is_member
        )
        enrolment = Enrolment.objects.create(
            alliance_id=programme.alliance_id,
            programme=programme,
            participant=participant,
            organisation_id=participant.organisation_id,
            status=EnrolmentStatus.ENDORSED,
            applied_by=by,
            applied_at=now,
            endorsed_at=now,
            # Their head enrolling them has endorsed them; anyone else: none was needed.
            endorsed_by=by
            if heads_school(by, participant.organisation_id, alliance_id=programme.alliance_id)
            else None,
            status_changed_at=now,
            is_member=member,
            price_due=programme.price_for(is_member=member),
        )
    enrolment.decision = EnrolmentDecision.ACCEPTED
    enrolment.decided_by = by
    enrolment.decided_at = now
    _accept(enrolment, programme, by, now)
    return enrolment


# --- offers ---------------------------------------------------------------------------------


def may_act_for(person: Person | None, enrolment: Enrolment) -> bool:
    """The participant themselves, or their head."""
    if person is None:
        return False
    return person.pk == enrolment.participant_id or heads_school(
        person, enrolment.organisation_id, alliance_id=enrolment.alliance_id
    )


@transaction.atomic
def offer_take_up(*, actor: Person, enrolment: Enrolment) -> Enrolment:
    """The participant (or their head) takes up a place offered from the waiting list."""
    if not may_act_for(actor, enrolment):
        raise PermissionDenied
    enrolment, programme = _locked_enrolment(enrolment)
    if enrolment.status == EnrolmentStatus.ACCEPTED:
        return enrolment
    if enrolment.status != EnrolmentStatus.OFFERED:
        raise ValidationError("There is no place on offer for this application.")
    now = timezone.now()
    if enrolment.offer_expires_at and enrolment.offer_expires_at <= now:
        raise ValidationError("Sorry, this offer has expired and passed to the next person.")
    enrolment.decision = EnrolmentDecision.ACCEPTED
    _accept(enrolment, programme, actor, now)
    _audit(actor, enrolment, "offered place taken up")
    _email("accepted", enrolment)
    return enrolment


def offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Offers not taken up within their hold lapse (the application is withdrawn, with that
    reason) and the place is offered to the next in line. Run by ``process_cpd``."""
    now = now or timezone.now()
    ids = list(
        Enrolment.objects.filter(
            status=EnrolmentStatus.OFFERED, offer_expires_at__lte=now
        ).values_list("pk", flat=True)
    )
    expired = 0
    for pk in ids:
        with transaction.atomic():
            enrolment, programme = _locked_enrolment(
                Enrolment(pk=pk, programme_id=_programme_of(pk))
            )
            if enrolment.status != EnrolmentStatus.OFFERED:
                continue
            before = _set_status(enrolment, EnrolmentStatus.WITHDRAWN, now)
            enrolment.reason = "The offered place was not taken up in time."
            enrolment.offer_expires_at = None
            enrolment.save()
            _event(enrolment, None, before, note=enrolment.reason)
            _free_place(programme, now)
            expired += 1
    return expired


def _programme_of(enrolment_id: int) -> int:
    return Enrolment.objects.values_list("programme_id", flat=True).get(pk=enrolment_id)


# --- the participant's status ---------------------------------------------------------------


def missed_sessions(enrolment: Enrolment) -> list[Session]:
    """The cohort's scheduled sessions the participant was not marked present at."""
    attended = set(
        Booking.objects.filter(enrolment=enrolment, attendance=Attendance.ATTENDED).values_list(
            "session_id", flat=True
        )
    )
    return [s for s in scheduled_sessions(enrolment.programme) if s.pk not in attended]


def _dates(sessions: Sequence[Session]) -> str:
    return ", ".join(f"{timezone.localtime(s.starts_at):%-d %b %Y}" for s in sessions)


@transaction.atomic
def complete(*, perms: AlliancePerms, enrolment: Enrolment) -> Enrolment:
    """Mark an enrolled participant as having completed, if the programme's attendance rule is
    met; otherwise say which sessions were missed."""
    _check_decider(perms, enrolment.programme)
    enrolment, programme = _locked_enrolment(enrolment)
    if enrolment.status == EnrolmentStatus.COMPLETED:
        return enrolment
    if enrolment.status != EnrolmentStatus.ACCEPTED:
        raise ValidationError("Only an enrolled participant can complete the programme.")
    missed = missed_sessions(enrolment)
    if len(missed) > programme.sessions_may_miss:
        allowed = (
            "every session"
            if programme.sessions_may_miss == 0
            else f"all but {programme.sessions_may_miss} session(s)"
        )
        raise ValidationError(
            f"{enrolment.participant.full_name} cannot complete yet: the programme asks for "
            f"{allowed}, and they were not marked present on {_dates(missed)}."
        )
    now = timezone.now()
    before = _set_status(enrolment, EnrolmentStatus.COMPLETED, now)
    enrolment.completed_at = now
    enrolment.save(update_fields=["status", "status_changed_at", "completed_at"])
    _event(enrolment, perms.person, before, note="Completed")
    _audit(perms.person, enrolment, "completed")
    return enrolment


WITHDRAWABLE = (
    EnrolmentStatus.APPLIED,
    EnrolmentStatus.ENDORSED,
    EnrolmentStatus.WAITING,
    EnrolmentStatus.OFFERED,
    EnrolmentStatus.ACCEPTED,
)


@transaction.atomic
def withdraw(
    *, actor: Person, perms: AlliancePerms, enrolment: Enrolment, reason: str
) -> Enrolment:
    """Withdraw an application or an enrolment, with a reason: by the lead or the director, the
    participant, or their head. A place given up is offered to the next on the waiting list."""
    if not (may_decide(perms, enrolment.programme) or may_act_for(actor, enrolment)):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for withdrawing."})
    enrolment, programme = _locked_enrolment(enrolment)
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        return enrolment
    if enrolment.status not in WITHDRAWABLE:
        raise ValidationError(
            f"This enrolment cannot be withdrawn: it is {enrolment.get_status_display().lower()}."
        )
    now = timezone.now()
    held = enrolment.holds_place
    before = _set_status(enrolment, EnrolmentStatus.WITHDRAWN, now)
    enrolment.reason = reason
    enrolment.offer_expires_at = None
    enrolment.save()
    _unbook_sessions(enrolment, now)
    if held:
        _free_place(programme, now)
    _event(enrolment, actor, before, note=reason)
    _audit(actor, enrolment, f"withdrawn: {reason}")
    _email("withdrawn", enrolment)
    return enrolment


def later_cohorts(enrolment: Enrolment) -> list[Programme]:
    """Cohorts a participant could be deferred to: the same kind, in the same alliance,
    published, starting after this one starts, with a place left."""
    start = first_start(enrolment.programme)
    if start is None:
        return []
    return [
        p
        for p in Programme.objects.filter(
            alliance_id=enrolment.alliance_id,
            kind=enrolment.programme.kind,
            format=ProgrammeFormat.COHORT,
            status=ProgrammeStatus.PUBLISHED,
        )
        .exclude(pk=enrolment.programme_id)
        .order_by("pk")
        if (first_start(p) or start) > start
    ]


@transaction.atomic
def defer(
    *, perms: AlliancePerms, enrolment: Enrolment, to: Programme | None, reason: str
) -> Enrolment:
    """Move an enrolled participant to a named later cohort of the same kind: their place here
    is given up (and offered on), and they take one there, paying once."""
    _check_decider(perms, enrolment.programme)
    reason = reason.strip()
    errors = {}
    if to is None:
        errors["to"] = "Choose the later cohort to defer to."
    if not reason:
        errors["reason"] = "Enter the reason for deferring."
    if errors:
        raise ValidationError(errors)
    assert to is not None
    # Both programmes locked, lower id first.
    first, second = sorted([enrolment.programme_id, to.pk])
    lock_one(Programme.objects, pk=first)
    lock_one(Programme.objects, pk=second)
    enrolment, programme = _locked_enrolment(enrolment)
    target = Programme.objects.get(pk=to.pk)
    if enrolment.status == EnrolmentStatus.DEFERRED and enrolment.deferred_to_id == target.pk:
        return enrolment
    if enrolment.status != EnrolmentStatus.ACCEPTED:
        raise ValidationError("Only an enrolled participant can be deferred.")
    start, target_start = first_start(programme), first_start(target)
    if (
        target.alliance_id != programme.alliance_id
        or target.kind != programme.kind
        or target.format != ProgrammeFormat.COHORT
        or target.status != ProgrammeStatus.PUBLISHED
        or start is None
        or target_start is None
        or target_start <= start
    ):
        raise ValidationError({"to": "Choose a later cohort of the same programme."})
    if not _has_room(target):
        raise ValidationError({"to": f"{target.title} is full: choose another cohort."})
    if active_enrolment(target, enrolment.participant):
        raise ValidationError(
            {"to": f"{enrolment.participant.full_name} already has a place on {target.title}."}
        )
    now = timezone.now()
    before = _set_status(enrolment, EnrolmentStatus.DEFERRED, now)
    enrolment.reason = reason
    enrolment.deferred_to = target
    price = enrolment.price_due
    enrolment.price_due = Decimal("0")  # paid once, on the cohort they finish with
    enrolment.save()
    _unbook_sessions(enrolment, now)
    _event(enrolment, perms.person, before, note=f"Deferred to {target.title}: {reason}")
    moved = Enrolment.objects.create(
        alliance_id=target.alliance_id,
        programme=target,
        participant=enrolment.participant,
        organisation_id=enrolment.organisation_id,
        status=EnrolmentStatus.ENDORSED,
        applied_by=enrolment.applied_by,
        applied_at=enrolment.applied_at,
        application_note=enrolment.application_note,
        endorsed_by=enrolment.endorsed_by,
        endorsed_at=enrolment.endorsed_at,
        decision=EnrolmentDecision.ACCEPTED,
        decided_by=perms.person,
        decided_at=now,
        deferred_from=enrolment,
        is_member=enrolment.is_member,
        price_due=price,
        purchase_order=enrolment.purchase_order,
    )
    _accept(moved, target, perms.person, now)
    _free_place(programme, now)
    _audit(perms.person, enrolment, f"deferred to {target.title}: {reason}")
    _email("deferred", moved)
    return moved


# --- switching a programme's format ---------------------------------------------------------


def format_change_refusal(programme: Programme, new_format: str) -> str:
    """Why a cohort cannot go back to drop-in sessions (someone has applied), else empty."""
    if (
        programme.pk
        and new_format != ProgrammeFormat.COHORT
        and Enrolment.objects.filter(programme_id=programme.pk).exists()
    ):
        return (
            "People have applied for this cohort, so it cannot become drop-in sessions. "
            "Withdraw or defer them first, or make a new programme."
        )
    return ""
