"""The meetings and actions sections of "Download my data"."""

from __future__ import annotations

from typing import Any

from alliance.personal_data import personal_data_section
from governance.models import Action, Invitee


@personal_data_section("meetings")
def _meetings(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    invitations = Invitee.objects.filter(person=person).select_related("meeting__alliance")
    return [
        {
            "alliance": i.meeting.alliance.name,
            "meeting": i.meeting.title,
            "starts_at": i.meeting.starts_at,
            "reply": i.get_reply_display(),
            "attended": i.attended,
        }
        for i in invitations.order_by("meeting__starts_at")
    ]


@personal_data_section("actions")
def _actions(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    actions = Action.objects.filter(owner=person).select_related("entry__minutes__meeting")
    return [
        {
            "meeting": a.entry.minutes.meeting.title,
            "description": a.description,
            "due_on": a.due_on,
            "done_at": a.done_at,
            "done_note": a.done_note,
        }
        for a in actions
    ]
