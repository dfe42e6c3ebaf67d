from django.contrib import admin
from django.urls import include, path

from alliance import audit_views, feed_views, views
from members import views as members_views
from programmes import site_views
from programmes import views as programmes_views

alliance_patterns = [
    path("", views.alliance_home, name="home"),
    path("home/", views.role_home, name="role-home"),
    path("audit/", audit_views.audit_list, name="audit-list"),
    path("audit/export.csv", audit_views.audit_csv, name="audit-csv"),
]

urlpatterns = [
    path("", site_views.site_home, name="site-home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("home/", views.home, name="home"),
    path("home/my-data/", views.personal_data_download, name="personal-data-download"),
    path("home/bookings/", site_views.my_bookings, name="my-bookings"),
    path("home/calendar/", feed_views.calendar_feed_page, name="calendar-feed-page"),
    path("home/calendar/new/", feed_views.calendar_feed_new, name="calendar-feed-new"),
    path("calendar/<token:token>.ics", feed_views.calendar_feed, name="calendar-feed"),
    path("catalogue/", programmes_views.combined_catalogue, name="catalogue"),
    path(
        "p/<slug:partnership_slug>/",
        programmes_views.partnership_catalogue,
        name="partnership-catalogue",
    ),
    path(
        "invitations/<token:token>/",
        members_views.invitation_accept_view,
        name="invitation-accept",
    ),
    # A school's head confirms a new head of it, whichever alliance admitted the school (issue 23).
    path(
        "home/headship/",
        members_views.headship_confirmation_list,
        name="headship-confirmations",
    ),
    path(
        "home/headship/<int:pk>/confirm/",
        members_views.headship_confirm,
        name="headship-confirm",
    ),
    path(
        "home/headship/<int:pk>/refuse/",
        members_views.headship_refuse,
        name="headship-refuse",
    ),
    # --- Certificates (issue 13, part 2): the public verification page ---
    path("certificates/", include("evaluation.certificate_urls")),
    # --- end of certificates ---
    path("<slug:alliance_slug>/", include((alliance_patterns, "alliance"))),
    path("<slug:alliance_slug>/", include("members.urls")),
    path("<slug:alliance_slug>/strands/", include("strands.urls")),
    path("<slug:alliance_slug>/meetings/", include("governance.urls")),
    path("<slug:alliance_slug>/cpd/", include("programmes.urls")),
    # Evaluation and impact: feedback, certificates and CPD records, the impact report (issue 13).
    path("<slug:alliance_slug>/evaluation/", include("evaluation.urls")),
    # Research and development projects and their findings (issue 17).
    path("<slug:alliance_slug>/research/", include("research.urls")),
    # Peer review cycle and audits (issue 17).
    path("<slug:alliance_slug>/peer-review/", include("peer_review.urls")),
    # Designating SLEs and the SLE directory (issue 17).
    path("<slug:alliance_slug>/sle/", include("sle.urls")),
    # Membership: the offer, joining, renewing (issue 14): /<alliance>/join/ and membership/.
    path("<slug:alliance_slug>/", include("membership.urls")),
    # Money: invoices, payments and the finance holder's ledger (issue 14).
    path("<slug:alliance_slug>/finance/", include("finance.urls")),
    # ITT trainees' placements, mentors' reviews and outcomes (issue 16, itt-train).
    path("<slug:alliance_slug>/itt/training/", include("itt.training_urls")),
    # Initial teacher training: partnerships, recruitment, trainees (issue 16).
    path("<slug:alliance_slug>/itt/", include("itt.urls")),
    # The leadership pipeline: talent pool, outcomes and the pipeline page (issue 15).
    path("<slug:alliance_slug>/leadership/", include("leadership.urls")),
]
