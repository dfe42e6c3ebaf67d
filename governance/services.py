"""Writes for meetings and minutes: calling, inviting, attendance, the minutes workflow, actions.

Every service checks the actor's permission again, validates, and runs in one transaction.
Each step of the minutes workflow records who moved it and when (``MinutesEvent``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from alliance.audit import audit_record
from alliance.documents import check_document, document_name
from alliance.ical import event_ics
from alliance.locks import lock_all, lock_one
from alliance.models import AcademicYear, AuditKind
from alliance.outbox import email_later
from alliance.periodic import periodic
from alliance.permissions import has_perm, perms_for, person_of
from governance.models import (
    Action,
    AgendaItem,
    Invitee,
    Meeting,
    Minutes,
    MinutesAttendance,
    MinutesEntry,
    MinutesEvent,
    MinutesState,
    Paper,
    Reply,
)
from governance.selectors import (
    CANCELLED,
    audience_for,
    cancellation_emails_for,
    default_invitees_for,
    perm_holders_of,
    quorum_for,
    record_lock_for,
    role_holders_of,
)
from members.models import Person, User

Change = MinutesEvent.Change


def _require(actor: User, perm: str, meeting: Meeting) -> None:
    if not has_perm(person_of(actor), perm, meeting.alliance):
        raise PermissionDenied


# --- Calling a meeting ------------------------------------------------------------------------


@transaction.atomic
def meeting_call(*, actor: User, meeting: Meeting, also_invite: Iterable[Person] = ()) -> Meeting:
    """Save a meeting built from the form (alliance set) and invite the default invitees and
    anyone else the chair names."""
    _require(actor, "meeting.call", meeting)
    meeting.visibility = meeting.visibility or meeting.default_visibility()
    meeting.called_by = person_of(actor)
    _set_year(meeting)
    meeting.full_clean()
    meeting.save()
    invited = {person.pk: person for person in default_invitees_for(meeting=meeting)}
    invited.update((person.pk, person) for person in also_invite)
    Invitee.objects.bulk_create(
        Invitee(meeting=meeting, person=person) for person in invited.values()
    )
    return meeting


def _set_year(meeting: Meeting) -> None:
    if meeting.starts_at:
        start_year = AcademicYear.start_year_for(timezone.localtime(meeting.starts_at).date())
        meeting.academic_year, _ = AcademicYear.objects.get_or_create(start_year=start_year)


def _refuse_once_minuted(meeting: Meeting) -> None:
    """Once minutes leave the draft, the meeting and its agenda are part of the record."""
    if meeting.is_cancelled:
        raise ValidationError(CANCELLED)
    if meeting.minutes.exclude(state=MinutesState.DRAFT).exists():
        raise ValidationError(
            "The minutes of this meeting have gone for approval, so its details and agenda "
            "are part of the record and can no longer be changed."
        )


def _open_record(meeting: Meeting) -> Minutes | None:
    """Refuse a change to the agenda, papers or attendance once the minutes are submitted,
    unless a correction is open; return that correction, to record the change in its history.
    The minutes rows stay locked, so the minutes cannot be submitted halfway through."""
    record = record_lock_for(meeting=meeting, lock=True)
    if record.refusal:
        raise ValidationError(record.refusal)
    return record.correction


# What invitees are told again when it changes.
_WHEN_AND_WHERE = ("starts_at", "ends_at", "venue", "online_link")


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, base_url: str) -> Meeting:
    """Save changes to a called meeting (a new date, venue or visibility) from the form. If it
    moved, everyone already invited is emailed the new time and place, with the change."""
    _require(actor, "meeting.call", meeting)
    before = lock_one(Meeting.objects, pk=meeting.pk)
    _refuse_once_minuted(before)
    _set_year(meeting)
    meeting.full_clean()
    meeting.save()
    if any(getattr(before, name) != getattr(meeting, name) for name in _WHEN_AND_WHERE):
        invited = meeting.invitees.filter(invitation_sent_at__isnull=False).exclude(
            person__email=""
        )
        email_later(
            kind="meeting.moved",
            payloads=[
                {"invitee_id": pk, "base_url": base_url}
                for pk in invited.values_list("pk", flat=True)
            ],
        )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str, base_url: str) -> bool:
    """Cancel a meeting that has not taken place on the record, saying why: everyone sent an
    invitation is emailed, with a calendar file that removes it. Returns False, and does nothing
    more, if it was already cancelled (a second click)."""
    _require(actor, "meeting.call", meeting)
    # Minutes are submitted under a lock on this row too (``_locked``), so the check below and
    # a submission at the same moment take turns.
    locked = lock_one(Meeting.objects, pk=meeting.pk)
    if locked.is_cancelled:
        return False
    if locked.minutes.exclude(state=MinutesState.DRAFT).exists():
        raise ValidationError(
            "The minutes of this meeting have gone for approval, so it took place and cannot be "
            "cancelled."
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the meeting is cancelled"})
    locked.cancelled_at = timezone.now()
    locked.cancelled_by = actor
    locked.cancellation_reason = reason
    locked.save(update_fields=["cancelled_at", "cancelled_by", "cancellation_reason"])
    told = cancellation_emails_for(meeting=locked)
    email_later(
        kind="meeting.cancelled",
        payloads=[{"invitee_id": invitee.pk, "base_url": base_url} for invitee in told],
    )
    audit_record(
        actor=actor,
        kind=AuditKind.MEETING_CANCELLED,
        alliance=locked.alliance_id,
        subject=locked,
        detail=f"{locked}: {reason} ({len(told)} emailed)",
    )
    meeting.cancelled_at, meeting.cancellation_reason = locked.cancelled_at, reason
    return True


@transaction.atomic
def agenda_item_update(*, actor: User, item: AgendaItem) -> AgendaItem:
    """Save changes to an agenda item (its order, title, presenter or confidentiality)."""
    _require(actor, "meeting.call", item.meeting)
    _refuse_once_minuted(item.meeting)
    item.full_clean()
    item.save()
    _renumber(item)
    return item


def _renumber(moved: AgendaItem) -> None:
    """Number the agenda 1, 2, 3…; the item just placed goes before any it now shares a
    position with."""
    items = sorted(
        moved.meeting.agenda_items.all(), key=lambda i: (i.position, i.pk != moved.pk, i.pk)
    )
    for number, item in enumerate(items, start=1):
        item.position = number
    AgendaItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def agenda_item_add(*, actor: User, meeting: Meeting, item: AgendaItem) -> AgendaItem:
    _require(actor, "meeting.call", meeting)
    correction = _open_record(meeting)
    item.meeting = meeting
    item.added_in = correction
    item.full_clean()
    item.save()
    _renumber(item)
    latest = meeting.minutes.order_by("-revision").first()
    if latest is not None and latest.is_editable:
        # Minutes already being drafted get a place for the new item too.
        MinutesEntry.objects.create(minutes=latest, agenda_item=item)
    if correction is not None:
        _record(correction, Change.AGENDA, actor, note=item.title)
    return item


@transaction.atomic
def paper_upload(
    *, actor: User, agenda_item: AgendaItem, title: str, upload: UploadedFile
) -> Paper:
    """Attach a paper to an agenda item after checking its size, extension and first bytes."""
    _require(actor, "meeting.call", agenda_item.meeting)
    correction = _open_record(agenda_item.meeting)
    check_document(upload)
    paper = Paper(
        agenda_item=agenda_item,
        title=title,
        original_name=document_name(upload),
        size=upload.size,
        uploaded_by=actor,
        added_in=correction,
    )
    paper.file.save(paper.original_name, upload, save=False)
    paper.full_clean()
    paper.save()
    if correction is not None:
        _record(correction, Change.PAPER, actor, note=f"{title} ({agenda_item.title})")
    return paper


# --- Invitations, replies and attendance ------------------------------------------------------


def meeting_ics(*, meeting: Meeting, url: str) -> bytes:
    """The meeting as an iCalendar file, for invitees' calendars."""
    return event_ics(
        uid=f"meeting-{meeting.pk}",
        product="Meetings",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=f"{meeting.alliance.display_short_name}: {meeting.title}",
        location=meeting.place,
        description=f"Agenda and papers: {url}",
        url=url,
        status="CANCELLED" if meeting.is_cancelled else "",
    )


@transaction.atomic
def invitations_send(
    *, actor: User, meeting: Meeting, base_url: str, invitee: Invitee | None = None
) -> int:
    """Put an invitation in the outbox (the agenda, a calendar file and reply links,
    ``governance/notifications.py``) for every invitee not yet sent one who has an address and
    has not declined; or for one ``invitee`` the chair chose, to send again or anyway.
    Returns how many were sent; twice at once sends each once."""
    _require(actor, "meeting.call", meeting)
    invitees = lock_all(meeting.invitees.select_related("person").order_by("pk"))
    # Read, not locked: a reply locks its invitee and the meeting together, so locking the
    # meeting first here could deadlock with one.
    if Meeting.objects.filter(pk=meeting.pk, cancelled_at__isnull=False).exists():
        raise ValidationError(CANCELLED)
    if invitee is not None:
        if invitee.meeting_id != meeting.pk:
            raise ValidationError("That person is not invited to this meeting.")
        chosen = [i for i in invitees if i.pk == invitee.pk and i.person.email]
    else:
        chosen = [i for i in invitees if not i.invitation_refusal]
    payloads = [{"invitee_id": i.pk, "base_url": base_url} for i in chosen]
    email_later(kind="meeting.invitation", payloads=payloads)
    now = timezone.now()
    Invitee.objects.filter(pk__in=[i.pk for i in chosen]).update(invitation_sent_at=now)
    Meeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=now, invitations_sent_by=actor)
    return len(payloads)


@transaction.atomic
def invitation_reply(*, token: str, reply: str) -> Meeting:
    """An invitee answers attending or apologies, through the link in their invitation."""
    found = lock_all(Invitee.objects.select_related("meeting").filter(token=token))
    invitee = found[0] if found else None
    if invitee is None:
        raise ValidationError("This reply link is not valid.")
    if reply not in (Reply.ATTENDING, Reply.APOLOGIES):
        raise ValidationError("Choose attending or apologies.")
    if invitee.meeting.ends_at < timezone.now():
        raise ValidationError("This meeting has already taken place.")
    if invitee.meeting.is_cancelled:
        raise ValidationError("This meeting is cancelled: there is no need to reply.")
    invitee.reply = reply
    invitee.replied_at = timezone.now()
    invitee.save(update_fields=["reply", "replied_at"])
    return invitee.meeting


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, present_ids: set[int]) -> None:
    """On the day: who was there. Everyone invited and not ticked is recorded as absent."""
    _require(actor, "meeting.record_attendance", meeting)
    if not meeting.attendance_open:
        raise ValidationError("Attendance can be recorded from the day of the meeting.")
    correction = _open_record(meeting)
    invitees = meeting.invitees.order_by("pk")
    lock_all(invitees)
    if correction is not None:
        _record(
            correction, Change.ATTENDANCE, actor, note=_attendance_change(invitees, present_ids)
        )
    invitees.filter(pk__in=present_ids).update(attended=True)
    invitees.exclude(pk__in=present_ids).update(attended=False)
    meeting.attendance_recorded_at = timezone.now()
    meeting.attendance_recorded_by = actor
    meeting.save(update_fields=["attendance_recorded_at", "attendance_recorded_by"])


def _attendance_change(invitees, present_ids: set[int]) -> str:
    """The change in words for the correction's history: "Now present: A. No longer present: B."."""
    before = {i.pk: (i.attended, i.person.full_name) for i in invitees.select_related("person")}
    arrived = sorted(name for pk, (was, name) in before.items() if pk in present_ids and not was)
    left = sorted(name for pk, (was, name) in before.items() if pk not in present_ids and was)
    parts = [
        f"{label}: {', '.join(names)}."
        for label, names in (("Now present", arrived), ("No longer present", left))
        if names
    ]
    return " ".join(parts) or "Recorded again, unchanged."


def minutes_attendance_fix(*, minutes: Minutes) -> None:
    """Copy the meeting's attendance into this revision of the minutes, as they record it."""
    meeting = minutes.meeting
    invitees = meeting.invitees.filter(Q(attended__isnull=False) | Q(reply=Reply.APOLOGIES))
    minutes.attendance.all().delete()  # submitted again after being returned
    MinutesAttendance.objects.bulk_create(
        MinutesAttendance(
            minutes=minutes,
            person_id=i.person_id,
            present=bool(i.attended),
            apologies=i.reply == Reply.APOLOGIES,
        )
        for i in invitees
    )
    minutes.attendance_recorded_at = meeting.attendance_recorded_at
    minutes.quorum = quorum_for(meeting=meeting)
    minutes.save(update_fields=["attendance_recorded_at", "quorum"])


# --- The minutes workflow ---------------------------------------------------------------------


def _record(minutes: Minutes, change: str, actor: User, note: str = "") -> None:
    MinutesEvent.objects.create(minutes=minutes, change=change, actor=actor, note=note)


def _locked(minutes: Minutes) -> Minutes:
    return lock_one(Minutes.objects.select_related("meeting__alliance"), pk=minutes.pk)


@transaction.atomic
def minutes_start(*, actor: User, meeting: Meeting) -> Minutes:
    """The first draft of a meeting's minutes, with an entry for every agenda item."""
    _require(actor, "minutes.draft", meeting)
    if lock_one(Meeting.objects, pk=meeting.pk).is_cancelled:
        raise ValidationError(CANCELLED)
    minutes = meeting.minutes.order_by("-revision").first()
    if minutes is None:
        minutes = Minutes.objects.create(meeting=meeting, revision=1)
        _record(minutes, Change.STARTED, actor)
    if minutes.is_editable:
        existing = set(minutes.entries.values_list("agenda_item_id", flat=True))
        MinutesEntry.objects.bulk_create(
            MinutesEntry(minutes=minutes, agenda_item=item)
            for item in meeting.agenda_items.exclude(pk__in=existing)
        )
    return minutes


def _editable(actor: User, minutes: Minutes) -> Minutes:
    _require(actor, "minutes.draft", minutes.meeting)
    minutes = _locked(minutes)
    if minutes.meeting.is_cancelled:
        raise ValidationError(CANCELLED)
    if not minutes.is_editable:
        raise ValidationError(minutes.edit_refusal())
    return minutes


@transaction.atomic
def minutes_entry_update(
    *, actor: User, entry: MinutesEntry, notes: str, decisions: str
) -> MinutesEntry:
    _editable(actor, entry.minutes)
    entry.notes = notes
    entry.decisions = decisions
    entry.full_clean()
    entry.save(update_fields=["notes", "decisions"])
    return entry


@transaction.atomic
def action_add(
    *,
    actor: User,
    entry: MinutesEntry,
    action: Action,
    notes: str | None = None,
    decisions: str | None = None,
) -> Action:
    """Add an action to an item's minutes; notes and decisions typed on the same page are saved
    with it, so adding an action never loses them."""
    if notes is not None and decisions is not None:
        minutes_entry_update(actor=actor, entry=entry, notes=notes, decisions=decisions)
    else:
        _editable(actor, entry.minutes)
    action.entry = entry
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_remove(*, actor: User, action: Action) -> None:
    _editable(actor, action.entry.minutes)
    action.delete()


@dataclass(frozen=True)
class Step:
    """One move of the minutes workflow: who may make it, from which state, to which."""

    perm: str
    source: MinutesState
    target: MinutesState
    change: str
    refusal: str


SUBMIT = Step(
    "minutes.draft",
    MinutesState.DRAFT,
    MinutesState.SUBMITTED,
    Change.SUBMITTED,
    "Only draft minutes can be submitted; these are {state}.",
)
RETURN = Step(
    "minutes.approve",
    MinutesState.SUBMITTED,
    MinutesState.DRAFT,
    Change.RETURNED,
    "Only minutes submitted for approval can be returned; these are {state}.",
)
APPROVE = Step(
    "minutes.approve",
    MinutesState.SUBMITTED,
    MinutesState.APPROVED,
    Change.APPROVED,
    "Only minutes submitted for approval can be approved; these are {state}.",
)
PUBLISH = Step(
    "minutes.publish",
    MinutesState.APPROVED,
    MinutesState.PUBLISHED,
    Change.PUBLISHED,
    "Only minutes the chair has approved can be published; these are {state}.",
)


def _move(*, actor: User, minutes: Minutes, step: Step, note: str = "") -> Minutes:
    """Lock the row, check the state, move it on and record who did it and when."""
    _require(actor, step.perm, minutes.meeting)
    # The lock holds the meeting's row too, so a cancel at the same moment goes first or waits.
    minutes = _locked(minutes)
    if minutes.meeting.is_cancelled:
        raise ValidationError(CANCELLED)
    if minutes.state != step.source:
        raise ValidationError(step.refusal.format(state=minutes.get_state_display().lower()))
    minutes.state = step.target
    if step.target == MinutesState.PUBLISHED:
        minutes.published_at = timezone.now()
    minutes.save(update_fields=["state", "published_at"])
    _record(minutes, step.change, actor, note=note)
    return minutes


def _tell(minutes: Minutes, *, kind: str, perm: str, actor: User, base_url: str) -> None:
    """Email those whose turn it now is (the chairs, the administrators), not the actor."""
    people = perm_holders_of(alliance=minutes.meeting.alliance, perm=perm).exclude(user=actor)
    emails = sorted(set(people.exclude(email="").values_list("email", flat=True)))
    email_later(
        kind=kind,
        payloads=[{"minutes_id": minutes.pk, "base_url": base_url, "email": e} for e in emails],
    )


@transaction.atomic
def minutes_submit(*, actor: User, minutes: Minutes, base_url: str) -> Minutes:
    """Submit the draft to the chair; from now on it records the attendance as it is now.
    The chairs are emailed that it waits for them."""
    minutes = _move(actor=actor, minutes=minutes, step=SUBMIT)
    # attendance_record locks the minutes rows before it writes, so holding this one keeps the
    # attendance still between the move and the copy.
    minutes_attendance_fix(minutes=minutes)
    _tell(minutes, kind="minutes.submitted", perm=APPROVE.perm, actor=actor, base_url=base_url)
    return minutes


@transaction.atomic
def minutes_return(*, actor: User, minutes: Minutes, reason: str, base_url: str) -> Minutes:
    """The chair sends submitted minutes back for changes, saying why; the reason stays in the
    minutes' history and the administrators are emailed it."""
    _require(actor, RETURN.perm, minutes.meeting)
    if not reason.strip():
        raise ValidationError({"reason": "Say what needs changing."})
    minutes = _move(actor=actor, minutes=minutes, step=RETURN, note=reason.strip())
    _tell(minutes, kind="minutes.returned", perm=SUBMIT.perm, actor=actor, base_url=base_url)
    return minutes


@transaction.atomic
def minutes_approve(*, actor: User, minutes: Minutes) -> Minutes:
    """The chair approves submitted minutes; never the person who submitted them, whatever
    other roles they hold, so every set of minutes is seen by two people."""
    _require(actor, APPROVE.perm, minutes.meeting)
    if _locked(minutes).submitted_by_id() == actor.pk:
        raise ValidationError(
            "You submitted these minutes, so someone else must approve them: "
            "another chair of the alliance."
        )
    return _move(actor=actor, minutes=minutes, step=APPROVE)


@transaction.atomic
def minutes_publish(*, actor: User, minutes: Minutes, base_url: str) -> Minutes:
    """Publish approved minutes, retire the revision they correct, and tell the audience (an
    email each, through the outbox)."""
    minutes = _move(actor=actor, minutes=minutes, step=PUBLISH)
    previous = minutes.meeting.minutes.filter(
        state=MinutesState.PUBLISHED, revision__lt=minutes.revision
    )
    _carry_over_done_actions(minutes)
    previous.update(state=MinutesState.SUPERSEDED)
    email_later(
        kind="minutes.published",
        payloads=[
            {"minutes_id": minutes.pk, "base_url": base_url, "email": email}
            for email in audience_for(meeting=minutes.meeting)
        ],
    )
    return minutes


def _carry_over_done_actions(minutes: Minutes) -> None:
    """Actions marked done while a correction was drafted stay done in the correction."""
    copies = Action.objects.filter(
        entry__minutes=minutes, done_at__isnull=True, copied_from__done_at__isnull=False
    ).select_related("copied_from")
    for action in copies:
        original = action.copied_from
        action.done_at, action.done_by, action.done_note = (
            original.done_at,
            original.done_by,
            original.done_note,
        )
        action.save(update_fields=["done_at", "done_by", "done_note"])


@transaction.atomic
def minutes_correct(*, actor: User, minutes: Minutes, reason: str) -> Minutes:
    """Start a correction of published minutes: a new draft revision, copied, with a reason."""
    _require(actor, "minutes.publish", minutes.meeting)
    minutes = _locked(minutes)
    if minutes.state != MinutesState.PUBLISHED:
        raise ValidationError("Only the published minutes can be corrected.")
    if minutes.meeting.minutes.filter(revision__gt=minutes.revision).exists():
        raise ValidationError("A correction of these minutes is already under way.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the minutes need correcting."})
    correction = Minutes.objects.create(
        meeting=minutes.meeting, revision=minutes.revision + 1, reason=reason.strip()
    )
    _copy_entries(minutes, correction)
    _record(correction, Change.CORRECTED, actor, note=correction.reason)
    return correction


def _copy_entries(source: Minutes, target: Minutes) -> None:
    """A correction starts as a copy of the published revision, actions and their state too."""
    for entry in source.entries.prefetch_related("actions"):
        copy = MinutesEntry.objects.create(
            minutes=target,
            agenda_item_id=entry.agenda_item_id,
            notes=entry.notes,
            decisions=entry.decisions,
        )
        Action.objects.bulk_create(
            Action(
                entry=copy,
                description=a.description,
                owner_id=a.owner_id,
                due_on=a.due_on,
                done_at=a.done_at,
                done_by_id=a.done_by_id,
                done_note=a.done_note,
                copied_from=a,
                overdue_emailed_at=a.overdue_emailed_at,
            )
            for a in entry.actions.all()
        )


# --- Actions ----------------------------------------------------------------------------------


@transaction.atomic
def action_complete(*, actor: User, action: Action, note: str) -> Action:
    """The owner (or a chair or the administrator) marks an action done, with a note."""
    action = lock_one(
        Action.objects.select_related("entry__minutes__meeting__alliance"), pk=action.pk
    )
    person = person_of(actor)
    perms = perms_for(person, action.entry.minutes.meeting.alliance)
    if action.owner_id != getattr(person, "pk", None) and "actions.view_all" not in perms:
        raise PermissionDenied
    if action.entry.minutes.state != MinutesState.PUBLISHED:
        raise ValidationError("Only actions in published minutes can be marked done.")
    if action.is_done:
        raise ValidationError("This action is already done.")
    if not note.strip():
        raise ValidationError({"done_note": "Say briefly what was done."})
    action.done_at = timezone.now()
    action.done_by = actor
    action.done_note = note.strip()
    action.save(update_fields=["done_at", "done_by", "done_note"])
    return action


# Minutes whose actions can be changed: a draft, and published minutes (the action log is
# live); submitted and approved minutes are frozen, and superseded ones are history.
_ACTIONS_CHANGEABLE = (MinutesState.DRAFT, MinutesState.PUBLISHED)


@transaction.atomic
def action_update(
    *, actor: User, action: Action, description: str, owner: Person, due_on: datetime.date
) -> Action:
    """A chair or the administrator changes an action's text, owner or due date; the change
    goes into the minutes' history (and so the audit log)."""
    action = lock_one(
        Action.objects.select_related("entry__minutes__meeting__alliance", "owner"), pk=action.pk
    )
    minutes = action.entry.minutes
    _require(actor, "actions.view_all", minutes.meeting)
    if minutes.state not in _ACTIONS_CHANGEABLE:
        raise ValidationError(minutes.edit_refusal() or "These minutes are history now.")
    if not role_holders_of(alliance=minutes.meeting.alliance).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": "Choose someone holding a role in the alliance."})
    changes = []
    if description.strip() != action.description:
        changes.append(f"text was “{action.description}”")
    if owner.pk != action.owner_id:
        changes.append(f"owner {action.owner.full_name} → {owner.full_name}")
    if due_on != action.due_on:
        changes.append(f"due {action.due_on:%-d %b %Y} → {due_on:%-d %b %Y}")
        action.overdue_emailed_at = None  # a new date: one more email if it passes too
    if not changes:
        return action
    action.description, action.owner, action.due_on = description.strip(), owner, due_on
    action.full_clean()
    action.save()
    _record(minutes, Change.ACTION, actor, note=f"{action.description}: {'; '.join(changes)}.")
    return action


@periodic("governance.actions_overdue")
def actions_overdue_email(*, today: datetime.date | None = None) -> int:
    """Tell each owner once when an action in published minutes passes its due date (run by
    ``send_emails``); returns how many were told. Each action is claimed in the same
    transaction as its email, so running it twice at once tells nobody twice."""
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        due = Action.objects.filter(
            done_at__isnull=True,
            due_on__lt=today,
            overdue_emailed_at__isnull=True,
            entry__minutes__state=MinutesState.PUBLISHED,
        ).exclude(owner__email="")
        claimed = [
            pk
            for pk in list(due.values_list("pk", flat=True))
            if Action.objects.filter(pk=pk, overdue_emailed_at__isnull=True).update(
                overdue_emailed_at=now
            )
        ]
        email_later(kind="action.overdue", payloads=[{"action_id": pk} for pk in claimed])
    return len(claimed)
