"""The meeting emails, built when the outbox sends them (``alliance/outbox.py``): an invitation
to each invitee, word when the meeting moves or is cancelled, and word to each of the audience
that the minutes are published."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alliance.outbox import Payload, renderer
from governance.models import Action, Invitee, Minutes
from governance.services import meeting_ics


def _absolute(base_url: str, path: str) -> str:
    return f"{base_url.rstrip('/')}{path}"


@renderer("meeting.invitation")
def invitation_email(payload: Payload) -> list[EmailMessage]:
    """The agenda, a calendar file and reply links, for one invitee."""
    return _invitation(payload, "Invitation", "governance/email/invitation.txt")


@renderer("meeting.moved")
def meeting_moved_email(payload: Payload) -> list[EmailMessage]:
    """The new time or place of a meeting, to someone already invited, with a new calendar
    file (the same UID, so calendars move the event rather than add one)."""
    return _invitation(payload, "Changed", "governance/email/meeting_moved.txt")


@renderer("meeting.cancelled")
def meeting_cancelled_email(payload: Payload) -> list[EmailMessage]:
    """Word that a meeting is cancelled and why, to someone sent an invitation, with a calendar
    file that removes the event (``STATUS:CANCELLED``, the same UID)."""
    return _invitation(payload, "Cancelled", "governance/email/meeting_cancelled.txt")


def _invitation(payload: Payload, subject: str, template: str) -> list[EmailMessage]:
    invitee = (
        Invitee.objects.select_related("person", "meeting__alliance")
        .filter(pk=payload["invitee_id"])
        .exclude(person__email="")
        .first()
    )
    if invitee is None:  # removed from the meeting since
        return []
    meeting, base_url = invitee.meeting, payload["base_url"]
    url = _absolute(base_url, meeting.get_absolute_url())
    rsvp = reverse(
        "governance:rsvp",
        kwargs={"alliance_slug": meeting.alliance.slug, "token": invitee.token},
    )
    context = {
        "meeting": meeting,
        "invitee": invitee,
        "agenda": meeting.agenda_items.select_related("presenter").order_by("position", "id"),
        "url": url,
        "rsvp_url": _absolute(base_url, rsvp),
    }
    day = timezone.localtime(meeting.starts_at)
    message = EmailMessage(
        subject=f"{subject}: {meeting.title}, {day:%-d %B %Y}",
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitee.person.email],
    )
    message.attach("meeting.ics", meeting_ics(meeting=meeting, url=url), "text/calendar")
    return [message]


@renderer("minutes.published")
def minutes_published_email(payload: Payload) -> list[EmailMessage]:
    """Word to one of the meeting's audience that its minutes are published."""
    minutes = Minutes.objects.select_related("meeting__alliance").get(pk=payload["minutes_id"])
    meeting = minutes.meeting
    url = _absolute(
        payload["base_url"],
        reverse(
            "governance:minutes-detail",
            kwargs={"alliance_slug": meeting.alliance.slug, "pk": meeting.pk},
        ),
    )
    body = render_to_string(
        "governance/email/minutes_published.txt", {"minutes": minutes, "url": url}
    )
    subject = f"Minutes published: {meeting.title}"
    return [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [payload["email"]])]


def _minutes_email(payload: Payload, template: str, subject: str) -> list[EmailMessage]:
    minutes = Minutes.objects.select_related("meeting__alliance").get(pk=payload["minutes_id"])
    meeting = minutes.meeting
    url = _absolute(
        payload["base_url"],
        reverse(
            "governance:minutes-detail",
            kwargs={"alliance_slug": meeting.alliance.slug, "pk": meeting.pk},
        ),
    )
    body = render_to_string(template, {"minutes": minutes, "url": url})
    return [
        EmailMessage(
            f"{subject}: {meeting.title}", body, settings.DEFAULT_FROM_EMAIL, [payload["email"]]
        )
    ]


@renderer("minutes.submitted")
def minutes_submitted_email(payload: Payload) -> list[EmailMessage]:
    """To each chair: minutes wait for their approval."""
    return _minutes_email(payload, "governance/email/minutes_submitted.txt", "Minutes to approve")


@renderer("minutes.returned")
def minutes_returned_email(payload: Payload) -> list[EmailMessage]:
    """To each administrator: the chair returned the minutes, and why."""
    return _minutes_email(
        payload, "governance/email/minutes_returned.txt", "Minutes returned for changes"
    )


@renderer("action.overdue")
def action_overdue_email(payload: Payload) -> list[EmailMessage]:
    """To an action's owner, once, when it passes its due date and is not done."""
    action = (
        Action.objects.select_related("owner", "entry__minutes__meeting__alliance")
        .filter(pk=payload["action_id"], done_at__isnull=True)
        .exclude(owner__email="")
        .first()
    )
    if action is None:  # done (or its owner's address removed) since
        return []
    body = render_to_string("governance/email/action_overdue.txt", {"action": action})
    subject = f"Action overdue: {action.description}"
    return [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [action.owner.email])]
