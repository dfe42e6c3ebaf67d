from django.contrib import admin

from governance.models import Action, AgendaItem, Meeting, MeetingQuorum, Minutes


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


@admin.register(MeetingQuorum)
class MeetingQuorumAdmin(admin.ModelAdmin):
    list_display = ["alliance", "kind", "members"]
    list_filter = ["alliance"]
