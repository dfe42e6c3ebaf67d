"""Meeting emails go through the one outbox: written with the change, sent by the sender, so a
mail server that is down neither fails the change nor loses the emails."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from alliance.models import OutboxEmail
from alliance.outbox import emails_send
from governance import services
from governance.models import MinutesState
from governance.selectors import audience_for
from tests.governance.conftest import BASE_URL
from tests.mail_backends import REFUSING

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(call_meeting, demo):
    meeting = call_meeting()
    admin = demo.user("administrator")
    minutes = services.minutes_start(actor=admin, meeting=meeting)
    services.minutes_submit(actor=admin, minutes=minutes, base_url=BASE_URL)
    services.minutes_approve(actor=demo.user("chair"), minutes=minutes)
    return minutes


def test_it_publishes_the_minutes_with_the_mail_server_down_and_emails_them_later(
    approved, login, settings
):
    meeting = approved.meeting
    settings.MAILERS = REFUSING
    response = login("administrator").post(
        reverse("governance:minutes-publish", args=["southwark", meeting.pk])
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.state == MinutesState.PUBLISHED
    audience = audience_for(meeting=meeting)
    waiting = OutboxEmail.objects.filter(kind="minutes.published", sent_at=None)
    assert sorted(e.payload["email"] for e in waiting) == audience

    assert emails_send() == 0  # still down: kept, to be tried again after a pause
    assert all(e.attempts == 1 and "Connection" in e.error for e in waiting.all())
    waiting.update(next_attempt_at=None)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert emails_send() == len(audience) > 0
    assert sorted(m.to[0] for m in mail.outbox) == audience
    assert all(m.subject == f"Minutes published: {meeting.title}" for m in mail.outbox)


def test_a_meeting_change_that_rolls_back_sends_nothing(call_meeting, demo):
    meeting = call_meeting(days=10)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.invitations_send(actor=demo.user("chair"), meeting=meeting, base_url=BASE_URL)
        raise RuntimeError("something later in the same change fails")
    assert emails_send() == 0
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is None
