from django.urls import path

from membership import views

app_name = "membership"
urlpatterns = [
    # The public side: the alliance's offer and the form to join it.
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_thanks, name="join-thanks"),
    path("membership/offer/", views.offer, name="offer"),
    # The director: offers, protocols, applications, renewals.
    path("membership/offers/<int:start_year>/", views.offer_manage, name="offer-manage"),
    path("membership/offers/<int:start_year>/copy/", views.offer_copy, name="offer-copy"),
    path("membership/offers/<int:start_year>/tiers/new/", views.tier_edit, name="tier-create"),
    path("membership/offers/<int:start_year>/tiers/<int:pk>/", views.tier_edit, name="tier-edit"),
    path(
        "membership/offers/<int:start_year>/tiers/<int:pk>/remove/",
        views.tier_remove,
        name="tier-remove",
    ),
    path("membership/protocols/", views.protocols_edit, name="protocols"),
    path("membership/applications/", views.application_list, name="application-list"),
    path("membership/applications/<int:pk>/", views.application_detail, name="application-detail"),
    path(
        "membership/applications/<int:pk>/approve/",
        views.application_approve,
        name="application-approve",
    ),
    path(
        "membership/applications/<int:pk>/decline/",
        views.application_decline,
        name="application-decline",
    ),
    path("membership/renewals/", views.renewal_list, name="renewal-list"),
    path("membership/renewals/request/", views.renewals_request, name="renewals-request"),
    path("membership/renewals/<int:pk>/remind/", views.renewal_remind, name="renewal-remind"),
    # The head of the school renewing.
    path("membership/renewals/<int:pk>/", views.renewal, name="renewal"),
    path("membership/renewals/<int:pk>/leave/", views.renewal_leave, name="renewal-leave"),
]
