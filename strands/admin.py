from django.contrib import admin

from strands.models import Contribution, Strand


@admin.register(Strand)
class StrandAdmin(admin.ModelAdmin):
    list_display = ["name", "alliance", "position"]
    list_filter = ["alliance"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "strand", "academic_year", "starts_on", "ends_on"]
    list_filter = ["strand__alliance", "academic_year"]
