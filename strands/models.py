"""The six strands of an alliance's work."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from alliance.models import Alliance, YearDatedQuerySet, validate_served_date


class StrandKind(models.TextChoices):
    ITT = "itt", "Initial teacher training"
    CPD = "cpd", "Continuing professional development"
    LEADERSHIP = "leadership", "Leadership development"
    SCHOOL_SUPPORT = "school-support", "School-to-school support"
    SLE = "sle", "Specialist leaders of education"
    RESEARCH = "research", "Research and development"


STRAND_SUMMARIES = {
    StrandKind.ITT: "Recruiting and training new teachers through School Direct partnerships.",
    StrandKind.CPD: "Practitioner-led courses for teachers, teaching assistants and support staff.",
    StrandKind.LEADERSHIP: "Developing middle, senior and executive leaders (NPQML to NPQEL).",
    StrandKind.SCHOOL_SUPPORT: "Peer review clusters, NLE and SLE support, headteacher sessions.",
    StrandKind.SLE: "Designating and brokering specialist leaders of education.",
    StrandKind.RESEARCH: "Research and development that runs through every strand.",
}


class Strand(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="strands")
    kind = models.CharField(max_length=20, choices=StrandKind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["alliance", "position"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "kind"], name="one_strand_of_each_kind")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.get_kind_display()

    @property
    def slug(self) -> str:
        return self.kind

    def get_absolute_url(self) -> str:
        return reverse(
            "strands:strand-detail",
            kwargs={"alliance_slug": self.alliance.slug, "strand_slug": self.kind},
        )

    @classmethod
    def create_all_for(cls, alliance: Alliance) -> list[Strand]:
        """Every alliance works in the same six strands."""
        strands = []
        for position, kind in enumerate(StrandKind):
            strand, _ = cls.objects.get_or_create(
                alliance=alliance,
                kind=kind,
                defaults={"position": position, "summary": STRAND_SUMMARIES[kind]},
            )
            strands.append(strand)
        return strands


class Contribution(models.Model):
    """An organisation contributing to a strand's work, from a date, for an academic year."""

    strand = models.ForeignKey(Strand, on_delete=models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="contributions"
    )
    academic_year = models.ForeignKey(
        "alliance.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(validators=[validate_served_date])
    ends_on = models.DateField(null=True, blank=True, validators=[validate_served_date])
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # Running on a day: an open end means to the end of the contribution's year.
    objects = YearDatedQuerySet.as_manager()

    class Meta:
        ordering = ["strand", "organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.strand}"


class StrandChangeKind(models.TextChoices):
    LEAD_ASSIGNED = "lead_assigned", "Strategic lead assigned"
    LEAD_ENDED = "lead_ended", "Strategic lead ended"
    CONTRIBUTION_ADDED = "contribution_added", "Contribution added"
    CONTRIBUTION_WITHDRAWN = "contribution_withdrawn", "Contribution withdrawn"
    YEAR_COPIED = "year_copied", "Assignments copied into the next year"


class StrandChange(models.Model):
    """One change to the strand board: what changed, from when, who made it and when.

    Lead assignments and contributions are never deleted; ending one sets its end date and
    leaves a row here, so "who led CPD in 2024/25, and who changed it?" can always be answered.
    """

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(
        "alliance.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=StrandChangeKind.choices)
    strand = models.ForeignKey(
        Strand, on_delete=models.PROTECT, null=True, blank=True, related_name="changes"
    )
    role_assignment = models.ForeignKey(
        "alliance.RoleAssignment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    contribution = models.ForeignKey(
        Contribution, on_delete=models.PROTECT, null=True, blank=True, related_name="changes"
    )
    effective_on = models.DateField(validators=[validate_served_date])
    description = models.CharField(max_length=300)
    made_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return self.description


class PeerReviewCluster(models.Model):
    """A group of schools reviewing each other for one academic year, led by one of them."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="clusters")
    academic_year = models.ForeignKey(
        "alliance.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=120)
    lead_school = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["academic_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "academic_year", "name"],
                name="cluster_name_unique_per_year",
                violation_error_message="There is already a cluster with this name this year.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ClusterSchool(models.Model):
    """A school's place in a peer review cluster. A school is in at most one cluster a year."""

    cluster = models.ForeignKey(PeerReviewCluster, on_delete=models.CASCADE, related_name="schools")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # Copied from the cluster so the database itself can hold the one-cluster-a-year rule.
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(
        "alliance.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "academic_year", "organisation"],
                name="one_cluster_per_school_per_year",
                violation_error_message="This school is already in a cluster this year.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.cluster}"


class SignpostKind(models.TextChoices):
    PROGRAMME = "programme", "A programme"
    CLUSTER = "cluster", "A peer review cluster"
    DESIGNATION = "designation", "An SLE or NLE"


class SupportRequest(models.Model):
    """A school asking the alliance for support. Its details may reveal a school in difficulty:
    only the director and the school's headteacher see them."""

    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="support_requests"
    )
    academic_year = models.ForeignKey(
        "alliance.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    school = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="support_requests"
    )
    area_of_need = models.ForeignKey(
        "members.Specialism", on_delete=models.PROTECT, related_name="+"
    )
    phase = models.ForeignKey("members.Phase", on_delete=models.PROTECT, related_name="+")
    description = models.TextField(help_text="What the school needs, and why now.")
    preferred_dates = models.CharField(
        max_length=200, help_text="e.g. “Tuesdays in the spring term” or “from 12 January”."
    )
    requested_by = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signpost_kind = models.CharField(
        "signposted to", max_length=20, choices=SignpostKind.choices, blank=True
    )
    signposted_programme = models.CharField(
        "programme",
        max_length=300,
        blank=True,
        help_text="The programme's name or its address on the portal.",
    )
    signposted_cluster = models.ForeignKey(
        PeerReviewCluster,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="peer review cluster",
    )
    signposted_designation = models.ForeignKey(
        "members.Designation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="SLE or NLE",
    )
    signpost_note = models.TextField("note to the school", blank=True)
    signposted_at = models.DateTimeField(null=True, blank=True)
    signposted_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.school}: {self.area_of_need}"

    @property
    def is_signposted(self) -> bool:
        return bool(self.signpost_kind)

    @property
    def signpost_label(self) -> str:
        if self.signpost_kind == SignpostKind.PROGRAMME:
            return f"Programme: {self.signposted_programme}"
        if self.signpost_kind == SignpostKind.CLUSTER:
            return f"Peer review cluster: {self.signposted_cluster}"
        if self.signpost_kind == SignpostKind.DESIGNATION:
            return f"{self.signposted_designation.short_kind}: {self.signposted_designation.person}"
        return ""

    def clean(self) -> None:
        errors: dict[str, str] = {}
        targets = {
            SignpostKind.PROGRAMME: ("signposted_programme", "Name the programme."),
            SignpostKind.CLUSTER: ("signposted_cluster_id", "Choose the peer review cluster."),
            SignpostKind.DESIGNATION: ("signposted_designation_id", "Choose the SLE or NLE."),
        }
        if self.signpost_kind in targets:
            attribute, message = targets[SignpostKind(self.signpost_kind)]
            if not getattr(self, attribute):
                errors[attribute.removesuffix("_id")] = message
        if errors:
            raise ValidationError(errors)


class DeploymentStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Where a deployment may go next; completed and withdrawn are final.
DEPLOYMENT_NEXT = {
    DeploymentStatus.PROPOSED: [DeploymentStatus.AGREED, DeploymentStatus.WITHDRAWN],
    DeploymentStatus.AGREED: [DeploymentStatus.IN_PROGRESS, DeploymentStatus.WITHDRAWN],
    DeploymentStatus.IN_PROGRESS: [DeploymentStatus.COMPLETED, DeploymentStatus.WITHDRAWN],
    DeploymentStatus.COMPLETED: [],
    DeploymentStatus.WITHDRAWN: [],
}


# Statuses in which the SLE is agreed with the school, so may record time delivered. Late records
# after completion are allowed; a proposed or withdrawn deployment has no time to record.
LOGGABLE_STATUSES = (
    DeploymentStatus.AGREED,
    DeploymentStatus.IN_PROGRESS,
    DeploymentStatus.COMPLETED,
)


class DeploymentQuerySet(models.QuerySet):
    def counting_capacity(self) -> DeploymentQuerySet:
        """Deployments that use an SLE's days: everything but withdrawn ones."""
        return self.exclude(status=DeploymentStatus.WITHDRAWN)


class Deployment(models.Model):
    """An SLE or NLE sent to support a school, for agreed days between agreed dates."""

    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.PROTECT, related_name="deployments"
    )
    designation = models.ForeignKey(
        "members.Designation", on_delete=models.PROTECT, related_name="deployments"
    )
    academic_year = models.ForeignKey(
        "alliance.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    days = models.DecimalField(
        "agreed days",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    starts_on = models.DateField(validators=[validate_served_date])
    ends_on = models.DateField(validators=[validate_served_date])
    status = models.CharField(
        max_length=20, choices=DeploymentStatus.choices, default=DeploymentStatus.PROPOSED
    )
    outcome_note = models.TextField(blank=True)
    school_evaluation = models.TextField("the supported school's evaluation", blank=True)
    capacity_override_reason = models.TextField(blank=True)
    capacity_overridden_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DeploymentQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.designation.person} → {self.support_request.school}"

    @property
    def next_statuses(self) -> list[DeploymentStatus]:
        return DEPLOYMENT_NEXT[DeploymentStatus(self.status)]

    @property
    def is_over_capacity_by_override(self) -> bool:
        return bool(self.capacity_override_reason)

    @property
    def may_record_visits(self) -> bool:
        return self.status in LOGGABLE_STATUSES

    # Summed in Python over ``visits``: prefetch them on list pages.
    @property
    def days_delivered(self) -> Decimal:
        return sum((visit.days for visit in self.visits.all()), Decimal("0"))

    @property
    def days_confirmed(self) -> Decimal:
        return sum((v.days for v in self.visits.all() if v.is_confirmed), Decimal("0"))

    @property
    def days_over_agreed(self) -> Decimal:
        """Days delivered beyond the agreed days: recorded, but shown to the director."""
        return max(self.days_delivered - self.days, Decimal("0"))

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The end date cannot be before the start date."
        if self.status == DeploymentStatus.COMPLETED:
            if not self.outcome_note.strip():
                errors["outcome_note"] = "Record the outcome before completing the deployment."
            if not self.school_evaluation.strip():
                errors["school_evaluation"] = "Record the supported school's evaluation."
        if errors:
            raise ValidationError(errors)


class DeploymentChange(models.Model):
    """A deployment moving from one status to another: who moved it and when."""

    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=20, choices=DeploymentStatus.choices)
    note = models.TextField(blank=True)
    made_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["made_at", "id"]

    def __str__(self) -> str:
        return f"{self.deployment}: {self.get_status_display()}"


# A visit is at most a day: half a day or a whole one on one date. Longer work is several visits.
VISIT_LENGTHS = (Decimal("0.5"), Decimal("1.0"))


class DeploymentVisit(models.Model):
    """Time an SLE or NLE delivered on a deployment: half a day or a day on one date, with notes.

    The receiving school's headteacher confirms each visit, once. Visits beyond the agreed days are
    recorded (the time was given) but the deployment then shows as over its agreed days.
    """

    deployment = models.ForeignKey(Deployment, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField("date", validators=[validate_served_date])
    days = models.DecimalField(max_digits=3, decimal_places=1)
    note = models.TextField("what was done", blank=True)
    recorded_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["visited_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deployment", "visited_on"],
                name="one_visit_per_deployment_and_date",
                violation_error_message="A visit on this date is already recorded.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.deployment}: {self.days} on {self.visited_on}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.days is not None and self.days not in VISIT_LENGTHS:
            errors["days"] = "Record half a day (0.5) or a whole day (1) for one date."
        if self.visited_on and self.deployment_id:
            deployment = self.deployment
            if not deployment.starts_on <= self.visited_on <= deployment.ends_on:
                errors["visited_on"] = (
                    f"The date must fall within the deployment, "
                    f"{deployment.starts_on:%-d %B %Y} to {deployment.ends_on:%-d %B %Y}."
                )
            elif self.visited_on > timezone.localdate():
                errors["visited_on"] = "Record a visit once it has happened, not before."
        if errors:
            raise ValidationError(errors)
