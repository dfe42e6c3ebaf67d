from django.contrib import admin

from alliance.models import Alliance, Protocol
from strands.models import (
    ClusterSchool,
    Contribution,
    Deployment,
    DeploymentChange,
    DeploymentVisit,
    PeerReviewCluster,
    Strand,
    StrandChange,
    SupportRequest,
)


class ProtocolInline(admin.TabularInline):
    model = Protocol
    extra = 0


# Registered here rather than in alliance/admin.py: saving an alliance also creates its six
# strands, and strands builds on alliance, never the other way round.
@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "area"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProtocolInline]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        Strand.create_all_for(obj)


@admin.register(Strand)
class StrandAdmin(admin.ModelAdmin):
    list_display = ["name", "alliance", "position"]
    list_filter = ["alliance"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "strand", "academic_year", "starts_on", "ends_on"]
    list_filter = ["strand__alliance", "academic_year"]


@admin.register(StrandChange)
class StrandChangeAdmin(admin.ModelAdmin):
    """The history is evidence: readable here, never edited."""

    list_display = ["description", "kind", "effective_on", "made_by", "made_at"]
    list_filter = ["alliance", "academic_year", "kind"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ClusterSchoolInline(admin.TabularInline):
    model = ClusterSchool
    extra = 0


@admin.register(PeerReviewCluster)
class PeerReviewClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "alliance", "academic_year", "lead_school"]
    list_filter = ["alliance", "academic_year"]
    inlines = [ClusterSchoolInline]


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ["school", "area_of_need", "alliance", "academic_year", "created_at"]
    list_filter = ["alliance", "academic_year"]


class DeploymentChangeInline(admin.TabularInline):
    model = DeploymentChange
    extra = 0
    readonly_fields = ["status", "note", "made_by", "made_at"]


class DeploymentVisitInline(admin.TabularInline):
    # The SLE's record and the school's confirmation: read here, never rewritten.
    model = DeploymentVisit
    extra = 0
    can_delete = False
    readonly_fields = [
        "visited_on",
        "days",
        "note",
        "recorded_by",
        "recorded_at",
        "confirmed_by",
        "confirmed_at",
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Deployment)
class DeploymentAdmin(admin.ModelAdmin):
    list_display = ["designation", "support_request", "days", "status", "starts_on"]
    list_filter = ["status", "academic_year"]
    inlines = [DeploymentChangeInline, DeploymentVisitInline]
