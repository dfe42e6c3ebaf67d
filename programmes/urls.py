from django.urls import path

from programmes import cohort_views, views

app_name = "programmes"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("manage/", views.programme_manage, name="programme-manage"),
    path("new/", views.programme_create, name="programme-create"),
    path("<int:pk>/", views.programme_detail, name="programme-detail"),
    path("<int:pk>/edit/", views.programme_edit, name="programme-edit"),
    path("<int:pk>/book/", views.booking_create, name="booking-create"),
    path("<int:pk>/book/myself/", views.booking_for_self, name="booking-for-self"),
    path("<int:pk>/book/check/", views.booking_check, name="booking-check"),
    path("<int:pk>/book/confirm/", views.booking_confirm, name="booking-confirm"),
    path("<int:pk>/sessions/new/", views.session_create, name="session-create"),
    path("<int:pk>/sessions/copy/", views.session_copy, name="session-copy"),
    path("<int:pk>/publish/", views.programme_publish, name="programme-publish"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/register/", views.session_register, name="session-register"),
    path("sessions/<int:pk>/register.csv", views.session_register_csv, name="session-register-csv"),
    path("sessions/<int:pk>/calendar.ics", views.session_calendar, name="session-calendar"),
    path("bookings/", views.booking_list, name="booking-list"),
    path("bookings/export.csv", views.booking_export, name="booking-export"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("bookings/<int:pk>/swap/", views.booking_swap, name="booking-swap"),
    path("bookings/<int:pk>/accept/", views.offer_accept, name="offer-accept"),
    path("bookings/<slug:reference>/", views.booking_confirmation, name="booking-confirmation"),
    path("bookings/<slug:reference>/calendar.ics", views.booking_calendar, name="booking-calendar"),
    path("bookers/", views.booker_create, name="booker-create"),
    path("bookers/<int:pk>/delete/", views.booker_delete, name="booker-delete"),
    path("staff/invite/", views.staff_invite_view, name="staff-invite"),
    # Issue 15: cohorts.
    path("<int:pk>/apply/", cohort_views.cohort_apply, name="cohort-apply"),
    path("<int:pk>/applications/", cohort_views.cohort_applications, name="cohort-applications"),
    path("my-programmes/", cohort_views.my_programmes, name="my-programmes"),
    path("enrolments/<int:pk>/", cohort_views.enrolment_detail, name="enrolment-detail"),
    path("enrolments/<int:pk>/endorse/", cohort_views.enrolment_endorse, name="enrolment-endorse"),
    path("enrolments/<int:pk>/decide/", cohort_views.enrolment_decide, name="enrolment-decide"),
    path(
        "enrolments/<int:pk>/complete/", cohort_views.enrolment_complete, name="enrolment-complete"
    ),
    path(
        "enrolments/<int:pk>/withdraw/", cohort_views.enrolment_withdraw, name="enrolment-withdraw"
    ),
    path("enrolments/<int:pk>/defer/", cohort_views.enrolment_defer, name="enrolment-defer"),
    path("enrolments/<int:pk>/take-up/", cohort_views.enrolment_take_up, name="enrolment-take-up"),
    path(
        "enrolments/<int:pk>/calendar.ics",
        cohort_views.enrolment_calendar,
        name="enrolment-calendar",
    ),
    path(
        "endorse/<token:token>/",
        cohort_views.enrolment_endorse_link,
        name="enrolment-endorse-link",
    ),
]
