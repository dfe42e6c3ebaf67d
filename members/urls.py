from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("members/", views.member_directory, name="member-directory"),
    path("sles/", views.sle_directory, name="sle-directory"),
    path("people/", views.people_list, name="people-list"),
    path("people/invite/", views.invitation_create_view, name="invitation-create"),
    path("people/<int:pk>/anonymise/", views.person_anonymise_view, name="person-anonymise"),
]
