from django.http import HttpRequest, HttpResponse
from django.urls import path

from alliance.urls import urlpatterns as portal_patterns


def bare(request: HttpRequest) -> HttpResponse:
    """The floor: the same middleware and server, no database work, no template."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *portal_patterns]
