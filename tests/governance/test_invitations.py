""" "Send the invitations" names everyone it passes by and why (no email address, declined,
already sent), with a way to send them one; a meeting that moves tells those invited."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from alliance.models import OutboxEmail
from alliance.outbox import emails_send
from governance import services
from governance.models import Invitee, Reply
from members.models import Person
from tests.governance.conftest import BASE_URL

pytestmark = pytest.mark.django_db


def _send(client, meeting, **data):
    url = reverse("governance:invitations-send", args=["southwark", meeting.pk])
    response = client.post(url, data, follow=True)
    return [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]


@pytest.fixture
def meeting(call_meeting, person):
    meeting = call_meeting(days=10)
    Person.objects.filter(pk=person("board").pk).update(email="")
    meeting.invitees.filter(person=person("director")).update(reply=Reply.APOLOGIES)
    return meeting


def test_it_names_who_was_not_sent_one_and_why(meeting, login, person):
    chair = login("chair")
    said = " ".join(_send(chair, meeting))
    sendable = meeting.invitees.exclude(person__email="").exclude(reply=Reply.APOLOGIES)
    sent = OutboxEmail.objects.filter(kind="meeting.invitation").count()
    assert sent == sendable.count() < meeting.invitees.count()
    assert f"Invitations sent to {sent} people." in said
    assert f"{person('board').full_name} (no email address)" in said
    assert f"{person('director').full_name} (declined: sent apologies)" in said

    again = " ".join(_send(chair, meeting))
    assert "Invitations sent to 0 people." in again
    assert f"{person('chair').full_name} (already sent on" in again
    assert OutboxEmail.objects.filter(kind="meeting.invitation").count() == sent  # none twice


def test_it_sends_one_again_or_anyway_to_the_invitee_chosen(meeting, login, person):
    chair = login("chair")
    _send(chair, meeting)
    director = meeting.invitees.get(person=person("director"))
    said = " ".join(_send(chair, meeting, invitee=director.pk))
    assert "Invitations sent to 1 person." in said
    last = OutboxEmail.objects.filter(kind="meeting.invitation").latest("pk")
    assert last.payload["invitee_id"] == director.pk
    page = chair.get(meeting.get_absolute_url()).content.decode()
    assert f'Send again<span class="visually-hidden"> to {person("director").full_name}' in page
    assert "Not sent: no email address" in page


def test_it_refuses_an_invitee_of_another_meeting(meeting, call_meeting, login):
    other = call_meeting(days=12).invitees.first()
    said = " ".join(_send(login("chair"), meeting, invitee=other.pk))
    assert "That person is not invited to this meeting." in said
    assert not OutboxEmail.objects.filter(kind="meeting.invitation").exists()


def test_a_meeting_that_moves_emails_those_invited(meeting, demo, mailoutbox):
    chair = demo.user("chair")
    sent = services.invitations_send(actor=chair, meeting=meeting, base_url=BASE_URL)
    emails_send()
    mailoutbox.clear()
    meeting.starts_at += datetime.timedelta(days=1)
    meeting.ends_at += datetime.timedelta(days=1)
    services.meeting_update(actor=chair, meeting=meeting, base_url=BASE_URL)
    assert emails_send() == sent == len(mailoutbox)
    assert all(m.subject.startswith("Changed: ") for m in mailoutbox)

    mailoutbox.clear()
    meeting.title = "Same time, new name"
    services.meeting_update(actor=chair, meeting=meeting, base_url=BASE_URL)
    assert emails_send() == 0


def test_invitations_are_recorded_one_by_one(meeting, demo):
    services.invitations_send(actor=demo.user("chair"), meeting=meeting, base_url=BASE_URL)
    unsent = Invitee.objects.filter(meeting=meeting, invitation_sent_at__isnull=True)
    passed_by = meeting.invitees.filter(person__email="") | meeting.invitees.filter(
        reply=Reply.APOLOGIES
    )
    assert set(unsent) == set(passed_by) != set()
