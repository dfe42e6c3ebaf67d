"""Research and development: projects, their timeline, and what they found.

Research "runs throughout" the alliance's work, so a project may serve any of its strands. What a
project finds is an output: a summary (Markdown, cleaned as minutes are) and files. An output is
read by the alliance's members once published, or by anyone when it is published for the public.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from alliance.models import Alliance, validate_served_date


class ResearchProject(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    question = models.TextField(
        "research question",
        max_length=2000,
        help_text="The question the project sets out to answer.",
    )
    lead = models.ForeignKey(
        "members.Person",
        on_delete=models.PROTECT,
        related_name="research_projects_led",
        verbose_name="project lead",
    )
    strands = models.ManyToManyField(
        "strands.Strand", related_name="research_projects", verbose_name="strands it serves"
    )
    schools = models.ManyToManyField(
        "members.Organisation",
        blank=True,
        related_name="research_projects",
        verbose_name="schools and partners taking part",
    )
    people = models.ManyToManyField(
        "members.Person",
        blank=True,
        related_name="research_projects",
        verbose_name="people taking part",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "title"], name="research_project_title")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "research:project-detail", kwargs={"alliance_slug": self.alliance.slug, "pk": self.pk}
        )


class ProjectPhase(models.Model):
    """A step of the project's timeline (e.g. "Trial in six classes"), with its dates."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(max_length=200)
    starts_on = models.DateField("starts", validators=[validate_served_date])
    ends_on = models.DateField("ends", validators=[validate_served_date])
    description = models.TextField(blank=True, max_length=5000)

    class Meta:
        ordering = ["starts_on", "ends_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date must be on or after the start date."})


class Audience(models.TextChoices):
    MEMBERS = "members", "Alliance members"
    PUBLIC = "public", "Everyone (the alliance's public page)"


class Output(models.Model):
    """What the project found or made: a summary and files, published when ready."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="outputs")
    title = models.CharField(max_length=200)
    summary = models.TextField(
        max_length=20000,
        help_text="Markdown: **bold**, *italic*, lists with -, links as [text](https://…).",
    )
    audience = models.CharField(
        "who may read it once published",
        max_length=10,
        choices=Audience.choices,
        default=Audience.MEMBERS,
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class OutputFile(models.Model):
    """A document of an output, stored outside the web root and served only to its readers."""

    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="research-outputs/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title
