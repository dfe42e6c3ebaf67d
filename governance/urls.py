from django.urls import path

from governance import views

app_name = "governance"
urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("call/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting-cancel"),
    path("<int:pk>/calendar.ics", views.meeting_ics, name="meeting-ics"),
    path("<int:pk>/agenda/add/", views.agenda_item_create, name="agenda-item-create"),
    path("<int:pk>/agenda/<int:item_pk>/", views.agenda_item_edit, name="agenda-item-edit"),
    path("<int:pk>/agenda/<int:item_pk>/papers/", views.paper_upload, name="paper-upload"),
    path("papers/<int:paper_pk>/", views.paper_download, name="paper-download"),
    path("<int:pk>/invitations/", views.invitations_send, name="invitations-send"),
    path("reply/<token:token>/", views.rsvp, name="rsvp"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/minutes/", views.minutes_detail, name="minutes-detail"),
    path("<int:pk>/minutes/start/", views.minutes_start, name="minutes-start"),
    path(
        "<int:pk>/minutes/items/<int:entry_pk>/",
        views.minutes_entry_edit,
        name="minutes-entry-edit",
    ),
    path(
        "<int:pk>/minutes/items/<int:entry_pk>/actions/",
        views.action_create,
        name="action-create",
    ),
    path("<int:pk>/minutes/submit/", views.minutes_submit, name="minutes-submit"),
    path("<int:pk>/minutes/return/", views.minutes_return, name="minutes-return"),
    path("<int:pk>/minutes/approve/", views.minutes_approve, name="minutes-approve"),
    path("<int:pk>/minutes/publish/", views.minutes_publish, name="minutes-publish"),
    path("<int:pk>/minutes/correct/", views.minutes_correct, name="minutes-correct"),
    path(
        "<int:pk>/minutes/revisions/<int:revision>/",
        views.minutes_revision,
        name="minutes-revision",
    ),
    path("<int:pk>/minutes/print/", views.minutes_print, name="minutes-print"),
    path("<int:pk>/minutes/minutes.pdf", views.minutes_pdf, name="minutes-pdf"),
    path("actions/", views.action_list, name="action-list"),
    path("actions/<int:action_pk>/done/", views.action_done, name="action-done"),
    path("actions/<int:action_pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<int:action_pk>/remove/", views.action_remove, name="action-remove"),
]
