from django.contrib import admin

from alliance.single_line import SingleLineModelForm
from programmes.models import Audience, Booking, Enrolment, Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = ["title", "alliance", "strand", "kind", "status"]
    list_filter = ["alliance", "kind", "status"]
    search_fields = ["title"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    # Bookings change through the portal, which keeps capacity and the waiting list right.
    list_display = ["delegate", "session", "organisation", "status"]
    list_filter = ["status"]
    search_fields = ["delegate__full_name"]
    readonly_fields = [f.name for f in Booking._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    # Enrolments change through the portal, which keeps the cohort's places right (issue 15).
    list_display = ["participant", "programme", "organisation", "status"]
    list_filter = ["status"]
    search_fields = ["participant__full_name", "programme__title"]
    readonly_fields = [f.name for f in Enrolment._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


admin.site.register(Audience)
