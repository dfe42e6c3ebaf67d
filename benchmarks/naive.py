"""The yardstick: a naive-but-correct signed-in booking view, as a Django tutorial would write it.

Django's default middleware (``NAIVE_MIDDLEWARE``, served by ``benchmarks.wsgi`` for paths under
``/naive/``), ``@login_required``, a plain form (name, email) with CSRF, the session locked in one
transaction, the confirmed bookings counted, a refusal when full, the booking made, a message and
a 303. No waiting list, outbox, booking rights, idempotency or caches: the portal's booking does
all of those besides, and the benchmark reports it as a ratio to this view on the same data.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template import engines
from django.views.decorators.http import require_POST

from members.models import Person
from programmes.models import Booking, BookingStatus, Session

# `django-admin startproject`'s list: what a naive app runs behind.
NAIVE_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

PAGE = engines["django"].from_string(
    '<!doctype html><html lang="en"><title>Book a place</title>'
    "{% for message in messages %}<p>{{ message }}</p>{% endfor %}"
    '<form method="post">{% csrf_token %}{{ form.as_div }}<button>Book</button></form></html>'
)


class NaiveBookingForm(forms.Form):
    name = forms.CharField(max_length=150)
    email = forms.EmailField()


class SeeOther(HttpResponseRedirect):
    status_code = 303


@login_required
def naive_book(request: HttpRequest, session_id: int) -> HttpResponse:
    form = NaiveBookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        booker = get_object_or_404(Person, user=request.user)
        with transaction.atomic():
            session = get_object_or_404(Session.objects.select_for_update(), pk=session_id)
            taken = session.bookings.filter(status=BookingStatus.CONFIRMED).count()
            if taken >= session.capacity:
                form.add_error(None, "Sorry, this session is full.")
            else:
                delegate, _ = Person.objects.get_or_create(
                    organisation_id=booker.organisation_id,
                    email__iexact=form.cleaned_data["email"],
                    defaults={
                        "email": form.cleaned_data["email"],
                        "full_name": form.cleaned_data["name"],
                    },
                )
                Booking.objects.create(
                    session=session,
                    delegate=delegate,
                    organisation_id=booker.organisation_id,
                    booked_by=booker,
                    status=BookingStatus.CONFIRMED,
                )
        if not form.errors:
            messages.success(request, f"{delegate.full_name} is booked.")
            return SeeOther(request.path)
    return HttpResponse(PAGE.render({"form": form}, request))


@require_POST
@login_required
def naive_signed_in(request: HttpRequest) -> HttpResponse:
    """The naive app's floor: its middleware, the session, the user, CSRF, then a 303."""
    return SeeOther(request.path)
