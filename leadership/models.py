"""The talent pool and what became of the alliance's leaders.

A ``Nomination`` is a head's word that someone on their staff shows leadership potential; it
waits for that person's agreement before the leadership lead treats them as in the pool. An
``Outcome`` is what happened next for a person after a programme (a promotion, a system
leadership role, a further qualification), recorded by the leadership lead or by the person.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alliance.models import Alliance, validate_served_date
from leadership.family import QUALIFICATION_CHOICES, Aspiration
from members.models import Organisation, Person
from programmes.models import Programme


class NominationStatus(models.TextChoices):
    AWAITING = "awaiting", "Waiting for their agreement"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"


OPEN_STATUSES = (NominationStatus.AWAITING, NominationStatus.AGREED)


class Nomination(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="nominations")
    # The school that nominated them: they may move on, the nomination stays that school's.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    nominated_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    aspiration = models.CharField(max_length=10, choices=Aspiration.choices)
    note = models.CharField(
        max_length=500, help_text="What they show that makes you nominate them (a sentence or two)."
    )
    status = models.CharField(
        max_length=10, choices=NominationStatus.choices, default=NominationStatus.AWAITING
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    invited_to = models.ForeignKey(
        Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "person"],
                condition=Q(status__in=["awaiting", "agreed"]),
                name="one_open_nomination_per_person",
                violation_error_message="They are already nominated for the talent pool.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_aspiration_display()})"

    @property
    def is_awaiting(self) -> bool:
        return self.status == NominationStatus.AWAITING


class OutcomeKind(models.TextChoices):
    PROMOTION = "promotion", "Promotion"
    SYSTEM_ROLE = "system_role", "System leadership role"
    QUALIFICATION = "qualification", "Further qualification"


# The outcomes behind "all have either secured promotion or taken on additional system
# leadership responsibilities".
PROGRESSION_KINDS = (OutcomeKind.PROMOTION, OutcomeKind.SYSTEM_ROLE)


class SystemRole(models.TextChoices):
    SLE = "sle", "Specialist leader of education (SLE)"
    NLE = "nle", "National leader of education (NLE)"
    STRAND_LEAD = "strand_lead", "Strand lead in the alliance"
    FACILITATOR = "facilitator", "Programme facilitator"
    PEER_REVIEWER = "peer_reviewer", "Peer reviewer"


class Outcome(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="leadership_outcomes")
    kind = models.CharField("what happened", max_length=15, choices=OutcomeKind.choices)
    role_title = models.CharField("new role", max_length=120, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="school",
    )
    system_role = models.CharField(max_length=15, choices=SystemRole.choices, blank=True)
    qualification = models.CharField(max_length=10, choices=QUALIFICATION_CHOICES, blank=True)
    happened_on = models.DateField("date", validators=[validate_served_date])
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    self_reported = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.summary}"

    @property
    def summary(self) -> str:
        if self.kind == OutcomeKind.PROMOTION:
            school = f", {self.organisation}" if self.organisation_id else ""
            return f"Promoted to {self.role_title}{school}"
        if self.kind == OutcomeKind.SYSTEM_ROLE:
            return f"Became {self.get_system_role_display()}"
        return f"Gained the {self.get_qualification_display()}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.happened_on and self.happened_on > timezone.localdate():
            errors["happened_on"] = "Enter a date that is today or in the past."
        if self.kind == OutcomeKind.PROMOTION:
            if not self.role_title.strip():
                errors["role_title"] = "Enter the role they were promoted to."
            if not self.organisation_id:
                errors["organisation"] = "Choose the school of the new role."
        elif self.kind == OutcomeKind.SYSTEM_ROLE and not self.system_role:
            errors["system_role"] = "Choose the system leadership role."
        elif self.kind == OutcomeKind.QUALIFICATION and not self.qualification:
            errors["qualification"] = "Choose the qualification."
        if errors:
            raise ValidationError(errors)
