from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from alliance.permissions import GRANTS_NEEDING_APPROVAL
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
from members.services import invitation_approve, invitation_decline


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
    list_display = [
        "email",
        "alliance",
        "role",
        "state_label",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    readonly_fields = [
        "token",
        "invited_by",
        "needs_approval",
        "approved_by",
        "approved_at",
        "declined_by",
        "declined_at",
        "declined_reason",
    ]
    actions = ["approve_grants", "decline_grants"]

    @admin.display(description="State")
    def state_label(self, invitation: Invitation) -> str:
        # The property gives the stored value ("awaiting_approval"); people read the label.
        return invitation.state_label

    def get_readonly_fields(self, request: HttpRequest, obj: Invitation | None = None) -> list:
        # What was approved is what is granted: the role and its addressee stay as they were.
        extra = ["alliance", "email", "role", "strand"] if obj is not None else []
        return [*self.readonly_fields, *extra]

    def save_model(self, request: HttpRequest, obj: Invitation, form, change: bool) -> None:
        # An invitation made here is the site administrator's, and a privileged one still
        # waits for a second person (a chair, or another site administrator).
        if not change:
            obj.invited_by = request.user
        # A new head held back for the school's head stays held back (members/confirming.py).
        obj.needs_approval = obj.waits_for_head or obj.role in GRANTS_NEEDING_APPROVAL
        super().save_model(request, obj, form, change)

    @admin.action(description="Approve the selected grants or new heads, and send the invitations")
    def approve_grants(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        base_url = request.build_absolute_uri("/")
        self._decide(
            request,
            queryset,
            lambda invitation: invitation_approve(
                actor=request.user, invitation=invitation, base_url=base_url
            ),
        )

    @admin.action(description="Decline the selected grants or new heads")
    def decline_grants(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        self._decide(
            request,
            queryset,
            lambda invitation: invitation_decline(actor=request.user, invitation=invitation),
        )

    def _decide(self, request: HttpRequest, queryset: QuerySet[Invitation], decide) -> None:
        for invitation in queryset.select_related("alliance"):
            try:
                decide(invitation)
            except ValidationError as error:
                self.message_user(
                    request, f"{invitation.email}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                self.message_user(request, f"{invitation.email}: done.")


admin.site.register(Phase)
admin.site.register(Specialism)
