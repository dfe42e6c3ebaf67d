"""Each person's calendar subscription: the page that makes its secret address, and the feed
itself, which calendars fetch without signing in (see ``alliance/feeds.py``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from alliance.feeds import calendar_feed_ics, calendar_feed_reset, calendar_feed_user
from alliance.models import CalendarFeed
from alliance.throttle import throttled

# The token made by the last reset, kept in the session until the page has shown it once.
NEW_TOKEN = "calendar_feed_token"


@login_required
@require_GET
def calendar_feed_page(request: HttpRequest) -> HttpResponse:
    token = request.session.pop(NEW_TOKEN, None)
    context = {
        "has_feed": CalendarFeed.objects.filter(user=request.user).exists(),
        "feed_url": _feed_url(request, token) if token else "",
    }
    return render(request, "alliance/calendar_feed.html", context)


def _feed_url(request: HttpRequest, token: str) -> str:
    address = request.build_absolute_uri(reverse("calendar-feed", args=[token]))
    return "webcal://" + address.split("://", 1)[1]


@login_required
@require_POST
def calendar_feed_new(request: HttpRequest) -> HttpResponse:
    replacing = CalendarFeed.objects.filter(user=request.user).exists()
    request.session[NEW_TOKEN] = calendar_feed_reset(user=request.user, request=request)
    if replacing:
        messages.success(
            request, "Your calendar has a new address. A calendar using the old one stops updating."
        )
    return redirect("calendar-feed-page")


@throttled("calendar-feed")
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed: the token is the key, so no sign-in; a wrong or replaced token is not found."""
    user = calendar_feed_user(token)
    if user is None:
        raise Http404
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(
        calendar_feed_ics(user=user, base_url=base_url), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    return response
