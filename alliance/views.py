from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliance.permissions import alliance_page, person_of, requires
from alliance.personal_data import personal_data_json
from alliance.selectors import alliances_for, leadership_for


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Where sign-in lands: the person's alliance, or a choice when they have several."""
    alliances = list(alliances_for(person=person_of(request.user)))
    if len(alliances) == 1:
        return redirect("alliance:role-home", alliance_slug=alliances[0].slug)
    return render(request, "alliance/home_choose.html", {"alliances": alliances})


@require_GET
@alliance_page
def alliance_home(request: HttpRequest) -> HttpResponse:
    alliance = request.alliance
    context = {
        "protocols": alliance.protocols.all(),
        "leadership": leadership_for(alliance=alliance),
    }
    return render(request, "alliance/alliance_home.html", context)


@requires("home.view")
@require_GET
def role_home(request: HttpRequest) -> HttpResponse:
    person = request.perms.person
    context = {
        "assignments": request.perms.assignments,
        "designations": person.designations.filter(alliance=request.alliance, active=True)
        .select_related("phase")
        .prefetch_related("specialisms"),
    }
    return render(request, "alliance/role_home.html", context)


@login_required
@require_GET
def personal_data_download(request: HttpRequest) -> HttpResponse:
    """Everything the portal holds about the signed-in person, as a JSON file (UK GDPR)."""
    response = HttpResponse(personal_data_json(user=request.user), content_type="application/json")
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
