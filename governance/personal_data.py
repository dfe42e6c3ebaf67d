"""The governance sections of "Download my data": meetings a person was invited to, the agenda
items they presented, how the minutes record them, and the actions they own."""

from __future__ import annotations

from typing import Any

from alliance.personal_data import Held, personal_data_left_out, personal_data_section
from governance.models import (
    Action,
    AgendaItem,
    Invitee,
    Meeting,
    MinutesAttendance,
    MinutesEvent,
    Paper,
)


@personal_data_section("meetings", models=[Held(Invitee, person="person")])
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


@personal_data_section("agenda_items_presented", models=[Held(AgendaItem, person="presenter")])
def _agenda_items(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    items = AgendaItem.objects.filter(presenter=person).select_related("meeting__alliance")
    return [
        {
            "alliance": item.meeting.alliance.name,
            "meeting": item.meeting.title,
            "starts_at": item.meeting.starts_at,
            "item": item.title,
        }
        for item in items.order_by("meeting__starts_at", "position", "pk")
    ]


@personal_data_section("minutes_attendance", models=[Held(MinutesAttendance, person="person")])
def _minutes_attendance(user: Any, person: Any) -> list[dict[str, Any]]:
    """What each revision of a meeting's minutes records of them: present, or absent with or
    without apologies."""
    if person is None:
        return []
    rows = MinutesAttendance.objects.filter(person=person).select_related(
        "minutes__meeting__alliance"
    )
    return [
        {
            "alliance": row.minutes.meeting.alliance.name,
            "meeting": row.minutes.meeting.title,
            "starts_at": row.minutes.meeting.starts_at,
            "minutes_revision": row.minutes.revision,
            "minutes_state": row.minutes.get_state_display(),
            "present": row.present,
            "apologies": None if row.present else row.apologies,
        }
        for row in rows.order_by("minutes__meeting__starts_at", "minutes__revision", "pk")
    ]


@personal_data_section("actions", models=[Held(Action, person="owner")])
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


personal_data_left_out(
    Meeting,
    "A meeting is the alliance's record. Its people are staff acting: called_by (the chair who "
    "called it), invitations_sent_by, attendance_recorded_by and cancelled_by, kept to say who "
    "did: links, no copy of their name or address. Each person's own invitation is in their "
    "'meetings'.",
)
personal_data_left_out(
    Paper,
    "A meeting paper; its only person, uploaded_by, is the member of staff who uploaded it, "
    "kept to say who did: a link to their sign-in, no copy of their name or address.",
)
personal_data_left_out(
    MinutesEvent,
    "A step of the minutes' workflow (drafted, submitted, approved, published); its person, "
    "actor, is the member of staff who took it, kept as the workflow's audit trail: a link to "
    "their sign-in. Its note is kept as written, and a correction of the attendance names the "
    "people it changed ('Now present: A.'): anonymising someone leaves their name in such a "
    "note, which is found by no link to them.",
)
