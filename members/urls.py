from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("members/", views.member_directory, name="member-directory"),
    path("sles/", views.sle_directory, name="sle-directory"),
    path("people/", views.people_list, name="people-list"),
    path("people/invite/", views.invitation_create_view, name="invitation-create"),
    path("people/grants/", views.invitation_approval_list, name="invitation-approval-list"),
    path(
        "people/grants/<int:pk>/approve/",
        views.invitation_approve_view,
        name="invitation-approve",
    ),
    path(
        "people/grants/<int:pk>/decline/",
        views.invitation_decline_view,
        name="invitation-decline",
    ),
    path("people/<int:pk>/anonymise/", views.person_anonymise_view, name="person-anonymise"),
]
