"""Who sees the talent pool, a nomination, a person's outcomes and the pipeline's figures.

The pool and the outcomes are the leadership strand lead's and the director's; the figures are
also the board's (they hold the alliance to account for them). A nomination is private to the
head who made it, the person nominated and those two: anyone else is told it does not exist.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from alliance.models import Role
from alliance.permissions import AlliancePerms, alliance_page, object_page, refuse
from leadership.models import Nomination
from leadership.selectors import pipeline_people
from members.models import Person


def manages_pipeline(perms: AlliancePerms) -> bool:
    """The leadership strand's strategic lead and the director."""
    return perms.has_role(Role.DIRECTOR) or perms.leads_strand_kind("leadership")


def sees_pipeline_figures(perms: AlliancePerms) -> bool:
    return manages_pipeline(perms) or "impact.view" in perms


def require_manager(request: HttpRequest) -> None:
    if not request.user.is_authenticated or not manages_pipeline(request.perms):
        refuse(request)


def allowed_if(
    check: Callable[[AlliancePerms], bool],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """An alliance page for signed-in people whose permissions pass ``check`` (the leadership
    lead's work is tied to the strand they lead, not to a permission name): refused before the
    method is looked at, as ``@requires``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        @alliance_page
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated or not check(request.perms):
                refuse(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


manager_page = allowed_if(manages_pipeline)
figures_page = allowed_if(sees_pipeline_figures)
# Only heads nominate, and only their own staff (the form offers no one else).
head_page = allowed_if(lambda perms: bool(perms.organisation_ids))
person_page = allowed_if(lambda perms: perms.person is not None)


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
    """Oneself, or anyone for the leadership lead and the director; either way someone of this
    alliance's pipeline (``pipeline_people``), and not there (404) otherwise: a person of
    another alliance records their outcomes in their own."""
    if not request.user.is_authenticated:
        refuse(request)
    me = request.perms.person
    if (me is None or me.pk != pk) and not manages_pipeline(request.perms):
        refuse(request)
    person = (
        pipeline_people(alliance=request.alliance)
        .select_related("organisation")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person


def get_nomination_to_answer(request: HttpRequest, pk: int) -> Nomination:
    """For a write, as the booking and enrolment actions: whoever may not make it is told the
    nomination is not there (asked after the method, once signed in)."""
    nomination = get_nomination_for(request, pk)
    if request.perms.person.pk != nomination.person_id:
        raise Http404
    return nomination


def get_nomination_to_invite(request: HttpRequest, pk: int) -> Nomination:
    nomination = get_nomination_for(request, pk)
    if not manages_pipeline(request.perms):
        raise Http404
    return nomination


nomination_page = object_page(get_nomination_for)
person_outcomes_page = object_page(get_person_for_outcomes)
