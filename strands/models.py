"""The six strands of an alliance's work."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from alliance.models import Alliance


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


class ContributionQuerySet(models.QuerySet):
    def active_on(self, day) -> ContributionQuerySet:
        return self.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )


class Contribution(models.Model):
    """An organisation contributing to a strand's work, from a date, for an academic year."""

    strand = models.ForeignKey(Strand, on_delete=models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="contributions"
    )
    academic_year = models.ForeignKey(
        "alliance.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "members.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["strand", "organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.strand}"
