"""Fetch an invitation for the person asking: 404 for anyone who may not decide on it."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from alliance.models import Role
from members.confirming import confirmable_by
from members.models import Invitation


def get_headship_to_confirm(request: HttpRequest, pk: int) -> Invitation:
    """A new head the person may confirm or refuse (``members.confirming``): of a school they
    head, in any alliance, or any for the site administrator. Anyone else (the invitee, a head
    of another school, a chair) is told nothing: 404."""
    try:
        return Invitation.objects.select_related("alliance", "organisation").get(
            confirmable_by(request.user), pk=pk, role=Role.HEADTEACHER
        )
    except Invitation.DoesNotExist as exc:
        raise Http404 from exc
