from django.contrib import admin

from strands.models import (
    ClusterSchool,
    Contribution,
    Deployment,
    DeploymentChange,
    PeerReviewCluster,
    Strand,
    StrandChange,
    SupportRequest,
)


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


@admin.register(Deployment)
class DeploymentAdmin(admin.ModelAdmin):
    list_display = ["designation", "support_request", "days", "status", "starts_on"]
    list_filter = ["status", "academic_year"]
    inlines = [DeploymentChangeInline]
