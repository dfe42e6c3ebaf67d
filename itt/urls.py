from django.urls import path

from itt import views

app_name = "itt"
urlpatterns = [
    path("", views.itt_home, name="home"),
    path("partnerships/new/", views.partnership_create, name="partnership-create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership-detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership-edit"),
    path("partnerships/<int:pk>/places/", views.allocation_set, name="allocation-set"),
    path("places/<int:pk>/schools/", views.school_places_set, name="school-places-set"),
    path("applicants/", views.applicant_list, name="applicant-list"),
    path("applicants/new/", views.applicant_create, name="applicant-create"),
    path("applicants/<int:pk>/", views.applicant_detail, name="applicant-detail"),
    path("applicants/<int:pk>/edit/", views.applicant_edit, name="applicant-edit"),
    path("applicants/<int:pk>/move/<slug:stage>/", views.applicant_move, name="applicant-move"),
]
