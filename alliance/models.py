"""The alliance itself, its academic years and the governance roles people hold in it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from alliance.cache import VersionedCache

# Top-level paths that an alliance slug would shadow.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "accounts",
        "home",
        "invitations",
        "static",
        "media",
        "catalogue",
        "bench",
        "cpd",
        "p",
        "certificates",
    }
)


def validate_alliance_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(f"“{value}” is used by the portal itself; choose another short name.")


# The years the portal serves. A date a person types outside them is a slip (0001 for 2001),
# and would make an academic year that no page can show.
FIRST_YEAR = 2000
LAST_YEAR = 2100


def validate_served_date(value: datetime.date) -> None:
    """Refuse a date or date and time outside the years the portal serves."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            f"Enter a date between {FIRST_YEAR} and {LAST_YEAR}.", code="year_not_served"
        )


ALLIANCES = VersionedCache("alliances", seconds=lambda: 300)


class ProviderKind(models.TextChoices):
    """Who publishes CPD on the portal. A local authority's own CPD offer is run as a provider
    beside the alliances: its own managers (the same roles), its own members' prices."""

    ALLIANCE = "alliance", "Teaching school alliance"
    LOCAL_AUTHORITY = "local_authority", "Local authority"


class Alliance(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        max_length=40,
        unique=True,
        validators=[validate_alliance_slug],
        help_text="Short name used in web addresses, e.g. “southwark”.",
    )
    short_name = models.CharField(max_length=40, blank=True, help_text="e.g. STSA")
    area = models.CharField(max_length=120, blank=True, help_text="Borough or area it serves.")
    vision = models.TextField(blank=True)
    mission = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)
    kind = models.CharField(
        max_length=20,
        choices=ProviderKind.choices,
        default=ProviderKind.ALLIANCE,
        help_text="A local authority publishes its own CPD offer here as a provider.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alliance:home", kwargs={"alliance_slug": self.slug})

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name

    @classmethod
    def by_slug(cls, slug: str) -> Alliance | None:
        """Every alliance page starts here, so alliances are cached (forgotten on any change)."""
        return ALLIANCES.get_or_compute((slug,), lambda: cls.objects.filter(slug=slug).first())


class Partnership(models.Model):
    """Alliances of one area (and the local authority's CPD offer) sharing one catalogue, e.g.
    Lewisham's four alliances: "a one stop shop for CPD" at ``/p/<slug>/``."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=40, unique=True, help_text="Used in /p/<slug>/.")
    area = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True)
    providers = models.ManyToManyField(Alliance, related_name="partnerships")
    independents_pay_member_prices = models.BooleanField(
        "people without a school pay members' prices",
        default=False,
        help_text="Childminders and others who belong to no school pay non-member prices on "
        "the partners' programmes unless this is ticked.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership-catalogue", kwargs={"partnership_slug": self.slug})


class Protocol(models.Model):
    """One of the alliance's published protocols, in the order the alliance lists them."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="protocols")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["alliance", "position", "id"]

    def __str__(self) -> str:
        return self.title


class AcademicYear(models.Model):
    """A school year, 1 September to 31 August, shown as “2025/26”."""

    start_year = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )

    class Meta:
        ordering = ["start_year"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.start_year, 9, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 8, 31)

    @staticmethod
    def start_year_for(day: datetime.date) -> int:
        return day.year if day.month >= 9 else day.year - 1

    @classmethod
    def current(cls) -> AcademicYear:
        year, _ = cls.objects.get_or_create(start_year=cls.start_year_for(timezone.localdate()))
        return year

    def contains(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class Role(models.TextChoices):
    CHAIR = "chair", "Alliance chair"
    DIRECTOR = "director", "Director"
    STRATEGIC_LEAD = "strategic_lead", "Strategic lead"
    ADMINISTRATOR = "administrator", "Administrator"
    BOARD_MEMBER = "board_member", "Strategic board member"
    FINANCE_HOLDER = "finance_holder", "Finance holder"
    HEADTEACHER = "headteacher", "Headteacher"
    BOOKER = "booker", "May book for the school"


class FundedPeriod(models.TextChoices):
    WEEK = "week", "a week"
    HALF_TERM = "half_term", "a half term"
    YEAR = "year", "a year"


# A school year has 39 teaching weeks in six half terms.
PERIODS_PER_YEAR = {FundedPeriod.WEEK: 39, FundedPeriod.HALF_TERM: 6, FundedPeriod.YEAR: 1}


def role_scope_errors(
    *, role: str, alliance_id: int | None, strand, organisation_id: int | None
) -> dict[str, str]:
    """A strategic lead leads one strand of the same alliance; a headteacher leads one school."""
    errors: dict[str, str] = {}
    if role == Role.STRATEGIC_LEAD and strand is None:
        errors["strand"] = "Choose the strand this strategic lead leads."
    elif role != Role.STRATEGIC_LEAD and strand is not None:
        errors["strand"] = "Only a strategic lead leads a strand; leave this empty."
    elif strand is not None and alliance_id and strand.alliance_id != alliance_id:
        errors["strand"] = "That strand belongs to another alliance."
    if role == Role.HEADTEACHER and not organisation_id:
        errors["organisation"] = "Choose the school this headteacher leads."
    if role == Role.BOOKER and not organisation_id:
        errors["organisation"] = "Choose the school they book for."
    return errors


class YearDatedQuerySet(models.QuerySet):
    """Rows of one academic year running from ``starts_on`` to ``ends_on`` (open: year end)."""

    def active_on(self, day: datetime.date) -> YearDatedQuerySet:
        return self.filter(
            academic_year__start_year=AcademicYear.start_year_for(day), starts_on__lte=day
        ).filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day))

    def current(self) -> YearDatedQuerySet:
        return self.active_on(timezone.localdate())


class RoleAssignmentQuerySet(YearDatedQuerySet):
    def headships(self) -> RoleAssignmentQuerySet:
        """Who heads which school today: a headteacher of last year heads nothing now."""
        return self.current().filter(role=Role.HEADTEACHER)


class RoleAssignment(models.Model):
    """A person holding a governance role in one alliance for one academic year."""

    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="role_assignments"
    )
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    strand = models.ForeignKey(
        "strands.Strand",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text="The strand a strategic lead leads.",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text="The school a headteacher leads.",
    )
    funded_days = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Funded days in each period, e.g. 0.5.",
    )
    funded_period = models.CharField(
        max_length=10, choices=FundedPeriod.choices, default=FundedPeriod.WEEK
    )
    starts_on = models.DateField(validators=[validate_served_date])
    ends_on = models.DateField(null=True, blank=True, validators=[validate_served_date])
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["alliance", "academic_year", "role", "starts_on"]
        indexes = [models.Index(fields=["person", "alliance", "academic_year"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.title} ({self.academic_year})"

    @property
    def title(self) -> str:
        if self.role == Role.STRATEGIC_LEAD and self.strand_id:
            return f"Strategic lead for {self.strand.name}"
        if self.role == Role.HEADTEACHER and self.organisation_id:
            return f"Headteacher, {self.organisation.name}"
        return self.get_role_display()

    @property
    def funded_time_label(self) -> str:
        if not self.funded_days:
            return "No funded time"
        days = f"{self.funded_days.normalize():f}"
        unit = "day" if self.funded_days == 1 else "days"
        return f"{days} {unit} {self.get_funded_period_display()}"

    @property
    def funded_days_per_year(self) -> Decimal:
        return self.funded_days * PERIODS_PER_YEAR[FundedPeriod(self.funded_period)]

    def clean(self) -> None:
        errors = role_scope_errors(
            role=self.role,
            alliance_id=self.alliance_id,
            strand=self.strand if self.strand_id else None,
            organisation_id=self.organisation_id,
        )
        if self.academic_year_id and self.starts_on:
            if not self.academic_year.contains(self.starts_on):
                errors["starts_on"] = f"The start date must fall within {self.academic_year}."
            if self.ends_on and self.ends_on < self.starts_on:
                errors["ends_on"] = "The end date cannot be before the start date."
        if errors:
            raise ValidationError(errors)


# --- The audit log ----------------------------------------------------------------------------


class AuditKind(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    MFA_ADDED = "mfa_added", "Two-factor sign-in set up"
    MFA_REMOVED = "mfa_removed", "Two-factor sign-in removed"
    ROLE_GRANTED = "role_granted", "Role granted"
    ROLE_GRANT_APPROVED = "role_grant_approved", "Role grant approved"
    ROLE_GRANT_DECLINED = "role_grant_declined", "Role grant declined"
    INVITATION_SENT = "invitation_sent", "Invitation sent"
    INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"
    BOOKING_MADE = "booking_made", "Booking made"
    BOOKING_CANCELLED = "booking_cancelled", "Booking cancelled"
    BOOKING_SWAPPED = "booking_swapped", "Booked place given to a colleague"
    OFFER_ACCEPTED = "offer_accepted", "Offered place taken up"
    SESSION_CANCELLED = "session_cancelled", "Session cancelled"
    MINUTES_STEP = "minutes_step", "Minutes step"
    MEETING_CANCELLED = "meeting_cancelled", "Meeting cancelled"
    STRAND_CHANGED = "strand_changed", "Strand changed"
    DOWNLOAD = "download", "File downloaded"
    PERSON_ANONYMISED = "person_anonymised", "Person anonymised"
    CALENDAR_FEED_RESET = "calendar_feed_reset", "Calendar subscription address made"
    # Designating SLEs (issue 17): the director's decisions on applications and designations.
    SLE_DECISION = "sle_decision", "SLE designation decision"
    # issue 14: an application approved or declined, a renewal or a school leaving.
    MEMBERSHIP_DECIDED = "membership_decided", "Membership decided"
    # Money (issue 14): invoices issued, voided and credited, payments, reminders, settings.
    FINANCE = "finance", "Invoice, payment or finance setting"
    # Issue 15: a cohort enrolment decided, completed, withdrawn or deferred; the talent pool's
    # nominations; leadership outcomes recorded.
    ENROLMENT_CHANGED = "enrolment_changed", "Cohort enrolment changed"
    NOMINATION = "nomination", "Talent pool nomination"
    LEADERSHIP_OUTCOME = "leadership_outcome", "Leadership outcome recorded"
    # ITT (issue 16): a trainee's outcome, placements changed, a central training place given.
    ITT_TRAINEE = "itt_trainee", "Trainee's record changed"


class AuditEntry(models.Model):
    """Who did what, when: written once, never changed or removed (a database trigger refuses).

    The actor and alliance are plain ids without a foreign key constraint, so a sign-in or an
    alliance can still be removed from the database while its trail stays.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    kind = models.CharField(max_length=30, choices=AuditKind.choices)
    alliance = models.ForeignKey(
        Alliance,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    detail = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["alliance", "-at"], name="audit_alliance_at_idx"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Audit entries are never removed.")


class OutboxEmail(models.Model):
    """An email waiting to be sent: the one outbox every app writes to (``alliance/outbox.py``).

    Services write one in the same transaction as the change it tells of, so it is sent if and
    only if the change is committed, and no request waits for a mail server. It holds only what
    the email is about (``payload``); the renderer registered for its ``kind`` builds the message
    when it is sent, from the data as it is then."""

    kind = models.CharField(max_length=40)
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A failed try is recorded here and tried again after a growing pause (see ``retry_after``);
    # after ``MAX_ATTEMPTS`` it is given up (``failed_at``) and left for someone to look at.
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    MAX_ATTEMPTS = 12

    class Meta:
        indexes = [
            models.Index(
                fields=["id"],
                name="outbox_email_pending_idx",
                condition=models.Q(sent_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} email {self.payload}"

    @staticmethod
    def retry_after(attempts: int) -> datetime.timedelta:
        """1, 2, 4, ... minutes after each failed try, never more than a day."""
        return min(datetime.timedelta(minutes=2 ** (attempts - 1)), datetime.timedelta(days=1))


class CalendarFeed(models.Model):
    """A sign-in's calendar subscription: the secret address calendars fetch their sessions,
    meetings and deployments from (``alliance/feeds.py``).

    Only a SHA-256 of the address's token is kept: the token is shown once, when it is made, and
    someone reading the database (or a backup) cannot subscribe to anyone's calendar. Making a
    new one replaces it, so the old address stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
