"""Who sees the talent pool, a nomination, a person's outcomes and the pipeline's figures.

The pool and the outcomes are the leadership strand lead's and the director's; the figures are
also the board's (they hold the alliance to account for them). A nomination is private to the
head who made it, the person nominated and those two: anyone else is told it does not exist.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from alliance.models import Role
from alliance.permissions import AlliancePerms, refuse
from leadership.models import Nomination
from members.models import Person


def manages_pipeline(perms: AlliancePerms) -> bool:
    """The leadership strand's strategic lead and the director."""
    return perms.has_role(Role.DIRECTOR) or perms.leads_strand_kind("leadership")


def sees_pipeline_figures(perms: AlliancePerms) -> bool:
    return manages_pipeline(perms) or "impact.view" in perms


def require_manager(request: HttpRequest) -> None:
    if not request.user.is_authenticated or not manages_pipeline(request.perms):
        refuse(request)


def may_see_nomination(perms: AlliancePerms, nomination: Nomination) -> bool:
    person = perms.person
    if person is None:
        return False
    return person.pk in (nomination.person_id, nomination.nominated_by_id) or manages_pipeline(
        perms
    )


def get_nomination_for(request: HttpRequest, pk: int) -> Nomination:
    """A nomination of this alliance that the person may see; 404 for everyone else, so that
    nobody learns who was nominated."""
    if not request.user.is_authenticated:
        refuse(request)
    nomination = (
        Nomination.objects.select_related(
            "person__organisation", "organisation", "nominated_by", "invited_to"
        )
        .filter(alliance=request.alliance, pk=pk)
        .first()
    )
    if nomination is None or not may_see_nomination(request.perms, nomination):
        raise Http404
    return nomination


def get_person_for_outcomes(request: HttpRequest, pk: int) -> Person:
    """Oneself, or anyone for the leadership lead and the director."""
    if not request.user.is_authenticated:
        refuse(request)
    me = request.perms.person
    if me is not None and me.pk == pk:
        return me
    if not manages_pipeline(request.perms):
        refuse(request)
    person = Person.objects.select_related("organisation").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person
