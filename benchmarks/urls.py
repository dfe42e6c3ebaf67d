from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from alliance.urls import urlpatterns as portal_patterns
from benchmarks.naive import naive_book, naive_signed_in


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
    # Served behind Django's default middleware by benchmarks.wsgi (see benchmarks.naive).
    path("naive/<int:session_id>/book/", naive_book, name="naive-book"),
    path("naive/signed-in/", naive_signed_in, name="naive-signed-in"),
    *portal_patterns,
]
