from django.urls import path

from evaluation import impact_views

app_name = "evaluation"

urlpatterns = [
    # The impact report (issue 13, part 3).
    path("impact/", impact_views.impact_latest, name="impact-latest"),
    path("impact/<int:start_year>/", impact_views.impact_report, name="impact-report"),
    path(
        "impact/<int:start_year>/report.pdf",
        impact_views.impact_report_pdf,
        name="impact-report-pdf",
    ),
    path("impact/<int:start_year>/foreword/", impact_views.impact_foreword, name="impact-foreword"),
    path("impact/<int:start_year>/publish/", impact_views.impact_publish, name="impact-publish"),
    path("impact/<int:start_year>/withdraw/", impact_views.impact_withdraw, name="impact-withdraw"),
    path("impact/<int:start_year>/public/", impact_views.impact_public, name="impact-public"),
    path(
        "impact/<int:start_year>/public/report.pdf",
        impact_views.impact_public_pdf,
        name="impact-public-pdf",
    ),
]
