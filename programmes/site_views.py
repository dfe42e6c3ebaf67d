from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance.models import Alliance, Partnership
from programmes.selectors import catalogue_programmes

COMING_UP = 6


@require_GET
def site_home(request: HttpRequest) -> HttpResponse:
    """The site root: every alliance, and the CPD coming up next across all of them."""
    context = {
        "alliances": Alliance.objects.order_by("name"),
        "coming_up": catalogue_programmes()[:COMING_UP],
        "partnerships": Partnership.objects.all(),
    }
    return render(request, "alliance/site_home.html", context)
