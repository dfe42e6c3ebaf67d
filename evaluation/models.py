"""What the alliance's work changed: feedback after each session, the follow-up some weeks after a
programme, certificates of completion, and the yearly impact report.

Built on the registers kept in ``programmes``: a delegate marked present on a session is asked
for feedback (``FeedbackRequest`` of kind ``session``); one who completed a programme is later
asked what has changed for their pupils (kind ``follow_up``) and given a ``Certificate``.
"""

from __future__ import annotations

import hashlib

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alliance.models import AcademicYear, Alliance
from members.models import Organisation, Person
from programmes.models import Booking, Programme, Session

SCALE = [MinValueValidator(1), MaxValueValidator(5)]
MAX_OWN_QUESTIONS = 5


def token_digest(token: str) -> str:
    """Tokens travel in emails; only their digest is stored, so a copy of the database opens
    no feedback form."""
    return hashlib.sha256(token.encode()).hexdigest()


class QuestionKind(models.TextChoices):
    SCALE = "scale", "A scale from 1 to 5"
    TEXT = "text", "A written answer"


class Question(models.Model):
    """One of the (at most five) questions a programme's manager adds to the default ones."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="feedback_questions"
    )
    kind = models.CharField(max_length=5, choices=QuestionKind.choices)
    text = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class RequestKind(models.TextChoices):
    SESSION = "session", "Feedback on a session"
    FOLLOW_UP = "follow_up", "Follow-up after a programme"


class FeedbackRequest(models.Model):
    """An emailed link to one feedback form: one per delegate per session attended, and one
    follow-up per delegate per programme completed. Answered once; closes at ``expires_at``."""

    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    # The delegate's place on the session (for a follow-up: their place on its last session).
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["booking"],
                condition=Q(kind="session"),
                name="one_session_feedback_request_per_booking",
            ),
            models.UniqueConstraint(
                fields=["programme", "person"],
                condition=Q(kind="follow_up"),
                name="one_follow_up_per_programme_and_person",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "kind"], name="feedback_programme_idx"),
            models.Index(fields=["session"], name="feedback_session_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person} on {self.programme}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None and timezone.now() < self.expires_at


class FeedbackResponse(models.Model):
    """A delegate's answers. Scales are 1–5; the follow-up asks one question only."""

    request = models.OneToOneField(
        FeedbackRequest, on_delete=models.CASCADE, related_name="response"
    )
    overall = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCALE)
    usefulness = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCALE)
    will_change = models.TextField(blank=True, max_length=2000)
    anything_else = models.TextField(blank=True, max_length=2000)
    # The follow-up's "What has changed for your pupils since?"
    pupils_changed = models.TextField(blank=True, max_length=2000)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__isnull=True) | Q(overall__gte=1, overall__lte=5),
                name="feedback_overall_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(usefulness__isnull=True) | Q(usefulness__gte=1, usefulness__lte=5),
                name="feedback_usefulness_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Answers to {self.request}"


class Answer(models.Model):
    """An answer to one of the programme's own questions."""

    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCALE)
    text = models.TextField(blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=Q(scale__isnull=True) | Q(scale__gte=1, scale__lte=5),
                name="answer_scale_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.scale or self.text[:40]}"


class Certificate(models.Model):
    """A delegate's certificate of completing a programme, verifiable by its code.

    What it says is copied in when it is issued, so it stays as it was printed."""

    code = models.CharField(max_length=16, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(max_length=150)
    programme_title = models.CharField(max_length=200)
    first_date = models.DateField()
    last_date = models.DateField()
    hours = models.DecimalField(max_digits=6, decimal_places=1)
    director_name = models.CharField(max_length=150, blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"], name="one_certificate_per_programme_and_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name}: {self.programme_title} ({self.code})"


class ImpactReport(models.Model):
    """An alliance's year: the figures are computed from the records when read; the director
    writes the foreword and chooses when the public version is published."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    foreword = models.TextField(blank=True, max_length=20000)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "academic_year"], name="one_impact_report_per_alliance_year"
            )
        ]

    def __str__(self) -> str:
        return f"Impact report {self.academic_year} ({self.alliance})"
