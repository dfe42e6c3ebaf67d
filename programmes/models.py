"""CPD, ITT and leadership programmes, their dated sessions, and the bookings onto them.

Counters on ``Session`` (places taken) are only changed by the services in
``programmes/services.py`` while they hold a row lock on the session, so capacity is never
exceeded. ``Programme.next_starts_at`` and ``next_places_left`` are a denormalised copy of the
next open session, so the catalogue sorts and filters thousands of programmes from one index.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from alliance.env import env_int
from alliance.models import Alliance, validate_served_date
from alliance.terms import term_weekday
from members.models import Organisation, Person, Phase
from strands.models import Strand


class ProgrammeKind(models.TextChoices):
    CPD = "cpd", "CPD course"
    ITT = "itt", "ITT programme"
    NPQML = "npqml", "NPQML (middle leadership)"
    NPQSL = "npqsl", "NPQSL (senior leadership)"
    NPQH = "npqh", "NPQH (headship)"
    NPQEL = "npqel", "NPQEL (executive leadership)"
    NETWORK = "network", "Network or headteacher session"
    PEER_REVIEW = "peer_review", "Peer review cycle"


class Audience(models.Model):
    """Who a programme is for: teachers, teaching assistants, middle leaders, ..."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class ProgrammeFormat(models.TextChoices):
    """Drop-in: each session is booked on its own and priced per session. Cohort: one
    enrolment covers every session, priced per participant for the whole programme (issue 15)."""

    DROP_IN = "drop_in", "Drop-in sessions"
    COHORT = "cohort", "Cohort (one enrolment for the whole series)"


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class Programme(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="programmes")
    strand = models.ForeignKey(Strand, on_delete=models.PROTECT, related_name="programmes")
    kind = models.CharField(max_length=20, choices=ProgrammeKind.choices, default="cpd")
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, help_text="One or two sentences for the catalogue.")
    description = models.TextField(blank=True, max_length=20000)
    audiences = models.ManyToManyField(Audience, related_name="programmes")
    phases = models.ManyToManyField(Phase, blank=True, related_name="programmes")
    led_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programmes_led",
        help_text="The school or partner that leads it.",
    )
    facilitators = models.ManyToManyField(
        Person, blank=True, related_name="programmes_facilitated", help_text="Often SLEs."
    )
    member_price = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=(
            "In pounds; 0 for free. Per delegate and session for drop-in sessions, per"
            " participant for the whole programme for a cohort."
        ),
    )
    non_member_price = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    open_to_non_members = models.BooleanField(
        default=False, help_text="Schools outside the alliance may book at the non-member price."
    )
    status = models.CharField(
        max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    # Issue 15, cohorts. A cohort's prices are ``member_price``/``non_member_price`` read as
    # "per participant for the whole programme"; ``cohort_places`` is its capacity, and
    # ``cohort_places_taken`` (accepted, offered and completed enrolments) is changed only by
    # ``programmes/cohorts.py`` while it holds a row lock on this programme.
    format = models.CharField(
        max_length=10, choices=ProgrammeFormat.choices, default=ProgrammeFormat.DROP_IN
    )
    cohort_places = models.PositiveIntegerField(
        "places", null=True, blank=True, help_text="Participants the cohort takes."
    )
    cohort_places_taken = models.PositiveIntegerField(default=0, editable=False)
    sessions_may_miss = models.PositiveSmallIntegerField(
        "sessions a participant may miss",
        default=0,
        help_text="To complete the programme: 0 means every session, 1 all but one.",
    )
    # Denormalised from the next scheduled session that has not started: see module docstring.
    next_starts_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_places_left = models.IntegerField(default=0, editable=False)
    # The catalogue search's words (title A, summary B, description C; ``programmes/search.py``),
    # kept by a PostgreSQL trigger (migration 0013) so a search reads them instead of parsing
    # every matching programme's text again; empty on SQLite, which searches the text itself.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["next_starts_at", "title"]
        indexes = [
            models.Index(
                fields=["next_starts_at", "id"],
                name="programme_catalogue_idx",
                condition=Q(status="published"),
            ),
            models.Index(fields=["alliance", "strand", "status"], name="programme_manage_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "programmes:programme-detail",
            kwargs={"alliance_slug": self.alliance.slug, "pk": self.pk},
        )

    def clean(self) -> None:
        if self.strand_id and self.alliance_id and self.strand.alliance_id != self.alliance_id:
            raise ValidationError({"strand": "That strand belongs to another alliance."})
        if self.format == ProgrammeFormat.COHORT:
            if not self.cohort_places:
                raise ValidationError({"cohort_places": "Enter how many places the cohort has."})
            if self.cohort_places < self.cohort_places_taken:
                raise ValidationError(
                    {"cohort_places": f"{self.cohort_places_taken} places are already taken."}
                )

    @property
    def is_cohort(self) -> bool:
        return self.format == ProgrammeFormat.COHORT

    @property
    def cohort_places_left(self) -> int:
        return max((self.cohort_places or 0) - self.cohort_places_taken, 0)

    @property
    def is_free(self) -> bool:
        return not self.member_price and not self.non_member_price

    def price_for(self, *, is_member: bool) -> Decimal:
        return self.member_price if is_member else self.non_member_price

    def price_label_for(self, *, is_member: bool) -> str:
        """The price as the catalogue shows it: a member sees theirs, others see both."""
        members = f"£{self.member_price}" if self.member_price else "Free"
        if self.is_free:
            return "Free"
        # Issue 15: a cohort's price is for the whole programme, a drop-in's per session.
        whole = " for the whole programme" if self.is_cohort else ""
        if is_member:
            return f"{members} (member price){whole}"
        if self.open_to_non_members:
            return f"{members} for members, £{self.non_member_price} for others{whole}"
        return f"{members}, members only{whole}"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Session(models.Model):
    """One dated meeting of a programme, with a venue or an online link and a capacity."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(validators=[validate_served_date])
    ends_at = models.DateTimeField(validators=[validate_served_date])
    venue = models.CharField(max_length=200, blank=True)
    online_url = models.URLField("online link", blank=True)
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    booking_deadline = models.DateTimeField(
        validators=[validate_served_date],
        help_text="Bookings close, and cancellations become late, at this time.",
    )
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    # Confirmed places plus places held for an offer; changed only under a row lock.
    places_taken = models.PositiveIntegerField(default=0, editable=False)
    waiting_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["programme", "starts_at"], name="session_programme_idx"),
            models.Index(fields=["starts_at"], name="session_starts_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.title}, {timezone.localtime(self.starts_at):%a %-d %b %Y %H:%M}"

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "A session must end after it starts."
        if self.starts_at and self.booking_deadline and self.booking_deadline > self.starts_at:
            errors["booking_deadline"] = "Bookings must close before the session starts."
        if not self.venue and not self.online_url:
            errors["venue"] = "Give a venue, an online link, or both."
        if self.capacity is not None and self.capacity < self.places_taken:
            errors["capacity"] = f"{self.places_taken} places are already taken."
        if errors:
            raise ValidationError(errors)

    def copy_a_week_on(self, *, after: datetime.datetime) -> Session:
        """An unsaved session like this one (place, capacity, length, how long bookings stay
        open) a week later at the same time of day, or as many weeks on as it takes to start
        after ``after``, on a school day: the usual next meeting of a course."""
        local = timezone.localtime(self.starts_at)
        day = local.date() + datetime.timedelta(weeks=1)
        if day <= timezone.localtime(after).date():
            day += datetime.timedelta(weeks=(timezone.localtime(after).date() - day).days // 7 + 1)
        starts_at = timezone.make_aware(datetime.datetime.combine(term_weekday(day), local.time()))
        return Session(
            alliance_id=self.alliance_id,
            programme=self.programme,
            starts_at=starts_at,
            ends_at=starts_at + (self.ends_at - self.starts_at),
            booking_deadline=starts_at - (self.starts_at - self.booking_deadline),
            venue=self.venue,
            online_url=self.online_url,
            capacity=self.capacity,
        )

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_taken, 0)

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    def closed_reason(self, now: datetime.datetime | None = None) -> str:
        """Why nobody can book this session now, for people; empty when it is open."""
        now = now or timezone.now()
        if self.programme.status == ProgrammeStatus.DRAFT:
            return "This programme is not published yet."
        if self.programme.status == ProgrammeStatus.CANCELLED or self.is_cancelled:
            return "This session has been cancelled."
        if self.starts_at <= now:
            return "This session has already taken place."
        if self.booking_deadline <= now:
            return "Bookings for this session have closed."
        return ""

    @property
    def where(self) -> str:
        if self.venue and self.online_url:
            return f"{self.venue} and online"
        return self.venue or "Online"


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Place offered"
    CANCELLED = "cancelled", "Cancelled"
    EXPIRED = "expired", "Offer expired"


# Bookings that hold a place, or a place in the queue: one per person and session.
ACTIVE_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.WAITING, BookingStatus.OFFERED)
PLACE_HOLDING_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.OFFERED)


class Attendance(models.TextChoices):
    UNMARKED = "", "Not marked"
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Absent"
    LATE_CANCELLATION = "late_cancellation", "Late cancellation"


# Letters and digits nobody misreads on a purchase order or over the phone: no 0/O, no 1/I.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 4


def reference_prefix(alliance: Alliance) -> str:
    """The alliance's part of a booking reference: its short name in capitals (``STSA``)."""
    letters = "".join(c for c in (alliance.short_name or alliance.slug).upper() if c.isalnum())
    return letters[:8] or "CPD"


def new_reference(alliance: Alliance) -> str:
    """A fresh booking reference such as ``STSA-7K3Q``; the unique constraint on
    ``BookingGroup`` decides, and the caller draws again on a clash."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{reference_prefix(alliance)}-{code}"


class BookingGroup(models.Model):
    """One booking as a headteacher submits it: the places it made, on one or more sessions.

    ``token`` comes with the booking form when it is shown, so the same form posted twice (a
    double click, a retry after a timeout) books once and shows the first result. ``reference``
    is what the school quotes (on its purchase order, to the alliance's office); bookings made
    before references existed have none."""

    token = models.CharField(max_length=64, unique=True)
    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reference = models.CharField(max_length=20, blank=True, default="")
    purchase_order = models.CharField(
        "purchase order number", max_length=40, blank=True, default=""
    )
    booked_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Empty when someone of no school (a childminder) books for themselves.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "reference"],
                condition=~Q(reference=""),
                name="one_booking_reference_per_alliance",
            )
        ]

    def __str__(self) -> str:
        return self.reference or (
            f"Booking by {self.booked_by} for {self.organisation} on {self.created_at:%Y-%m-%d}"
        )


class Booking(models.Model):
    """A named delegate's place (or place in the queue) on one session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    delegate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bookings")
    # The school that booked and pays; empty for someone of no school booking for themselves.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    booked_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings_made"
    )
    group = models.ForeignKey(
        BookingGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    status = models.CharField(max_length=10, choices=BookingStatus.choices)
    is_member = models.BooleanField(default=True)
    price_due = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))
    created_at = models.DateTimeField(default=timezone.now)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_late = models.BooleanField(default=False)
    attendance = models.CharField(
        max_length=20, choices=Attendance.choices, blank=True, default=Attendance.UNMARKED
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # A cohort's place on one of its sessions (issue 15): made when the enrolment is accepted,
    # confirmed and free (the whole price is on the enrolment), so the register, attendance,
    # emails, calendar and feedback work for cohorts unchanged.
    enrolment = models.ForeignKey(
        "Enrolment", on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )

    class Meta:
        ordering = ["session__starts_at", "delegate__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "delegate"],
                condition=Q(status__in=["confirmed", "waiting", "offered"]),
                name="one_active_booking_per_delegate_and_session",
                violation_error_message="This person already has a place on this session.",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "created_at"], name="booking_school_idx"),
            models.Index(fields=["session", "status", "created_at"], name="booking_queue_idx"),
            models.Index(
                fields=["offer_expires_at"],
                name="booking_offer_idx",
                condition=Q(status="offered"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegate} on {self.session}"

    @property
    def booked_for(self) -> str:
        """Who the place is booked for, as lists and exports name it."""
        return self.organisation.name if self.organisation_id else "No school (books for self)"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def holds_place(self) -> bool:
        return self.status in PLACE_HOLDING_STATUSES

    @property
    def offer_has_lapsed(self) -> bool:
        """Offered, but the hold is over: ``process_cpd`` passes the place on when it next runs,
        and pages only read, so until then this is how they know."""
        return (
            self.status == BookingStatus.OFFERED
            and self.offer_expires_at is not None
            and self.offer_expires_at <= timezone.now()
        )

    @property
    def status_label(self) -> str:
        return BookingStatus.EXPIRED.label if self.offer_has_lapsed else self.get_status_display()

    def cancels_late(self, now: datetime.datetime | None = None) -> bool:
        """Giving up a place after the booking deadline is late, and the place is still paid
        for; leaving the waiting list late costs nobody anything."""
        return self.holds_place and (now or timezone.now()) >= self.session.booking_deadline

    @property
    def charge_reason(self) -> str:
        """Why a cancelled place still costs something, for the page and the CSV."""
        if self.status == BookingStatus.CANCELLED and self.cancelled_late and self.price_due:
            deadline = timezone.localtime(self.session.booking_deadline)
            return f"late cancellation: cancelled after the deadline of {deadline:%-d %b %Y, %H:%M}"
        return ""


class EnrolmentStatus(models.TextChoices):
    """A cohort participant's way through: applied, endorsed by their head, then the lead
    accepts (or waitlists, or declines); an accepted participant completes, withdraws or is
    deferred to a later cohort. ``programmes/cohorts.py`` holds the allowed moves."""

    APPLIED = "applied", "Waiting for the head's endorsement"
    ENDORSED = "endorsed", "Endorsed, waiting for a decision"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Place offered"
    ACCEPTED = "accepted", "Enrolled"
    DECLINED = "declined", "Declined"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DEFERRED = "deferred", "Deferred to a later cohort"


# One of these per participant and cohort at a time; the others are over and allow a new
# application.
ACTIVE_ENROLMENT_STATUSES = (
    EnrolmentStatus.APPLIED,
    EnrolmentStatus.ENDORSED,
    EnrolmentStatus.WAITING,
    EnrolmentStatus.OFFERED,
    EnrolmentStatus.ACCEPTED,
    EnrolmentStatus.COMPLETED,
)
# Enrolments counted in ``Programme.cohort_places_taken``.
PLACE_HOLDING_ENROLMENT_STATUSES = (
    EnrolmentStatus.OFFERED,
    EnrolmentStatus.ACCEPTED,
    EnrolmentStatus.COMPLETED,
)


class EnrolmentDecision(models.TextChoices):
    UNDECIDED = "", "Not decided"
    ACCEPTED = "accepted", "Accepted"
    WAITLISTED = "waitlisted", "Waitlisted"
    DECLINED = "declined", "Declined"


class Enrolment(models.Model):
    """One participant on one cohort programme, from the application to its end (issue 15).

    Endorsement: ``endorsed_at`` is set once the head has endorsed, with ``endorsed_by`` the
    head; when no endorsement is needed (a head applying for themselves, someone of no school)
    ``endorsed_at`` is set and ``endorsed_by`` left empty. A head applying for their own staff
    endorses as they apply. ``price_due`` is the whole programme's price; the per-session
    bookings it makes cost nothing."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="enrolments")
    participant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enrolments")
    # The school that endorses and pays; empty for someone of no school (a childminder).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="enrolments"
    )
    status = models.CharField(max_length=10, choices=EnrolmentStatus.choices)
    applied_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    applied_at = models.DateTimeField(default=timezone.now)
    application_note = models.TextField("why this programme", blank=True)
    endorsed_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(
        max_length=10, choices=EnrolmentDecision.choices, blank=True, default=""
    )
    decided_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_message = models.TextField(blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # When the status last changed, and why, for withdrawals and deferrals.
    status_changed_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    deferred_to = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The enrolment on an earlier cohort this one continues, when it was deferred here.
    deferred_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_member = models.BooleanField(default=True)
    price_due = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))
    purchase_order = models.CharField(
        "purchase order number", max_length=40, blank=True, default=""
    )

    class Meta:
        ordering = ["applied_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "participant"],
                condition=Q(
                    status__in=[
                        "applied",
                        "endorsed",
                        "waiting",
                        "offered",
                        "accepted",
                        "completed",
                    ]
                ),
                name="one_active_enrolment_per_participant_and_cohort",
                violation_error_message="This person has already applied for this programme.",
            )
        ]
        indexes = [
            models.Index(fields=["programme", "status", "applied_at"], name="enrolment_queue_idx"),
            models.Index(fields=["organisation", "status"], name="enrolment_school_idx"),
            models.Index(fields=["participant", "status"], name="enrolment_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} on {self.programme}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_ENROLMENT_STATUSES

    @property
    def holds_place(self) -> bool:
        return self.status in PLACE_HOLDING_ENROLMENT_STATUSES

    @property
    def is_endorsed(self) -> bool:
        return self.endorsed_at is not None

    @property
    def endorsement_label(self) -> str:
        if self.endorsed_at is None:
            return "Waiting for the head's endorsement"
        if self.endorsed_by_id is None:
            return "No endorsement needed"
        return f"Endorsed by {self.endorsed_by}"


class EnrolmentEvent(models.Model):
    """One step in an enrolment's history (applied, endorsed, accepted, withdrawn, ...), shown
    on the enrolment's page; decisions about people are also in the audit log."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=10, choices=EnrolmentStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=EnrolmentStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.from_status or 'new'} to {self.to_status}"


class Booker(models.Model):
    """A member of staff a headteacher allows to book CPD for their school."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="booker_for")
    granted_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person"],
                name="one_booker_per_person_and_school",
                violation_error_message="This person may already book for the school.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} books for {self.organisation}"


def offer_hold() -> datetime.timedelta:
    """How long an offered place is held: ``CPD_OFFER_HOLD_HOURS`` (48 unless set)."""
    hours = getattr(settings, "CPD_OFFER_HOLD_HOURS", None) or env_int("CPD_OFFER_HOLD_HOURS", 48)
    return datetime.timedelta(hours=hours)
