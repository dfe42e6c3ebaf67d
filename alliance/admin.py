from allauth.account.decorators import secure_admin_login
from django.contrib import admin

from alliance.models import AcademicYear, AuditEntry, OutboxEmail, RoleAssignment


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


class _GivenUp(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting"), ("given_up", "Given up"), ("sent", "Sent")]

    def queryset(self, request, queryset):
        return {
            "waiting": queryset.filter(sent_at__isnull=True, failed_at__isnull=True),
            "given_up": queryset.filter(failed_at__isnull=False),
            "sent": queryset.filter(sent_at__isnull=False),
        }.get(self.value(), queryset)


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """Where the site administrator sees emails that could not be sent, and why; the sender
    alone writes to the outbox."""

    list_display = ["created_at", "kind", "sent_at", "attempts", "next_attempt_at", "failed_at"]
    list_filter = [_GivenUp, "kind"]
    readonly_fields = [field.name for field in OutboxEmail._meta.fields]
    date_hierarchy = "created_at"
    actions = None

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
