from django.urls import path

from evaluation import certificate_views, impact_views, record_views, views

app_name = "evaluation"
urlpatterns = [
    # Feedback after each session, follow-ups and results (issue 13, part 1).
    path("feedback/thanks/", views.feedback_thanks, name="feedback-thanks"),
    path("feedback/<token:token>/", views.feedback, name="feedback"),
    path("programmes/<int:pk>/questions/", views.question_list, name="question-list"),
    path(
        "programmes/<int:pk>/questions/<int:question_pk>/",
        views.question_edit,
        name="question-edit",
    ),
    path(
        "programmes/<int:pk>/questions/<int:question_pk>/remove/",
        views.question_remove,
        name="question-remove",
    ),
    path("results/", views.results_overview, name="results"),
    path("results/sessions/<int:pk>/", views.session_results, name="session-results"),
    path("results/programmes/<int:pk>/", views.programme_results, name="programme-results"),
    path("results/facilitators/<int:pk>/", views.facilitator_results, name="facilitator-results"),
    path("results/strands/<int:pk>/", views.strand_results, name="strand-results"),
]
# --- Certificates and CPD records (issue 13, part 2) ---
urlpatterns += [
    path(
        "certificates/<int:pk>/certificate.pdf",
        certificate_views.certificate_download,
        name="certificate-download",
    ),
    path("cpd-record/", record_views.my_cpd_record, name="my-record"),
    path("cpd-record/<int:pk>/", record_views.person_record_view, name="person-record"),
    path(
        "cpd-record/<int:pk>/record.pdf", record_views.person_record_pdf, name="person-record-pdf"
    ),
    path(
        "cpd-record/<int:pk>/record.csv", record_views.person_record_csv, name="person-record-csv"
    ),
    path("schools/<int:pk>/cpd/", record_views.school_record_view, name="school-record"),
    path(
        "schools/<int:pk>/cpd/record.csv", record_views.school_record_csv, name="school-record-csv"
    ),
]
# --- end of certificates and CPD records ---

# --- The impact report (issue 13, part 3) ---
urlpatterns += [
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
