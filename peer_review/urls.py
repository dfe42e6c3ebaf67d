from django.urls import path

from peer_review import views

app_name = "peer_review"
urlpatterns = [
    path("", views.cluster_list, name="cluster-list"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster-detail"),
    path("clusters/<int:pk>/focus-areas/", views.focus_areas, name="focus-areas"),
    path("schools/<int:pk>/", views.review_detail, name="review-detail"),
    path("schools/<int:pk>/self-review/", views.self_review, name="self-review"),
    path(
        "schools/<int:pk>/self-review/submit/",
        views.self_review_submit,
        name="self-review-submit",
    ),
    path("schools/<int:pk>/visit/", views.visit_record, name="visit-record"),
    path("schools/<int:pk>/report/", views.report_detail, name="report-detail"),
    path("schools/<int:pk>/report/write/", views.report_write, name="report-write"),
    path("schools/<int:pk>/report/share/", views.report_share, name="report-share"),
    path("schools/<int:pk>/workshop/", views.workshop_record, name="workshop-record"),
    path(
        "priorities/<int:pk>/request-support/",
        views.priority_request_support,
        name="priority-request-support",
    ),
    path("audits/", views.audit_list, name="audit-list"),
    path("audits/new/", views.audit_create, name="audit-create"),
    path("audits/<int:pk>/", views.audit_detail, name="audit-detail"),
    path("audits/<int:pk>/report/", views.audit_report_write, name="audit-report-write"),
    path("audits/<int:pk>/priorities/", views.audit_priority_add, name="audit-priority-add"),
]
