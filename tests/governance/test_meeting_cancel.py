"""Cancelling a meeting: asked first (why, and who is emailed), then the meeting shows as
cancelled everywhere, those invited are emailed through the outbox with a calendar file that
removes it, the audit log records it, and its minutes cannot be started."""

from __future__ import annotations

from functools import partial

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from alliance.models import AuditEntry, AuditKind, OutboxEmail
from alliance.outbox import emails_send
from alliance.permissions import perms_for
from governance import services
from governance.feeds import meetings_invited_to
from governance.models import Meeting, MinutesState
from governance.selectors import matters_arising_for
from tests.governance.conftest import BASE_URL
from tests.races import at_once

pytestmark = pytest.mark.django_db

REASON = "The chair is ill; the board meets again next month."


def _url(meeting: Meeting, name: str = "meeting-cancel") -> str:
    return reverse(f"governance:{name}", args=["southwark", meeting.pk])


@pytest.fixture
def invited(call_meeting, demo):
    """A board meeting next week, its invitations sent to everyone with an address."""
    meeting = call_meeting(days=7)
    services.invitations_send(actor=demo.user("chair"), meeting=meeting, base_url=BASE_URL)
    return meeting


def _told(meeting: Meeting) -> list[str]:
    return sorted(
        meeting.invitees.filter(invitation_sent_at__isnull=False)
        .exclude(person__email="")
        .values_list("person__email", flat=True)
    )


def test_the_confirm_page_says_who_will_be_emailed(invited, login):
    page = login("chair").get(_url(invited)).content.decode()
    told = invited.invitees.filter(invitation_sent_at__isnull=False).exclude(person__email="")
    assert told.count() > 0
    assert f"{told.count()} people sent an invitation" in page
    for invitee in told.select_related("person"):
        assert invitee.person.full_name in page
    assert f"Cancel the meeting and email {told.count()} people" in page
    assert not Meeting.objects.get(pk=invited.pk).is_cancelled  # asking cancels nothing


def test_a_reason_is_required(invited, login):
    response = login("chair").post(_url(invited), {"reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Enter why the meeting is cancelled"]
    assert not Meeting.objects.get(pk=invited.pk).is_cancelled
    assert not OutboxEmail.objects.filter(kind="meeting.cancelled").exists()


def test_cancelling_emails_those_invited_and_records_it(invited, login):
    response = login("chair").post(_url(invited), {"reason": REASON})
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=invited.pk)
    assert meeting.is_cancelled and meeting.cancellation_reason == REASON

    waiting = OutboxEmail.objects.filter(kind="meeting.cancelled", sent_at=None)
    assert waiting.count() == len(_told(meeting)) > 0
    assert emails_send() >= len(_told(meeting))
    cancelled = [m for m in mail.outbox if m.subject.startswith("Cancelled: ")]
    assert sorted(m.to[0] for m in cancelled) == _told(meeting)
    assert REASON in cancelled[0].body
    calendar = cancelled[0].attachments[0][1]
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert "STATUS:CANCELLED" in calendar and "METHOD:CANCEL" in calendar

    entry = AuditEntry.objects.get(kind=AuditKind.MEETING_CANCELLED)
    assert entry.actor.email == "chair@demo.test" and REASON in entry.detail


def test_the_meeting_shows_as_cancelled(invited, login):
    login("chair").post(_url(invited), {"reason": REASON})
    detail = login("chair").get(invited.get_absolute_url()).content.decode()
    assert "This meeting is cancelled" in detail and REASON in detail
    assert "Start the minutes" not in detail
    assert "Send the invitations" not in detail
    assert _url(invited) not in detail
    listing = login("chair").get(reverse("governance:meeting-list", args=["southwark"]))
    row = listing.content.decode().split(invited.title, 1)[1].split("</tr>", 1)[0]
    assert "Cancelled" in row


def test_the_calendar_file_and_feed_carry_the_cancellation(invited, login, demo, person):
    services.meeting_cancel(
        actor=demo.user("chair"), meeting=invited, reason=REASON, base_url=BASE_URL
    )
    ics = login("chair").get(_url(invited, "meeting-ics")).content.decode()
    assert "STATUS:CANCELLED" in ics
    [event] = [
        e
        for e in meetings_invited_to(person("director"), BASE_URL)
        if e.uid == f"meeting-{invited.pk}"
    ]
    assert event.status == "CANCELLED"


def test_a_second_cancel_does_nothing_more(invited, demo, login):
    chair = demo.user("chair")
    assert services.meeting_cancel(actor=chair, meeting=invited, reason=REASON, base_url=BASE_URL)
    emails = OutboxEmail.objects.count()
    response = login("chair").post(_url(invited), {"reason": "Another reason"})
    assert response.status_code == 302
    assert OutboxEmail.objects.count() == emails
    assert AuditEntry.objects.filter(kind=AuditKind.MEETING_CANCELLED).count() == 1
    assert Meeting.objects.get(pk=invited.pk).cancellation_reason == REASON


def test_minutes_cannot_be_started_for_a_cancelled_meeting(call_meeting, demo, login):
    meeting = call_meeting(days=-1)
    services.meeting_cancel(
        actor=demo.user("chair"), meeting=meeting, reason=REASON, base_url=BASE_URL
    )
    with pytest.raises(ValidationError):
        services.minutes_start(actor=demo.user("administrator"), meeting=meeting)
    response = login("administrator").post(_url(meeting, "minutes-start"), follow=True)
    assert "This meeting is cancelled" in response.content.decode()
    assert not meeting.minutes.exists()


def test_submitted_minutes_refuse_cancelling_with_a_clear_message(call_meeting, demo, login):
    meeting = call_meeting(days=-1)
    admin = demo.user("administrator")
    minutes = services.minutes_start(actor=admin, meeting=meeting)
    services.minutes_submit(actor=admin, minutes=minutes, base_url=BASE_URL)
    assert minutes.meeting.minutes.get().state == MinutesState.SUBMITTED
    page = login("chair").get(_url(meeting)).content.decode()
    assert "took place and cannot be cancelled" in page
    response = login("chair").post(_url(meeting), {"reason": REASON})
    assert "took place and cannot be cancelled" in response.content.decode()
    assert not Meeting.objects.get(pk=meeting.pk).is_cancelled


def test_only_those_who_call_meetings_may_cancel(invited, demo):
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(
            actor=demo.user("director"), meeting=invited, reason=REASON, base_url=BASE_URL
        )
    assert not Meeting.objects.get(pk=invited.pk).is_cancelled


def test_another_alliances_meeting_cannot_be_cancelled_from_ours(demo, login):
    steep = Meeting.objects.exclude(alliance=demo.southwark).first()
    response = login("chair").post(_url(steep), {"reason": REASON})
    assert response.status_code == 404
    assert not Meeting.objects.get(pk=steep.pk).is_cancelled


def test_matters_arising_skip_a_cancelled_meeting(published, call_meeting, demo):
    # Beyond the demo's meetings, so nothing else of the kind falls between.
    earlier = published(days=300)
    cancelled = call_meeting(days=310)
    services.meeting_cancel(
        actor=demo.user("chair"), meeting=cancelled, reason=REASON, base_url=BASE_URL
    )
    nxt = call_meeting(days=320)
    arising = matters_arising_for(
        meeting=nxt, perms=perms_for(demo.user("chair").person, demo.southwark)
    )
    assert arising and {a.entry.minutes.meeting_id for a in arising} == {earlier.pk}


@pytest.mark.django_db(transaction=True)
def test_two_cancels_at_the_same_moment_cancel_once(call_meeting, demo):
    assert connection.vendor == "postgresql"
    meeting = call_meeting(days=7)
    chair = demo.user("chair")
    services.invitations_send(actor=chair, meeting=meeting, base_url=BASE_URL)
    cancel = partial(
        services.meeting_cancel, actor=chair, meeting=meeting, reason=REASON, base_url=BASE_URL
    )
    race = at_once([cancel, cancel])
    assert race.errors == [] and race.refused == []
    # One cancelled it, the other found it cancelled; unless both were asked to try again.
    once = min(1, 2 - race.busy)
    assert sorted(race.done) == [False] * (len(race.done) - once) + [True] * once
    assert AuditEntry.objects.filter(kind=AuditKind.MEETING_CANCELLED).count() == once
    assert OutboxEmail.objects.filter(kind="meeting.cancelled").count() == once * len(
        _told(meeting)
    )


def test_draft_minutes_of_a_cancelled_meeting_cannot_be_edited_or_submitted(call_meeting, demo):
    meeting = call_meeting(days=-1)
    admin = demo.user("administrator")
    minutes = services.minutes_start(actor=admin, meeting=meeting)
    services.meeting_cancel(
        actor=demo.user("chair"), meeting=meeting, reason=REASON, base_url=BASE_URL
    )
    entry = minutes.entries.first()
    with pytest.raises(ValidationError, match="cancelled"):
        services.minutes_entry_update(actor=admin, entry=entry, notes="Late notes", decisions="")
    with pytest.raises(ValidationError, match="cancelled"):
        services.minutes_submit(actor=admin, minutes=minutes, base_url=BASE_URL)
    minutes.refresh_from_db()
    assert minutes.state == MinutesState.DRAFT


def test_a_cancelled_meeting_sends_no_invitations_and_takes_no_replies(invited, demo):
    chair = demo.user("chair")
    services.meeting_cancel(actor=chair, meeting=invited, reason=REASON, base_url=BASE_URL)
    emails = OutboxEmail.objects.count()
    with pytest.raises(ValidationError, match="cancelled"):
        services.invitations_send(actor=chair, meeting=invited, base_url=BASE_URL)
    with pytest.raises(ValidationError, match="cancelled"):
        services.invitation_reply(token=invited.invitees.first().token, reply="attending")
    assert OutboxEmail.objects.count() == emails
