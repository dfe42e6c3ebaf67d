"""Submitting emails the chairs; returning asks the chair why, keeps it in the history, shows it
to the administrator and emails them; publishing asks first on its own page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from alliance.models import OutboxEmail
from alliance.outbox import emails_send
from governance import services
from governance.models import Meeting, MinutesEvent, MinutesState
from governance.selectors import audience_for
from tests.governance.conftest import BASE_URL

pytestmark = pytest.mark.django_db


def _url(name: str, meeting: Meeting) -> str:
    return reverse(f"governance:{name}", args=["southwark", meeting.pk])


@pytest.fixture
def submitted(call_meeting, demo):
    meeting = call_meeting()
    minutes = services.minutes_start(actor=demo.user("administrator"), meeting=meeting)
    services.minutes_submit(actor=demo.user("administrator"), minutes=minutes, base_url=BASE_URL)
    return minutes


def test_it_emails_the_chairs_when_minutes_are_submitted(submitted):
    emails_send()
    to_approve = [m for m in mail.outbox if m.subject.startswith("Minutes to approve")]
    assert [m.to for m in to_approve] == [["chair@demo.test"]]
    assert f"/southwark/meetings/{submitted.meeting_id}/minutes/" in to_approve[0].body


def test_it_asks_the_chair_why_before_returning(submitted, login):
    chair = login("chair")
    assert (
        "What needs changing"
        in chair.get(_url("minutes-return", submitted.meeting)).content.decode()
    )
    empty = chair.post(_url("minutes-return", submitted.meeting), {"reason": "  "})
    assert "reason" in empty.context["form"].errors
    submitted.refresh_from_db()
    assert submitted.state == MinutesState.SUBMITTED


def test_it_keeps_the_return_reason_shows_it_and_emails_the_administrator(submitted, login):
    mail.outbox.clear()
    login("chair").post(
        _url("minutes-return", submitted.meeting), {"reason": "Item 2 lacks the vote count."}
    )
    submitted.refresh_from_db()
    assert submitted.state == MinutesState.DRAFT
    event = submitted.events.get(change=MinutesEvent.Change.RETURNED)
    assert event.note == "Item 2 lacks the vote count."
    page = login("administrator").get(_url("minutes-detail", submitted.meeting)).content.decode()
    assert "Returned for changes" in page and "Item 2 lacks the vote count." in page

    emails_send()
    returned = [m for m in mail.outbox if m.subject.startswith("Minutes returned")]
    assert [m.to for m in returned] == [["administrator@demo.test"]]
    assert "Item 2 lacks the vote count." in returned[0].body


def test_the_return_reason_leaves_the_page_once_submitted_again(submitted, login, demo):
    login("chair").post(_url("minutes-return", submitted.meeting), {"reason": "Fix item 2."})
    services.minutes_submit(actor=demo.user("administrator"), minutes=submitted, base_url=BASE_URL)
    assert submitted.return_event() is None
    history = login("chair").get(_url("minutes-detail", submitted.meeting)).content.decode()
    assert "Returned to draft by" in history and "Fix item 2." in history  # still in the history


@pytest.fixture
def approved(submitted, demo):
    return services.minutes_approve(actor=demo.user("chair"), minutes=submitted)


def test_the_publish_page_says_who_is_emailed_and_never_publishes(call_meeting, demo, login):
    meeting = call_meeting(confidential_second_item=True)
    admin = demo.user("administrator")
    minutes = services.minutes_start(actor=admin, meeting=meeting)
    services.minutes_submit(actor=admin, minutes=minutes, base_url=BASE_URL)
    services.minutes_approve(actor=demo.user("chair"), minutes=minutes)

    response = login("administrator").get(_url("minutes-publish", meeting))
    html = response.content.decode()
    count = len(audience_for(meeting=meeting))
    assert f"Publish and email {count} people" in html
    assert "the board and the meeting’s invitees" in html
    assert "Staffing matter (confidential)" in html
    minutes.refresh_from_db()
    assert minutes.state == MinutesState.APPROVED
    assert not OutboxEmail.objects.filter(kind="minutes.published").exists()


def test_it_publishes_on_the_post_and_only_once_when_posted_twice(approved, login):
    admin = login("administrator")
    admin.post(_url("minutes-publish", approved.meeting))
    again = admin.post(_url("minutes-publish", approved.meeting), follow=True)
    assert "Only minutes the chair has approved can be published" in again.content.decode()
    approved.refresh_from_db()
    assert approved.state == MinutesState.PUBLISHED
    assert approved.events.filter(change=MinutesEvent.Change.PUBLISHED).count() == 1
    emails = OutboxEmail.objects.filter(kind="minutes.published")
    assert emails.count() == len(audience_for(meeting=approved.meeting))
