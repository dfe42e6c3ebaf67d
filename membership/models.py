"""The membership offer per alliance and year, applications to join, and renewals."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse

from alliance.models import AcademicYear, Alliance, validate_served_date
from members.models import MembershipKind, Organisation, Person, Phase

# No school pays this much for a year's membership: a fee above it is a typing slip.
MAX_FEE = Decimal("50000.00")
MAX_ROLL = 5000
# The digits 0 to 9 alone (a regex's \d also takes "١٠٠٨٣٢", the same URN in Arabic-Indic
# digits, which no check comparing URNs would then match): one URN, one school.
URN_SIX_DIGITS = RegexValidator(
    r"\A[0-9]{6}\Z", "Enter the school's URN: six digits, e.g. 100832.", code="urn"
)


class MembershipOffer(models.Model):
    """What an alliance offers schools for one academic year ("the 2017/18 membership offer")."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    introduction = models.TextField(
        blank=True, max_length=2000, help_text="A few words shown above the tiers."
    )
    renewals_open_on = models.DateField(
        "renewal requests go out on",
        null=True,
        blank=True,
        validators=[validate_served_date],
        help_text="When this year's members are asked to renew for the next year "
        "(1 June when left empty).",
    )

    class Meta:
        ordering = ["alliance", "academic_year__start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "academic_year"],
                name="one_membership_offer_per_year",
                violation_error_message="The alliance already has an offer for that year.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.alliance} membership offer {self.academic_year}"

    def get_absolute_url(self) -> str:
        return reverse("membership:offer", kwargs={"alliance_slug": self.alliance.slug})

    @property
    def renewal_date(self) -> datetime.date:
        return self.renewals_open_on or datetime.date(self.academic_year.start_year + 1, 6, 1)

    def clean(self) -> None:
        year = self.academic_year if self.academic_year_id else None
        if self.renewals_open_on and year and not year.contains(self.renewals_open_on):
            raise ValidationError({"renewals_open_on": f"Choose a date within {year}."})


class Tier(models.Model):
    """One way of belonging (full member, associate, strategic partner) and what it includes."""

    offer = models.ForeignKey(MembershipOffer, on_delete=models.CASCADE, related_name="tiers")
    name = models.CharField(max_length=80, help_text="e.g. Full member")
    kind = models.CharField(
        "membership it gives",
        max_length=20,
        choices=[c for c in MembershipKind.choices if c[0] != MembershipKind.TEACHING_SCHOOL],
        default=MembershipKind.MEMBER_SCHOOL,
    )
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(max_length=300, blank=True)
    members_prices = models.BooleanField("members' prices on CPD", default=True)
    free_cpd_places = models.PositiveSmallIntegerField(
        "free CPD places", default=0, validators=[MaxValueValidator(500)]
    )
    sle_days_at_members_rate = models.PositiveSmallIntegerField(
        "SLE days at the members' rate", default=0, validators=[MaxValueValidator(365)]
    )

    class Meta:
        ordering = ["offer", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "name"],
                name="tier_name_unique_in_offer",
                violation_error_message="The offer already has a tier of that name.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def inclusions(self) -> list[str]:
        included = []
        if self.members_prices:
            included.append("members' prices on all CPD")
        if self.free_cpd_places:
            s = "" if self.free_cpd_places == 1 else "s"
            included.append(f"{self.free_cpd_places} free CPD place{s}")
        if self.sle_days_at_members_rate:
            s = "" if self.sle_days_at_members_rate == 1 else "s"
            included.append(f"{self.sle_days_at_members_rate} SLE day{s} at the members' rate")
        return included

    @property
    def fee_range(self) -> str:
        """ "£450.00 a year", "£450.00 to £1,200.00 a year" or "no fee", from the prefetched
        fee rows."""
        fees = sorted(row.fee for row in self.fees.all())
        if not fees:
            return ""
        if fees[-1] == 0:
            return "no fee"
        if fees[0] == fees[-1]:
            return f"£{fees[0]:,.2f} a year"
        return f"£{fees[0]:,.2f} to £{fees[-1]:,.2f} a year"

    def fee_row_for(self, *, phase: Phase | None, number_on_roll: int) -> FeeRow | None:
        """The fee row for a school: one for its phase before one for every phase. Reads the
        prefetched ``fees`` so a page of tiers costs no query per tier."""
        rows = [row for row in self.fees.all() if row.covers(number_on_roll)]
        own_phase = [row for row in rows if phase is not None and row.phase_id == phase.pk]
        any_phase = [row for row in rows if row.phase_id is None]
        found = own_phase or any_phase
        return found[0] if found else None


class FeeRow(models.Model):
    """One line of a tier's fee table: for a phase (or any) and a number-on-roll band."""

    tier = models.ForeignKey(Tier, on_delete=models.CASCADE, related_name="fees")
    phase = models.ForeignKey(
        Phase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave empty for every phase.",
    )
    roll_from = models.PositiveIntegerField(
        "pupils on roll from", default=0, validators=[MaxValueValidator(MAX_ROLL)]
    )
    roll_to = models.PositiveIntegerField(
        "to",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_ROLL)],
        help_text="Leave empty for no upper limit.",
    )
    fee = models.DecimalField(
        "annual fee (£)",
        max_digits=8,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0"), "Enter a fee of £0 or more."),
            MaxValueValidator(MAX_FEE, f"Enter a fee of at most £{MAX_FEE:,.0f}."),
        ],
    )

    class Meta:
        ordering = ["tier", "phase__position", "roll_from"]

    def __str__(self) -> str:
        return f"{self.tier}: {self.band_label} £{self.fee}"

    def covers(self, number_on_roll: int) -> bool:
        return self.roll_from <= number_on_roll and (
            self.roll_to is None or number_on_roll <= self.roll_to
        )

    @property
    def band_label(self) -> str:
        if self.roll_to is None:
            band = "any number on roll" if self.roll_from == 0 else f"{self.roll_from}+ on roll"
        else:
            band = f"{self.roll_from}–{self.roll_to} on roll"
        return f"{self.phase.name.lower()}, {band}" if self.phase_id else band

    def clean(self) -> None:
        if self.roll_to is not None and self.roll_to < (self.roll_from or 0):
            raise ValidationError({"roll_to": "Enter an upper limit no lower than the lower one."})

    def overlaps(self, other: FeeRow) -> bool:
        if self.phase_id != other.phase_id:
            return False
        top = self.roll_to if self.roll_to is not None else MAX_ROLL + 1
        other_top = other.roll_to if other.roll_to is not None else MAX_ROLL + 1
        return self.roll_from <= other_top and other.roll_from <= top


class ApplicationState(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class Application(models.Model):
    """A school asking to join, from the public form; the director approves or declines it."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(MembershipOffer, on_delete=models.PROTECT, related_name="+")
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="+")
    school_name = models.CharField("school name", max_length=200)
    urn = models.CharField("URN", max_length=6, validators=[URN_SIX_DIGITS])
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+")
    number_on_roll = models.PositiveIntegerField(
        "number on roll",
        validators=[
            MinValueValidator(1, "Enter the number of pupils on roll."),
            MaxValueValidator(MAX_ROLL, f"Enter a number on roll of at most {MAX_ROLL}."),
        ],
    )
    address = models.TextField("school address", max_length=500)
    head_name = models.CharField("headteacher's name", max_length=150)
    head_email = models.EmailField("headteacher's email")
    strands = models.ManyToManyField("strands.Strand", related_name="+")
    # What was accepted, word for word: the protocols may be edited afterwards.
    protocols_accepted = models.JSONField(default=list)
    fee = models.DecimalField(max_digits=8, decimal_places=2)
    fee_description = models.CharField(max_length=200)
    submitted_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=10, choices=ApplicationState.choices, default=ApplicationState.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField("message to the school", blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "urn"],
                condition=models.Q(state="pending"),
                name="one_pending_application_per_urn",
                violation_error_message="An application for this school is already waiting.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.school_name} ({self.urn}) to join {self.alliance}"


class RenewalState(models.TextChoices):
    WAITING = "waiting", "Not answered yet"
    RENEWED = "renewed", "Renewed"
    LEAVING = "leaving", "Leaving"


class Renewal(models.Model):
    """This year's member asked to renew for the year of ``offer``, and its answer."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(MembershipOffer, on_delete=models.PROTECT, related_name="renewals")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=10, choices=RenewalState.choices, default=RenewalState.WAITING
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tier = models.ForeignKey(
        Tier, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    number_on_roll = models.PositiveIntegerField(null=True, blank=True)
    fee = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    reason = models.TextField("why you are leaving", blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "organisation"], name="one_renewal_per_school_per_offer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} renewing for {self.offer.academic_year}"
