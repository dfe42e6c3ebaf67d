"""Partnerships and their places only: applicants and trainees are personal data the ITT lead and
the director see in the portal's own pages, where who-sees-what is enforced."""

from django.contrib import admin

from itt.models import Allocation, ApplicantCleanup, Partnership, PlacementAllocation


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "alliance", "lead_school", "provider", "route", "active"]
    list_filter = ["alliance", "route", "active"]
    search_fields = ["name"]
    raw_id_fields = ["lead_school", "provider", "training_programme"]


class PlacementAllocationInline(admin.TabularInline):
    model = PlacementAllocation
    raw_id_fields = ["school"]
    extra = 0


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ["partnership", "academic_year", "places"]
    list_filter = ["academic_year"]
    inlines = [PlacementAllocationInline]


@admin.register(ApplicantCleanup)
class ApplicantCleanupAdmin(admin.ModelAdmin):
    list_display = ["ran_at", "alliance", "academic_year", "deleted", "ran_by"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
