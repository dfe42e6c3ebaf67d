"""Initial teacher training (issue 16): School Direct partnerships, their places, recruitment,
trainees, placements with mentors, termly progress reviews and outcomes.

Trainee and applicant records are personal data about people not yet employed by the alliance;
who may see them is decided in ``itt/access.py``, never here. Checks on applicants are recorded as
done with a date only: the documents themselves never enter the portal.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from alliance.models import AcademicYear, Alliance, validate_served_date
from members.models import Organisation, Person, Phase
from programmes.models import Programme


class Route(models.TextChoices):
    SALARIED = "salaried", "Salaried"
    FEE_FUNDED = "fee_funded", "Fee-funded"


class Partnership(models.Model):
    """A School Direct partnership: a lead school training teachers with an accredited provider
    (a university or SCITT) on one route."""

    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="itt_partnerships"
    )
    name = models.CharField(max_length=200)
    lead_school = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="itt_partnerships_led"
    )
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="itt_partnerships_accredited",
        verbose_name="accredited provider",
        help_text="The university or SCITT that recommends trainees for QTS.",
    )
    provider_contact_name = models.CharField(max_length=150, blank=True)
    provider_contact_email = models.EmailField(
        blank=True, help_text="Told when a trainee's review raises a cause for concern."
    )
    route = models.CharField(max_length=20, choices=Route.choices)
    phases = models.ManyToManyField(Phase, blank=True, related_name="itt_partnerships")
    # Free text: ITT subjects ("Primary general", "Primary with mathematics") are not the
    # specialisms SLEs are designated in.
    subjects = models.CharField(max_length=300, blank=True, help_text="e.g. Primary general")
    # The central sessions of the route: a programme whose sessions trainees are booked onto.
    training_programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="itt_partnerships",
    )
    # itt-train (issue 16): the alliance's mentors' training. A placement whose mentor has not
    # completed it is flagged (``itt.training_selectors.mentors_trained``), never refused.
    mentor_training = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="mentors' training",
        help_text="The programme every mentor of this partnership's trainees should complete.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "name"],
                name="itt_partnership_name_unique_in_alliance",
                violation_error_message="This alliance already has a partnership with that name.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Allocation(models.Model):
    """The places a partnership has in one academic year."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="allocations"
    )
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    places = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["partnership", "-academic_year__start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year"],
                name="itt_one_allocation_per_partnership_year",
                violation_error_message="This partnership already has places for that year.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.academic_year}: {self.places} places"


class PlacementAllocation(models.Model):
    """Of a year's places, how many one placement school takes. Their sum never exceeds the
    allocation's total (checked in the service, under a lock on the allocation)."""

    allocation = models.ForeignKey(
        Allocation, on_delete=models.CASCADE, related_name="school_places"
    )
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    places = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "school"],
                name="itt_one_row_per_school_and_allocation",
                violation_error_message="This school already has places in this year.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.school}: {self.places}"


class Stage(models.TextChoices):
    APPLIED = "applied", "Applied"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer made"
    ACCEPTED = "accepted", "Offer accepted"
    CHECKS_DONE = "checks_done", "Checks done"
    IN_TRAINING = "in_training", "In training"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Applicant(models.Model):
    """Someone who applied to a partnership for a year. The allowed moves between stages live in
    ``itt/stages.py``; a move is made by a service, which also writes an ApplicantStageChange."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="applicants"
    )
    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The year they would start training.",
    )
    full_name = models.CharField(max_length=150)
    email = models.EmailField()
    subject = models.CharField(max_length=120)
    route = models.CharField(max_length=20, choices=Route.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.APPLIED)
    # Why they declined or withdrew (required for those stages).
    reason = models.CharField(max_length=300, blank=True)
    interview_at = models.DateTimeField(null=True, blank=True, validators=[validate_served_date])
    interview_panel = models.CharField(max_length=300, blank=True)
    offer_conditions = models.TextField(blank=True)
    dbs_checked_on = models.DateField("DBS check done on", null=True, blank=True)
    qualifications_checked_on = models.DateField("qualifications checked on", null=True, blank=True)
    fitness_checked_on = models.DateField("fitness to teach checked on", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["full_name"]
        indexes = [models.Index(fields=["partnership", "academic_year", "stage"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def checks_complete(self) -> bool:
        return all((self.dbs_checked_on, self.qualifications_checked_on, self.fitness_checked_on))


class ApplicantStageChange(models.Model):
    """One move of an applicant between stages: the pipeline's history."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.applicant}: {self.from_stage or '—'} → {self.to_stage}"


class TraineeStatus(models.TextChoices):
    IN_TRAINING = "in_training", "In training"
    RECOMMENDED = "recommended", "Recommended for QTS"
    QTS_AWARDED = "qts_awarded", "QTS awarded"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DEFERRED = "deferred", "Deferred"


class Trainee(models.Model):
    """An applicant who started training: a person with a sign-in of their own (no Role; a
    trainee sees only their own record)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="itt_traineeships")
    # Kept when the applicant record is kept; empty for trainees entered without one (past years).
    applicant = models.OneToOneField(
        Applicant, on_delete=models.SET_NULL, null=True, blank=True, related_name="trainee"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="trainees")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=120, blank=True)
    route = models.CharField(max_length=20, choices=Route.choices)
    training_starts_on = models.DateField()
    training_ends_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=TraineeStatus.choices, default=TraineeStatus.IN_TRAINING
    )
    # Why they withdrew or deferred.
    status_reason = models.CharField(max_length=300, blank=True)
    status_changed_on = models.DateField(null=True, blank=True)
    # Outcome: employed (None = not known yet); the first post, a school in the portal or a name.
    employed = models.BooleanField(null=True, blank=True)
    first_post_school = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_post_name = models.CharField(
        max_length=200, blank=True, help_text="A school outside the portal."
    )
    first_post_in_alliance = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "academic_year"],
                name="itt_one_traineeship_per_person_and_year",
                violation_error_message="This person is already a trainee in that year.",
            ),
            models.CheckConstraint(
                condition=models.Q(training_ends_on__gt=models.F("training_starts_on")),
                name="itt_trainee_dates_in_order",
                violation_error_message="Training must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.person.full_name

    def clean(self) -> None:
        if (
            self.training_starts_on
            and self.training_ends_on
            and self.training_ends_on <= self.training_starts_on
        ):
            raise ValidationError({"training_ends_on": "Enter an end date after the start date."})

    @property
    def has_left(self) -> bool:
        """No longer training: reviews for them are refused."""
        return self.status != TraineeStatus.IN_TRAINING

    def trains_on(self, day: datetime.date) -> bool:
        return self.training_starts_on <= day <= self.training_ends_on


class PlacementKind(models.TextChoices):
    MAIN = "main", "Main placement"
    SECOND = "second", "Second placement"


class Placement(models.Model):
    """Where a trainee trains, when, and with which mentor (a person at that school)."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="placements")
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=PlacementKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    class_or_subject = models.CharField("class or subject", max_length=120, blank=True)
    mentor = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="itt_mentored_placements"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="itt_placement_dates_in_order",
                violation_error_message="A placement must end after it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.trainee} at {self.school}"


class Term(models.TextChoices):
    AUTUMN = "autumn", "Autumn"
    SPRING = "spring", "Spring"
    SUMMER = "summer", "Summer"


class Rating(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    NEEDS_SUPPORT = "needs_support", "Needs support"
    CAUSE_FOR_CONCERN = "cause_for_concern", "Cause for concern"


class ProgressReview(models.Model):
    """A mentor's termly review of a trainee. A cause for concern alerts the ITT lead and the
    provider contact (``alert_sent_at``) and shows until someone acknowledges it."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="reviews")
    placement = models.ForeignKey(
        Placement, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    term = models.CharField(max_length=10, choices=Term.choices)
    rating = models.CharField(max_length=20, choices=Rating.choices)
    targets = models.TextField(blank=True)
    written_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="itt_reviews_written"
    )
    written_at = models.DateTimeField(default=timezone.now)
    alert_sent_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-written_at", "-pk"]
        # itt-train (issue 16): one review per placement and term, so a form sent twice saves once.
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "academic_year", "term"],
                name="itt_one_review_per_placement_and_term",
                violation_error_message="This placement already has a review for that term.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.trainee}, {self.get_term_display()} {self.academic_year}"

    @property
    def is_concern(self) -> bool:
        return self.rating == Rating.CAUSE_FOR_CONCERN


class ApplicantCleanup(models.Model):
    """One run of the clean-up that deletes the records of applicants who did not start, once
    their recruitment year has ended: how many, of which year, when and by what."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    deleted = models.PositiveIntegerField()
    ran_at = models.DateTimeField(default=timezone.now)
    ran_by = models.CharField(max_length=100, help_text="The command or job that ran it.")

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.deleted} applicants of {self.academic_year} deleted"
