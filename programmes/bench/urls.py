from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from alliance.urls import urlpatterns as portal_patterns


def bare(request: HttpRequest) -> HttpResponse:
    """The floor: the same middleware and server, no database work, no template."""
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def signed_in(request: HttpRequest) -> HttpResponse:
    """The floor for a signed-in form: the session, the user and the CSRF check a booking
    also goes through, then a redirect, with nothing else done."""
    if not request.user.is_authenticated:
        return HttpResponse(status=403)
    return redirect("bench-bare")


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("bench/signed-in/", signed_in, name="bench-signed-in"),
    *portal_patterns,
]
