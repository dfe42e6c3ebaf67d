"""Organisations, the people in them, their memberships of alliances and SLE/NLE designations."""

from __future__ import annotations

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from alliance.models import (
    AcademicYear,
    Alliance,
    FundedPeriod,
    Role,
    role_scope_errors,
    validate_served_date,
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A sign-in. People sign in with their email address; there is no username."""

    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def __str__(self) -> str:
        return self.email

    def verify_email(self) -> None:
        """Record the sign-in address as verified and primary, once it is proved (an invitation
        link opened) or ours (the demo). allauth sets up no two-factor sign-in before that."""
        self.emailaddress_set.exclude(email=self.email).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=self, email=self.email, defaults={"verified": True, "primary": True}
        )


class Phase(models.Model):
    """A phase of education: nursery, primary, secondary, post-16, special."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Specialism(models.Model):
    """An area of expertise an SLE or NLE is designated in, and a school may ask support in."""

    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    SCHOOL = "school", "School"
    UNIVERSITY = "university", "University"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    TRUST = "trust", "Trust"
    DIOCESE = "diocese", "Diocese"
    PRIVATE_SECTOR = "private_sector", "Private sector"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """A school or partner organisation. It may belong to more than one alliance."""

    name = models.CharField(max_length=200)
    organisation_type = models.CharField(
        "type", max_length=20, choices=OrganisationType.choices, default=OrganisationType.SCHOOL
    )
    phases = models.ManyToManyField(Phase, blank=True, related_name="organisations")
    urn = models.CharField(
        "URN",
        max_length=7,
        blank=True,
        # 0 to 9 alone: \d also takes Arabic-Indic digits, a second spelling of one URN.
        validators=[RegexValidator(r"\A[0-9]{6,7}\Z", "A URN is six or seven digits.")],
        help_text="Unique reference number of a school (optional).",
    )
    local_authority = models.CharField(max_length=120, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["urn"],
                condition=~models.Q(urn=""),
                name="organisation_urn_unique_when_given",
                violation_error_message="Another organisation already has this URN.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_school(self) -> bool:
        return self.organisation_type == OrganisationType.SCHOOL


class MembershipKind(models.TextChoices):
    TEACHING_SCHOOL = "teaching_school", "Teaching school"
    MEMBER_SCHOOL = "member_school", "Member school"
    STRATEGIC_PARTNER = "strategic_partner", "Strategic partner"


class MembershipQuerySet(models.QuerySet):
    def current(self) -> MembershipQuerySet:
        """Memberships of this academic year: the one answer to "is it a member now?"."""
        return self.filter(
            academic_year__start_year=AcademicYear.start_year_for(timezone.localdate())
        )


class Membership(models.Model):
    """An organisation belonging to an alliance for one academic year, and in which capacity."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=MembershipKind.choices)
    joined_on = models.DateField(default=datetime.date.today, validators=[validate_served_date])

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["alliance", "academic_year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organisation", "academic_year"],
                name="one_membership_per_organisation_per_year",
                violation_error_message=(
                    "This organisation is already a member of the alliance for that year."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.alliance} ({self.academic_year})"


class Person(models.Model):
    """Someone who works in an organisation, or (a childminder, say) in none. People who sign
    in have one user account each; staff booked onto courses may have none."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    full_name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="Empty for someone who belongs to no school, e.g. a childminder.",
    )
    job_title = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        constraints = [
            # One person per school and email, whatever its case, so a booking can never make a
            # second copy of someone; staff without an email are told apart by name only.
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=~models.Q(email=""),
                name="one_person_per_school_and_email",
                violation_error_message="Someone at this school already has that email address.",
            ),
            # NULLs are distinct to the index above: one person per email among those of no school.
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(organisation__isnull=True) & ~models.Q(email=""),
                name="one_person_of_no_school_per_email",
                violation_error_message="Someone of no school already has that email address.",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def belongs_to_no_school(self) -> bool:
        """A childminder, say: they book CPD for themselves, never for anyone else."""
        return self.organisation_id is None


class DesignationKind(models.TextChoices):
    SLE = "sle", "Specialist Leader of Education"
    NLE = "nle", "National Leader of Education"


class Designation(models.Model):
    """A person designated (by an alliance) as an SLE or NLE, available for deployments."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="designations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="designations")
    kind = models.CharField(max_length=3, choices=DesignationKind.choices)
    specialisms = models.ManyToManyField(Specialism, related_name="designations")
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="designations")
    days_available_per_year = models.DecimalField(
        max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    designated_on = models.DateField(default=datetime.date.today, validators=[validate_served_date])
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "person", "kind"], name="one_designation_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"

    @property
    def short_kind(self) -> str:
        return self.kind.upper()


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)


class InvitationState(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", "Waiting for a chair to approve"
    PENDING = "pending", "Waiting for a reply"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined by a chair"
    EXPIRED = "expired", "Expired"


class Invitation(models.Model):
    """An invitation to join an alliance's portal with a role. The link works once, until expiry."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=120, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices)
    strand = models.ForeignKey(
        "strands.Strand", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    funded_days = models.DecimalField(
        max_digits=5, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    funded_period = models.CharField(
        max_length=10, choices=FundedPeriod.choices, default=FundedPeriod.WEEK
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Set when the invitation is made, from GRANTS_NEEDING_APPROVAL in alliance/permissions.py
    # (the models load before that module can be imported).
    needs_approval = models.BooleanField(default=False, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    declined_at = models.DateTimeField(null=True, blank=True, editable=False)
    declined_reason = models.TextField("reason for refusing", blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}> to {self.alliance}"

    def clean(self) -> None:
        errors = role_scope_errors(
            role=self.role,
            alliance_id=self.alliance_id,
            strand=self.strand if self.strand_id else None,
            organisation_id=self.organisation_id,
        )
        if errors:
            raise ValidationError(errors)

    @property
    def state(self) -> InvitationState:
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.declined_at:
            return InvitationState.DECLINED
        if self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        if self.needs_approval and not self.approved_at:
            return InvitationState.AWAITING_APPROVAL
        return InvitationState.PENDING

    @property
    def is_usable(self) -> bool:
        return self.state == InvitationState.PENDING

    @property
    def waits_for_head(self) -> bool:
        """A new head of a school the portal already knew: held back for the school's current
        head (or the site administrator) to confirm (``members.confirming``)."""
        return self.needs_approval and self.role == Role.HEADTEACHER

    @property
    def state_label(self) -> str:
        if self.waits_for_head and self.state == InvitationState.AWAITING_APPROVAL:
            return "Waiting for the school's head to confirm"
        if self.waits_for_head and self.state == InvitationState.DECLINED:
            return "Refused by the school's head"
        return self.state.label

    @property
    def refusal(self) -> str:
        """Why the link cannot be accepted now, for the invitee; empty when it can."""
        if self.waits_for_head and self.state == InvitationState.AWAITING_APPROVAL:
            return (
                f"This invitation is waiting for the head of {self.organisation} to confirm "
                "you as its head; you will get an email once they do."
            )
        if self.waits_for_head and self.state == InvitationState.DECLINED:
            return f"The head of {self.organisation} did not confirm you as its head."
        return {
            InvitationState.PENDING: "",
            InvitationState.AWAITING_APPROVAL: (
                "This invitation is waiting for a chair of the alliance to approve it; "
                "you will get an email once they do."
            ),
            InvitationState.DECLINED: "This invitation was declined by a chair of the alliance.",
        }.get(self.state, "This invitation link has expired or has already been used.")
