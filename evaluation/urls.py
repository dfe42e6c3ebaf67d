from django.urls import path

from evaluation import views

app_name = "evaluation"
urlpatterns = [
    # Feedback after each session, follow-ups and results (issue 13, part 1).
    path("feedback/thanks/", views.feedback_thanks, name="feedback-thanks"),
    path("feedback/<str:token>/", views.feedback, name="feedback"),
    path("programmes/<int:pk>/questions/", views.question_list, name="question-list"),
    path(
        "programmes/<int:pk>/questions/<int:question_pk>/",
        views.question_edit,
        name="question-edit",
    ),
    path(
        "programmes/<int:pk>/questions/<int:question_pk>/remove/",
        views.question_remove,
        name="question-remove",
    ),
    path("results/", views.results_overview, name="results"),
    path("results/sessions/<int:pk>/", views.session_results, name="session-results"),
    path("results/programmes/<int:pk>/", views.programme_results, name="programme-results"),
    path("results/facilitators/<int:pk>/", views.facilitator_results, name="facilitator-results"),
    path("results/strands/<int:pk>/", views.strand_results, name="strand-results"),
]
