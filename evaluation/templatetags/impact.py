"""The impact report's pieces that pages of lower apps show: the published reports on the
alliance's public page and the director's dashboard on their home. The alliance app may not
import evaluation, so its templates load these tags instead."""

from __future__ import annotations

from django import template

from alliance.models import Alliance
from evaluation.charts import sparkline
from evaluation.impact import dashboard_for
from evaluation.models import ImpactReport

register = template.Library()


@register.inclusion_tag("evaluation/_impact_published.html")
def published_impact_reports(alliance: Alliance) -> dict:
    reports = (
        ImpactReport.objects.filter(alliance=alliance, published_at__isnull=False)
        .select_related("academic_year")
        .order_by("-academic_year__start_year")
    )
    return {"alliance": alliance, "reports": reports}


@register.inclusion_tag("evaluation/_dashboard.html")
def director_dashboard(alliance: Alliance) -> dict:
    figures = dashboard_for(alliance=alliance)
    months = figures.by_month
    return {
        "alliance": alliance,
        "figures": figures,
        "fill_chart": sparkline([month["fill_rate"] for month in months]),
        "attendance_chart": sparkline([month["attendance_rate"] for month in months]),
        "schools_chart": sparkline(
            [figures.member_schools - figures.schools_not_booking, figures.schools_not_booking]
        ),
        "days_chart": sparkline([figures.days_agreed, figures.days_delivered]),
        "requests_chart": sparkline(
            [figures.open_requests, figures.signposted_requests, figures.deployed_requests]
        ),
    }
