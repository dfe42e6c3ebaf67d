from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from alliance.single_line import SingleLineModelForm
from members.models import (
    Designation,
    Invitation,
    Membership,
    Organisation,
    Person,
    Phase,
    Specialism,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Name", {"fields": ["first_name", "last_name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_type", "urn", "local_authority"]
    list_filter = ["organisation_type", "phases"]
    search_fields = ["name", "urn"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "alliance", "academic_year", "kind"]
    list_filter = ["alliance", "academic_year", "kind"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = ["full_name", "email", "organisation", "job_title"]
    search_fields = ["full_name", "email"]
    autocomplete_fields = ["organisation"]


@admin.register(Designation)
class DesignationAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "alliance", "phase", "days_available_per_year", "active"]
    list_filter = ["alliance", "kind", "phase"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "alliance", "role", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["token"]


admin.site.register(Phase)
admin.site.register(Specialism)
