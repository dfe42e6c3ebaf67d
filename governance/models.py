"""Meetings, agendas and papers, invitations and replies, minutes and their revisions, actions.

The tables were created by the alliance app, before governance was an app of its own; they keep
their names (``Meta.db_table``) so moving the code moved no data."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from alliance.models import AcademicYear, Alliance, validate_served_date
from alliance.single_line import LINE_BREAK, ONE_LINE


class MeetingKind(models.TextChoices):
    BOARD = "board", "Strategic Board"
    WHOLE_ALLIANCE = "whole_alliance", "Whole Alliance"
    STRAND = "strand", "Strand meeting"
    HEADTEACHERS = "headteachers", "Headteachers’ termly session"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    MEMBERS = "members", "Alliance members"
    BOARD = "board", "Board only"


# Who may read a new meeting's agenda, papers and minutes unless the chair says otherwise.
DEFAULT_VISIBILITY: dict[str, str] = {MeetingKind.BOARD: Visibility.BOARD}

# Who that is, in words, for the form that calls a meeting.
READERS: dict[str, str] = {
    Visibility.PUBLIC: "anyone, without signing in",
    Visibility.MEMBERS: "everyone signed in from a member school of the alliance",
    Visibility.BOARD: "the Strategic Board only (chair, directors, board members, the "
    "administrator and the local authority adviser)",
}


class Meeting(models.Model):
    """A meeting a chair calls: when and where, who is invited and its ordered agenda."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="meetings")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    strand = models.ForeignKey(
        "strands.Strand",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="Only for a strand meeting.",
    )
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField("starts", validators=[validate_served_date])
    ends_at = models.DateTimeField("ends", validators=[validate_served_date])
    venue = models.CharField(max_length=200, blank=True)
    online_link = models.URLField("online meeting link", blank=True)
    visibility = models.CharField(
        "who may read it",
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        help_text="Applies to the agenda, papers and published minutes.",
    )
    called_by = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, related_name="meetings_called"
    )
    called_at = models.DateTimeField(auto_now_add=True)
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    invitations_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancellation_reason = models.TextField(blank=True)

    class Meta:
        db_table = "alliance_meeting"
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["alliance", "academic_year", "kind"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d %b %Y})"

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:meeting-detail", kwargs={"alliance_slug": self.alliance.slug, "pk": self.pk}
        )

    def default_visibility(self) -> str:
        return DEFAULT_VISIBILITY.get(self.kind, Visibility.MEMBERS)

    @property
    def file_stem(self) -> str:
        """How files of this meeting are named: ``strategic-board-2026-12-09``."""
        day = timezone.localtime(self.starts_at).date()
        return f"{slugify(self.get_kind_display())}-{day:%Y-%m-%d}"

    @property
    def attendance_opens_on(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def attendance_open(self) -> bool:
        """Attendance is recorded from the day of the meeting, not before."""
        return self.attendance_opens_on <= timezone.localdate()

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def place(self) -> str:
        return " · ".join(p for p in (self.venue, self.online_link) if p) or "To be confirmed"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if LINE_BREAK.search(self.title):
            errors["title"] = ONE_LINE  # it becomes an email subject
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The meeting must end after it starts."
        if not self.venue and not self.online_link:
            errors["venue"] = "Give a venue or an online meeting link."
        if self.kind == MeetingKind.STRAND and not self.strand_id:
            errors["strand"] = "Choose the strand this meeting is for."
        elif self.kind != MeetingKind.STRAND and self.strand_id:
            errors["strand"] = "Only a strand meeting belongs to a strand; leave this empty."
        elif self.strand_id and self.alliance_id and self.strand.alliance_id != self.alliance_id:
            errors["strand"] = "That strand belongs to another alliance."
        if errors:
            raise ValidationError(errors)


class MeetingQuorum(models.Model):
    """How many must be present for one kind of the alliance's meetings to be quorate. Without
    one, half the board plus one (``governance.selectors.quorum_for``)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    members = models.PositiveSmallIntegerField(
        "quorum", validators=[MinValueValidator(1)], help_text="People present, at least."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alliance", "kind"], name="one_quorum_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.members}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    title = models.CharField(max_length=200)
    presenter = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, related_name="agenda_items"
    )
    description = models.TextField(blank=True, max_length=5000)
    confidential = models.BooleanField(
        default=False,
        help_text="Left out of the versions members and the public read; the board sees it.",
    )
    added_in = models.ForeignKey(
        "Minutes",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The correction it was added in; readers see it once that is published.",
    )

    class Meta:
        db_table = "alliance_agendaitem"
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Paper(models.Model):
    """A paper for an agenda item, stored outside the web root and served only to readers."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="meeting-papers/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    added_in = models.ForeignKey(
        "Minutes",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The correction it was added in; readers see it once that is published.",
    )

    class Meta:
        db_table = "alliance_paper"
        ordering = ["agenda_item", "title"]

    def __str__(self) -> str:
        return self.title


class Reply(models.TextChoices):
    AWAITING = "awaiting", "No reply yet"
    ATTENDING = "attending", "Attending"
    APOLOGIES = "apologies", "Apologies"


def _rsvp_token() -> str:
    return secrets.token_urlsafe(24)


class Invitee(models.Model):
    """A person invited to a meeting, their reply and whether they were there."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="meeting_invitations"
    )
    reply = models.CharField(max_length=10, choices=Reply.choices, default=Reply.AWAITING)
    replied_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, help_text="Recorded on the day; empty until then.")
    invitation_sent_at = models.DateTimeField(null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_rsvp_token, editable=False)

    class Meta:
        db_table = "alliance_invitee"
        ordering = ["meeting", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_invitation_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} to {self.meeting}"

    @property
    def invitation_refusal(self) -> str:
        """Why "Send the invitations" passes this person by, in words for the chair; empty if
        it sends them one."""
        if not self.person.email:
            return "no email address"
        if self.reply == Reply.APOLOGIES:
            return "declined: sent apologies"
        if self.invitation_sent_at:
            when = timezone.localtime(self.invitation_sent_at)
            return f"already sent on {when:%-d %b %Y at %H:%M}"
        return ""


class MinutesState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for approval"
    APPROVED = "approved", "Approved by the chair"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded by a correction"


class Minutes(models.Model):
    """One revision of a meeting's minutes. A correction to published minutes is a new revision;
    earlier ones stay as they were."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    revision = models.PositiveSmallIntegerField(default=1)
    state = models.CharField(
        max_length=10, choices=MinutesState.choices, default=MinutesState.DRAFT
    )
    reason = models.TextField(blank=True, help_text="Why this correction was made.")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the attendance this revision records was taken; fixed on submission.",
    )
    quorum = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The quorum of the meeting; fixed on submission."
    )

    class Meta:
        db_table = "alliance_minutes"
        ordering = ["meeting", "-revision"]
        verbose_name_plural = "minutes"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "revision"], name="one_minutes_revision")
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}, revision {self.revision}"

    @property
    def is_editable(self) -> bool:
        return self.state == MinutesState.DRAFT

    def edit_refusal(self) -> str:
        """Why these minutes cannot be edited now, in words for the person trying."""
        if self.state in (MinutesState.PUBLISHED, MinutesState.SUPERSEDED):
            return "Published minutes cannot be edited. Start a correction with a reason instead."
        if self.state in (MinutesState.SUBMITTED, MinutesState.APPROVED):
            return (
                f"These minutes are {self.get_state_display().lower()} and cannot be edited; "
                "the chair can return them to draft."
            )
        return ""

    def return_event(self) -> MinutesEvent | None:
        """The chair's return, with its reason, while the draft it sent back is being mended."""
        if self.state != MinutesState.DRAFT:
            return None
        steps = (MinutesEvent.Change.SUBMITTED, MinutesEvent.Change.RETURNED)
        last = self.events.filter(change__in=steps).select_related("actor__person")
        last = last.order_by("-at", "-id").first()
        return last if last and last.change == MinutesEvent.Change.RETURNED else None

    def approved_at(self) -> datetime.datetime | None:
        """When the chair approved this revision, for the signature line of the printed copy."""
        approvals = self.events.filter(change=MinutesEvent.Change.APPROVED)
        return approvals.order_by("-at", "-id").values_list("at", flat=True).first()

    def submitted_by_id(self) -> int | None:
        """Who last submitted this revision for approval, from its history."""
        submissions = self.events.filter(change=MinutesEvent.Change.SUBMITTED)
        return submissions.order_by("-at", "-id").values_list("actor_id", flat=True).first()


class MinutesAttendance(models.Model):
    """Someone one revision of the minutes records as present, as sending apologies, or as
    absent without them.

    Fixed when the revision is submitted, so a later change to the meeting's attendance
    reaches readers only through a correction that is itself published."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField()
    apologies = models.BooleanField(
        default=True, help_text="When not present: whether they had sent apologies."
    )

    class Meta:
        db_table = "alliance_minutesattendance"
        ordering = ["minutes", "person__full_name"]
        verbose_name_plural = "minutes attendance"
        constraints = [
            models.UniqueConstraint(fields=["minutes", "person"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        status = "present" if self.present else "apologies" if self.apologies else "absent"
        return f"{self.person} ({status})"


class MinutesEvent(models.Model):
    """Who moved the minutes on, and when: the audit trail of the workflow."""

    class Change(models.TextChoices):
        STARTED = "started", "Started the draft"
        SUBMITTED = "submitted", "Submitted for approval"
        RETURNED = "returned", "Returned to draft"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        CORRECTED = "corrected", "Started a correction"
        AGENDA = "agenda", "Added an agenda item"
        PAPER = "paper", "Added a paper"
        ATTENDANCE = "attendance", "Changed the attendance"
        ACTION = "action", "Changed an action"

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="events")
    change = models.CharField(max_length=10, choices=Change.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        db_table = "alliance_minutesevent"
        ordering = ["minutes", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_change_display()} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"


class MinutesEntry(models.Model):
    """The minutes of one agenda item in one revision: notes (Markdown) and decisions."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    notes = models.TextField(
        "discussion notes", blank=True, max_length=20000, help_text="Markdown."
    )
    decisions = models.TextField(blank=True, max_length=5000, help_text="One decision a line.")

    class Meta:
        db_table = "alliance_minutesentry"
        ordering = ["minutes", "agenda_item__position", "agenda_item_id"]
        verbose_name_plural = "minutes entries"
        constraints = [
            models.UniqueConstraint(fields=["minutes", "agenda_item"], name="one_entry_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.minutes}: {self.agenda_item}"

    @property
    def decision_list(self) -> list[str]:
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]


class Action(models.Model):
    """Someone owes the alliance something by a date, agreed in a meeting."""

    entry = models.ForeignKey(MinutesEntry, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="actions")
    due_on = models.DateField("due", validators=[validate_served_date])
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_note = models.TextField(blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overdue_emailed_at = models.DateTimeField(
        null=True, blank=True, help_text="When its owner was told it is overdue; once only."
    )

    class Meta:
        db_table = "alliance_action"
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_on < timezone.localdate()
