"""The peer review cycle of each cluster school, and phase or subject audits by SLEs.

A school's review moves self-review → review visit → report → improvement workshop → support,
by the one table ``NEXT_STAGE``. The report is confidential to the reviewed school's head and the
director (and the reviewers who wrote it) until the head shares it with the cluster.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from alliance.models import Alliance, validate_served_date


class Stage(models.TextChoices):
    # Each stage names what the school is waiting for next.
    SELF_REVIEW = "self_review", "Self-review"
    VISIT = "visit", "Review visit"
    REPORT = "report", "Report"
    WORKSHOP = "workshop", "Improvement workshop"
    SUPPORT = "support", "Support"


# The one table of allowed moves: a stage moves only to the next one, and never back.
NEXT_STAGE: dict[str, str | None] = {
    Stage.SELF_REVIEW: Stage.VISIT,
    Stage.VISIT: Stage.REPORT,
    Stage.REPORT: Stage.WORKSHOP,
    Stage.WORKSHOP: Stage.SUPPORT,
    Stage.SUPPORT: None,
}

# What has to happen for a review to leave each stage, for the refusal message.
STAGE_TASK = {
    Stage.SELF_REVIEW: "the school's self-review is submitted",
    Stage.VISIT: "the review visit is recorded",
    Stage.REPORT: "the lead reviewer writes the report",
    Stage.WORKSHOP: "the improvement workshop is recorded",
    Stage.SUPPORT: "",
}


class Judgement(models.TextChoices):
    STRONG = "strong", "Strong: could support others"
    SECURE = "secure", "Secure"
    DEVELOPING = "developing", "Developing"
    PRIORITY = "priority", "A priority for improvement"


class FocusArea(models.Model):
    """One of the 3–6 areas a cluster looks at this year (its cluster is for one year)."""

    cluster = models.ForeignKey(
        "strands.PeerReviewCluster", on_delete=models.CASCADE, related_name="focus_areas"
    )
    title = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "title"], name="focus_area_title_unique_per_cluster"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Review(models.Model):
    """One cluster school's peer review for the cluster's year: one per school and cycle."""

    cluster_school = models.OneToOneField(
        "strands.ClusterSchool", on_delete=models.CASCADE, related_name="review"
    )
    # Copied from the cluster school for the lists and the access rules.
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    cluster = models.ForeignKey(
        "strands.PeerReviewCluster", on_delete=models.CASCADE, related_name="reviews"
    )
    school = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SELF_REVIEW)
    self_review_submitted_at = models.DateTimeField(null=True, blank=True)
    self_review_submitted_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    visit_on = models.DateField(
        "visit date", null=True, blank=True, validators=[validate_served_date]
    )
    report = models.TextField(blank=True, help_text="Markdown: headings, lists, bold, links.")
    report_written_at = models.DateTimeField(null=True, blank=True)
    report_shared_at = models.DateTimeField(null=True, blank=True)
    workshop_on = models.DateField(
        "workshop date", null=True, blank=True, validators=[validate_served_date]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school__name"]

    def __str__(self) -> str:
        return f"Peer review of {self.school}"

    @property
    def next_stage(self) -> str | None:
        return NEXT_STAGE[Stage(self.stage)]

    def check_move(self, to: str) -> None:
        """Refuse a move the table does not allow, saying what has to happen first."""
        if NEXT_STAGE[Stage(self.stage)] == to:
            return
        here = Stage(self.stage)
        if here == Stage.SUPPORT or list(Stage).index(Stage(to)) <= list(Stage).index(here):
            message = f"This review is past that step: it is at “{here.label}”."
        else:
            message = f"Not yet: this review is at “{here.label}” until {STAGE_TASK[here]}."
        raise ValidationError(message, code="stage")

    @property
    def is_report_shared(self) -> bool:
        return self.report_shared_at is not None

    @property
    def lead_reviewer(self):
        return next((r.person for r in self.reviewers.all() if r.is_lead), None)


class SelfReviewAnswer(models.Model):
    """The school's judgement and evidence on one focus area; a draft until submitted."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="answers")
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="+")
    judgement = models.CharField(max_length=20, choices=Judgement.choices, blank=True)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["focus_area__position", "focus_area_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "focus_area"], name="one_answer_per_focus_area"
            )
        ]

    def __str__(self) -> str:
        return f"{self.focus_area}: {self.get_judgement_display()}"


class Reviewer(models.Model):
    """A person on a review visit, from another school of the cluster; one leads."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reviewers")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_lead", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "person"], name="reviewer_once_per_review"),
            models.UniqueConstraint(
                fields=["review"], condition=models.Q(is_lead=True), name="one_lead_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)


class Audit(models.Model):
    """A phase or subject audit of one school by one or two SLEs of that specialism."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(
        "alliance.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    school = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    specialism = models.ForeignKey(
        "members.Specialism", on_delete=models.PROTECT, related_name="+", verbose_name="area"
    )
    phase = models.ForeignKey("members.Phase", on_delete=models.PROTECT, related_name="+")
    visit_on = models.DateField("visit date", validators=[validate_served_date])
    days = models.DecimalField(
        "days for each SLE",
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text="Counted against each SLE's released days this year.",
    )
    designations = models.ManyToManyField(
        "members.Designation", related_name="+", verbose_name="SLEs"
    )
    # The audit is brokered as support: the request its SLEs' deployments hang from, so their
    # days count against the released days by strands' one rule (with its recorded override).
    support_request = models.OneToOneField(
        "strands.SupportRequest", on_delete=models.PROTECT, related_name="audit"
    )
    report = models.TextField(blank=True, help_text="Markdown: headings, lists, bold, links.")
    report_written_at = models.DateTimeField(null=True, blank=True)
    report_shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-visit_on", "id"]

    def __str__(self) -> str:
        return f"{self.specialism} audit of {self.school}"

    @property
    def is_report_shared(self) -> bool:
        return self.report_shared_at is not None


class Priority(models.Model):
    """An improvement priority agreed at a workshop (or from an audit): it may become a support
    request, once."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, null=True, blank=True, related_name="priorities"
    )
    audit = models.ForeignKey(
        Audit, on_delete=models.CASCADE, null=True, blank=True, related_name="priorities"
    )
    text = models.CharField("priority", max_length=300)
    area = models.ForeignKey("members.Specialism", on_delete=models.PROTECT, related_name="+")
    support_request = models.OneToOneField(
        "strands.SupportRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="priority",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review__isnull=False, audit__isnull=True)
                | models.Q(review__isnull=True, audit__isnull=False),
                name="priority_of_review_or_audit",
            )
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if not self.text.strip():
            raise ValidationError({"text": "Enter the priority."})
