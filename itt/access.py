"""Who may manage ITT partnerships and see applicants: the alliance's ITT strand lead and its
director, nobody else. Objects of another alliance answer 404; inside the alliance, everyone
else is refused (403, or the sign-in page when signed out)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from alliance.models import Role
from alliance.permissions import AlliancePerms, alliance_page, get_for_alliance, refuse
from itt.models import Applicant, Partnership
from strands.models import StrandKind


def may_manage_itt(perms: AlliancePerms) -> bool:
    return perms.has_role(Role.DIRECTOR) or perms.leads_strand_kind(StrandKind.ITT)


def require_itt_manager(request: HttpRequest) -> None:
    if not (request.user.is_authenticated and may_manage_itt(request.perms)):
        refuse(request)


def get_partnership_to_manage(request: HttpRequest, pk: int) -> Partnership:
    partnership = get_for_alliance(
        Partnership.objects.select_related("lead_school", "provider", "training_programme"),
        request.alliance,
        pk=pk,
    )
    require_itt_manager(request)
    return partnership


def get_applicant_to_manage(request: HttpRequest, pk: int) -> Applicant:
    applicant = (
        Applicant.objects.select_related("partnership__lead_school", "academic_year")
        .filter(partnership__alliance=request.alliance, pk=pk)
        .first()
    )
    if applicant is None:
        raise Http404
    require_itt_manager(request)
    return applicant


def itt_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An alliance page for the ITT lead and the director only, refused before the method is
    looked at. Put it above ``@require_GET`` and the like."""

    @functools.wraps(view)
    @alliance_page
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require_itt_manager(request)
        return view(request, *args, **kwargs)

    return wrapped
