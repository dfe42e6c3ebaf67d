from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from alliance.models import Alliance, Partnership
from alliance.permissions import person_of
from programmes.selectors import alliance_of_latest_booking, catalogue_programmes

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


@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    """Someone of no school (a childminder) holds no role in any alliance, so their menu
    cannot name one: this finds the alliance they last booked with and shows "My bookings"
    there (their bookings of every alliance are listed together)."""
    person = person_of(request.user)
    if person is None or not person.belongs_to_no_school:
        raise PermissionDenied
    if request.method != "GET":  # after the refusal: permission comes before the method
        return HttpResponseNotAllowed(["GET"])
    alliance = alliance_of_latest_booking(person)
    if alliance is None:
        return redirect("catalogue")
    return redirect("programmes:booking-list", alliance_slug=alliance.slug)
