"""The meetings in a person's calendar feed (``alliance.feeds``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils import timezone

from alliance.feeds import calendar_feed_source
from alliance.ical import CalendarEvent
from governance.models import Invitee, Reply
from members.models import Person

FEED_HISTORY = datetime.timedelta(days=90)


def _status(invitation: Invitee) -> str:
    if invitation.meeting.is_cancelled:
        return "CANCELLED"
    return "TENTATIVE" if invitation.reply == Reply.APOLOGIES else "CONFIRMED"


@calendar_feed_source("meetings")
def meetings_invited_to(person: Person, base_url: str) -> Iterator[CalendarEvent]:
    """Every meeting the person is invited to, at its current time and place; one they sent
    apologies for stays, marked tentative, so they still see when it is; a cancelled one stays,
    marked cancelled, so calendars that hold it remove it."""
    invitations = (
        Invitee.objects.filter(person=person, meeting__ends_at__gt=timezone.now() - FEED_HISTORY)
        .select_related("meeting__alliance")
        .order_by("meeting__starts_at", "pk")
    )
    for invitation in invitations:
        meeting = invitation.meeting
        url = f"{base_url}{meeting.get_absolute_url()}"
        yield CalendarEvent(
            uid=f"meeting-{meeting.pk}",  # as in the emailed invitation
            starts=meeting.starts_at,
            ends=meeting.ends_at,
            summary=f"{meeting.alliance.display_short_name}: {meeting.title}",
            location=meeting.place,
            description=f"Agenda and papers: {url}",
            url=url,
            status=_status(invitation),
        )
