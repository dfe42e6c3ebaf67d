"""Fetch a meeting, paper or action for the person asking: 404 outside their alliance, sign-in
or 403 inside it without the right (``alliance.permissions.refuse``). Who may read what is
decided in ``governance.selectors`` (``may_read``, ``settled``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from alliance.permissions import get_for_alliance, refuse
from governance.models import Action, Meeting, Paper
from governance.selectors import may_read, settled

MEETINGS = Meeting.objects.select_related("alliance", "academic_year", "strand", "called_by")


def get_meeting_for(request: HttpRequest, pk: int) -> Meeting:
    """Any meeting of the alliance, for those who organise it; their own checks follow."""
    return get_for_alliance(MEETINGS, request.alliance, pk=pk)


def get_meeting_to_read(request: HttpRequest, pk: int) -> Meeting:
    """A meeting whose visibility lets the person read it."""
    meeting = get_meeting_for(request, pk)
    if not may_read(request.perms, meeting.visibility):
        refuse(request)
    return meeting


def get_paper_to_read(request: HttpRequest, pk: int) -> Paper:
    """A paper of a meeting the person may read; a confidential item's only for the board."""
    perms = request.perms
    paper = get_object_or_404(
        Paper.objects.filter(settled(perms), settled(perms, "agenda_item__")).select_related(
            "agenda_item__meeting"
        ),
        pk=pk,
        agenda_item__meeting__alliance=request.alliance,
    )
    item = paper.agenda_item
    if not may_read(perms, item.meeting.visibility) or (
        item.confidential and not perms.sees_confidential
    ):
        refuse(request)
    return paper


def get_action_for(request: HttpRequest, pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("entry__minutes__meeting__alliance", "owner"),
        pk=pk,
        entry__minutes__meeting__alliance=request.alliance,
    )


def get_action_to_complete(request: HttpRequest, pk: int) -> Action:
    """An action its owner (or whoever sees every action) may mark done."""
    action = get_action_for(request, pk)
    if not request.user.is_authenticated or (
        action.owner != request.perms.person and "actions.view_all" not in request.perms
    ):
        refuse(request)
    return action
