"""Trainees' placements, mentors' reviews and outcomes (issue 16, itt-train), under
``/<alliance>/itt/training/``."""

from django.urls import path

from itt import training_views as views

app_name = "itt_training"
urlpatterns = [
    path("trainees/", views.trainee_list, name="trainee-list"),
    path("trainees/<int:pk>/", views.trainee_detail, name="trainee-detail"),
    path("trainees/<int:pk>/placements/add/", views.placement_add, name="placement-add"),
    path("trainees/<int:pk>/outcome/", views.trainee_outcome, name="trainee-outcome"),
    path("placements/<int:pk>/review/", views.review_write, name="review-write"),
    path(
        "trainees/<int:pk>/central-training/",
        views.trainee_central_training,
        name="trainee-central-training",
    ),
    path("placements/<int:pk>/change/", views.placement_change, name="placement-change"),
    path("placements/<int:pk>/remove/", views.placement_remove, name="placement-remove"),
    path("reviews/<int:pk>/acknowledge/", views.review_acknowledge, name="review-acknowledge"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path(
        "partnerships/<int:pk>/mentors-training/",
        views.mentor_training_edit,
        name="mentor-training-edit",
    ),
    path(
        "partnerships/<int:pk>/central-training/",
        views.partnership_central_training,
        name="partnership-central-training",
    ),
    path("mine/", views.my_training, name="my-training"),
    path("mentoring/", views.mentoring, name="mentoring"),
]
