from django.urls import path

from sle import views

app_name = "sle"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("rounds/", views.round_list, name="round-list"),
    path("rounds/new/", views.round_edit, name="round-create"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round-edit"),
    path("rounds/<int:pk>/close/", views.round_close, name="round-close"),
    path("rounds/<int:pk>/apply/", views.application_create, name="application-create"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path(
        "applications/<int:pk>/shortlist/",
        views.application_shortlist,
        name="application-shortlist",
    ),
    path(
        "applications/<int:pk>/interview/",
        views.application_interview,
        name="application-interview",
    ),
    path("applications/<int:pk>/outcome/", views.application_outcome, name="application-outcome"),
    path("support/<token:token>/", views.support, name="support"),
    path("reviews/", views.review_list, name="review-list"),
    path("reviews/<int:pk>/", views.review_record, name="review-record"),
]
