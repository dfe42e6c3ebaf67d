from django.urls import path

from evaluation import certificate_views, record_views

app_name = "evaluation"
urlpatterns = []

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
