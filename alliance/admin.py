from allauth.account.decorators import secure_admin_login
from django.contrib import admin

from alliance.models import (
    AcademicYear,
    Action,
    AgendaItem,
    Alliance,
    AuditEntry,
    Meeting,
    Minutes,
    Protocol,
    RoleAssignment,
)


class ProtocolInline(admin.TabularInline):
    model = Protocol
    extra = 0


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "area"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProtocolInline]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        from strands.models import Strand

        Strand.create_all_for(obj)


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["label", "starts_on", "ends_on"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "strand", "alliance", "academic_year", "starts_on", "ends_on"]
    list_filter = ["alliance", "academic_year", "role"]
    search_fields = ["person__full_name"]
    autocomplete_fields = ["person", "organisation"]


def _superusers_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


# The portal's own pages serve every role; the admin is for whoever runs the deployment.
admin.site.has_permission = _superusers_only
# Signing in to the admin is signing in to the portal: allauth's rate limits and second factor.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Alliance Portal administration"


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "presenter", "confidential"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "alliance", "kind", "starts_at", "visibility"]
    list_filter = ["alliance", "kind", "visibility"]
    search_fields = ["title"]
    inlines = [AgendaItemInline]


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    # The workflow (submit, approve, publish, correct) lives in the portal, where it is recorded.
    list_display = ["meeting", "revision", "state"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in Minutes._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["description", "owner", "due_on", "done_at"]
    search_fields = ["description", "owner__full_name"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The site administrator reads the whole trail here; nobody adds, edits or removes."""

    list_display = ["at", "actor", "kind", "alliance", "subject", "detail"]
    list_filter = ["kind", "alliance", ("at", admin.DateFieldListFilter)]
    search_fields = ["actor__email", "subject", "detail"]
    date_hierarchy = "at"
    list_select_related = ["actor", "alliance"]
    actions = None

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
