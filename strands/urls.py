from django.urls import path

from strands import desk_views, support_views, views

app_name = "strands"
urlpatterns = [
    path("", views.strand_list, name="strand-list"),
    # The director's desk. These come before the strand pages: no strand kind is a word here.
    path("board/", desk_views.board, name="board"),
    path("board/history/", desk_views.board_history, name="board-history"),
    path("board/copy/", desk_views.board_copy, name="board-copy"),
    path("board/leads/assign/", desk_views.lead_assign, name="lead-assign"),
    path("board/leads/<int:pk>/change/", desk_views.lead_change, name="lead-change"),
    path("board/leads/<int:pk>/end/", desk_views.lead_end, name="lead-end"),
    path("board/contributions/add/", desk_views.contribution_add, name="contribution-add"),
    path(
        "board/contributions/<int:pk>/withdraw/",
        desk_views.contribution_withdraw,
        name="contribution-withdraw",
    ),
    path("funded-time/", desk_views.funded_time, name="funded-time"),
    path("funded-time/csv/", desk_views.funded_time_csv, name="funded-time-csv"),
    path("support/", support_views.support_list, name="support-list"),
    path("support/new/", support_views.support_create, name="support-create"),
    path("support/<int:pk>/", support_views.support_detail, name="support-detail"),
    path("support/<int:pk>/signpost/", support_views.support_signpost, name="support-signpost"),
    path("support/<int:pk>/deploy/", support_views.deployment_create, name="deployment-create"),
    path("deployments/mine/", support_views.deployment_mine, name="deployment-mine"),
    path("deployments/<int:pk>/", support_views.deployment_move, name="deployment-move"),
    path("deployments/<int:pk>/log/", support_views.deployment_detail, name="deployment-detail"),
    path("deployments/<int:pk>/log/visits/", support_views.visit_record, name="visit-record"),
    path("deployments/visits/<int:pk>/confirm/", support_views.visit_confirm, name="visit-confirm"),
    path(
        "deployments/<int:pk>/evaluation/",
        support_views.deployment_evaluate,
        name="deployment-evaluate",
    ),
    path("capacity/", support_views.capacity, name="capacity"),
    path("clusters/", support_views.cluster_list, name="cluster-list"),
    path("clusters/new/", support_views.cluster_create, name="cluster-create"),
    path("<slug:strand_slug>/", views.strand_detail, name="strand-detail"),
]
