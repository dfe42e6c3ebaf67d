from django.contrib import admin

from research.models import Output, OutputFile, ProjectPhase, ResearchProject


class PhaseInline(admin.TabularInline):
    model = ProjectPhase
    extra = 0


@admin.register(ResearchProject)
class ResearchProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "alliance", "lead"]
    list_filter = ["alliance"]
    search_fields = ["title", "question"]
    raw_id_fields = ["lead", "people"]
    inlines = [PhaseInline]


class OutputFileInline(admin.TabularInline):
    model = OutputFile
    extra = 0
    fields = ["title", "original_name", "size"]
    readonly_fields = ["original_name", "size"]


@admin.register(Output)
class OutputAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "audience", "published_at"]
    list_filter = ["audience"]
    inlines = [OutputFileInline]
