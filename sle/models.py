"""Designating SLEs (issue 17): rounds, applications and the yearly review of a designation."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from alliance.models import AcademicYear, Alliance, validate_served_date
from members.models import Designation, Organisation, Person, Phase, Specialism
from programmes.models import Programme


class DesignationRound(models.Model):
    """A call for SLEs: the specialisms and phases sought, open until its closing date."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=120)
    specialisms = models.ManyToManyField(Specialism, related_name="+")
    phases = models.ManyToManyField(Phase, related_name="+")
    closes_on = models.DateField("closing date", validators=[validate_served_date])
    training_programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="required training",
        help_text="The programme every SLE designated in this round attends.",
    )
    opened_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-closes_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None or self.closes_on < timezone.localdate()

    @property
    def accepts_applications(self) -> bool:
        return not self.is_closed


class ApplicationStatus(models.TextChoices):
    AWAITING_SUPPORT = "awaiting_support", "Awaiting the head's support"
    SUPPORTED = "supported", "Supported by the head"
    NOT_SUPPORTED = "not_supported", "Not supported by the head"
    SHORTLISTED = "shortlisted", "Shortlisted"
    NOT_SHORTLISTED = "not_shortlisted", "Not shortlisted"
    INTERVIEWED = "interviewed", "Interviewed"
    DESIGNATED = "designated", "Designated"
    NOT_DESIGNATED = "not_designated", "Not designated"


# The director's decisions are final: nothing follows these.
DECIDED = (
    ApplicationStatus.NOT_SHORTLISTED,
    ApplicationStatus.DESIGNATED,
    ApplicationStatus.NOT_DESIGNATED,
)


class SleApplication(models.Model):
    """One person's application in a round, from their head's support to the outcome."""

    round = models.ForeignKey(
        DesignationRound, on_delete=models.CASCADE, related_name="applications"
    )
    applicant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # The school they applied from: its head supports them and releases their days.
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    specialism = models.ForeignKey(Specialism, on_delete=models.PROTECT, related_name="+")
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+")
    experience = models.TextField(
        max_length=5000, help_text="Your roles and what you have led, most recent first."
    )
    statement = models.TextField(
        max_length=5000,
        help_text="Why you want to be an SLE and how you would support other schools.",
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.AWAITING_SUPPORT
    )
    head_comment = models.TextField(blank=True)
    head_responded_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    head_responded_at = models.DateTimeField(null=True, blank=True)
    shortlist_reason = models.TextField(blank=True)
    interviewed_on = models.DateField("interview date", null=True, blank=True)
    interview_panel = models.CharField(max_length=300, blank=True)
    interview_notes = models.TextField(blank=True)
    feedback = models.TextField("feedback to the applicant", blank=True)
    days_released = models.DecimalField(
        "days a year the school releases them",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("190"))],
    )
    designation = models.ForeignKey(
        Designation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "applicant"],
                name="one_sle_application_per_round",
                violation_error_message="You have already applied in this round.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant} ({self.specialism})"

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED

    @property
    def may_shortlist(self) -> bool:
        return self.status == ApplicationStatus.SUPPORTED

    @property
    def may_turn_down(self) -> bool:
        """Not shortlisted may be decided before the head answers, or after a no."""
        return self.status in (
            ApplicationStatus.AWAITING_SUPPORT,
            ApplicationStatus.SUPPORTED,
            ApplicationStatus.NOT_SUPPORTED,
        )

    @property
    def may_record_interview(self) -> bool:
        return self.status in (ApplicationStatus.SHORTLISTED, ApplicationStatus.INTERVIEWED)

    @property
    def may_decide(self) -> bool:
        return self.status == ApplicationStatus.INTERVIEWED


class ReviewOutcome(models.TextChoices):
    CONTINUED = "continued", "Continued"
    ENDED = "ended", "Ended"


class DesignationReview(models.Model):
    """The yearly review of one SLE's designation: continued, or ended with a reason."""

    designation = models.ForeignKey(Designation, on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=ReviewOutcome.choices)
    reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_on = models.DateField(default=datetime.date.today)

    class Meta:
        ordering = ["-academic_year__start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["designation", "academic_year"],
                name="one_review_per_designation_and_year",
                violation_error_message="This designation has been reviewed this year already.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.designation} {self.academic_year}: {self.get_outcome_display()}"
