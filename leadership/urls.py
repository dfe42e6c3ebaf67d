from django.urls import path

from leadership import views

app_name = "leadership"
urlpatterns = [
    path("pipeline/", views.pipeline, name="pipeline"),
    path("pool/", views.pool, name="pool"),
    path("participants/", views.participants, name="participants"),
    path("nominations/", views.nomination_list, name="nomination-list"),
    path("nominations/new/", views.nomination_create_view, name="nomination-create"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination-detail"),
    path("nominations/<int:pk>/agree/", views.nomination_agree, name="nomination-agree"),
    path("nominations/<int:pk>/decline/", views.nomination_decline, name="nomination-decline"),
    path("nominations/<int:pk>/invite/", views.nomination_invite_view, name="nomination-invite"),
    path("people/<int:pk>/outcomes/", views.person_outcomes, name="person-outcomes"),
]
