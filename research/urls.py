from django.urls import path

from research import views

app_name = "research"
urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("new/", views.project_create, name="project-create"),
    path("<int:pk>/", views.project_detail, name="project-detail"),
    path("<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("<int:pk>/phases/new/", views.phase_create, name="phase-create"),
    path("phases/<int:pk>/", views.phase_edit, name="phase-edit"),
    path("phases/<int:pk>/remove/", views.phase_remove, name="phase-remove"),
    path("<int:pk>/outputs/new/", views.output_create, name="output-create"),
    path("outputs/<int:pk>/", views.output_edit, name="output-edit"),
    path("outputs/<int:pk>/publish/", views.output_publish, name="output-publish"),
    path("outputs/<int:pk>/withdraw/", views.output_withdraw, name="output-withdraw"),
    path("outputs/<int:pk>/files/", views.file_upload, name="file-upload"),
    path("files/<int:pk>/", views.file_download, name="file-download"),
    path("files/<int:pk>/remove/", views.file_remove, name="file-remove"),
]
