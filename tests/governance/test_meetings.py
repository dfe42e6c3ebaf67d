"""Calling a meeting, inviting people with an .ics, their replies and attendance."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from alliance.models import Role, RoleAssignment
from alliance.outbox import emails_send
from governance import services
from governance.models import Invitee, Meeting, MeetingKind, Reply

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    starts = timezone.localtime() + datetime.timedelta(days=20)
    data = {
        "kind": "board",
        "title": "Strategic Board, extra meeting",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "venue": "Crampton Primary School",
        "online_link": "",
        "visibility": "board",
        "strand": "",
    }
    return {**data, **overrides}


def test_it_lets_a_chair_call_a_board_meeting_and_invites_the_board(login, demo):
    url = reverse("governance:meeting-create", args=["southwark"])
    response = login("chair").post(url, _form())
    meeting = Meeting.objects.get(title="Strategic Board, extra meeting")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    invited = set(meeting.invitees.values_list("person__full_name", flat=True))
    assert {"Helen Marsh", "Marcus Bell", "Olu Bankole", "Clare Whitaker", "Sam Okoro"} <= invited
    assert "Daniel Forde" not in invited  # a member headteacher is not on the board
    assert meeting.called_by.user == demo.user("chair")


def test_it_invites_a_guest_the_chair_names_as_well(login, person):
    sle_lead = person("cpd-lead")
    url = reverse("governance:meeting-create", args=["southwark"])
    login("chair").post(url, _form(title="Board with a guest", also_invite=[sle_lead.pk]))
    invited = Meeting.objects.get(title="Board with a guest").invitees
    assert invited.filter(person=sle_lead).exists()
    assert invited.filter(person__user__email="board@demo.test").exists()


def test_it_invites_every_member_headteacher_to_a_whole_alliance_meeting(login, demo):
    login("administrator").post(
        reverse("governance:meeting-create", args=["southwark"]),
        _form(kind="whole_alliance", title="Whole Alliance, extra", visibility="members"),
    )
    meeting = Meeting.objects.get(title="Whole Alliance, extra")
    heads = RoleAssignment.objects.current().filter(alliance=demo.southwark, role=Role.HEADTEACHER)
    assert set(heads.values_list("person", flat=True)) <= set(
        meeting.invitees.values_list("person", flat=True)
    )


def test_it_invites_the_strands_strategic_lead_to_a_strand_meeting(login, demo):
    cpd = demo.southwark.strands.get(kind="cpd")
    login("chair").post(
        reverse("governance:meeting-create", args=["southwark"]),
        _form(kind="strand", strand=cpd.pk, title="CPD strand, extra", visibility="members"),
    )
    invited = set(
        Meeting.objects.get(title="CPD strand, extra").invitees.values_list(
            "person__full_name", flat=True
        )
    )
    assert "Aisha Mensah" in invited  # the CPD strategic lead
    assert "Tom Hartley" not in invited  # the ITT lead


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"venue": ""}, "venue", "Give a venue or an online meeting link."),
        ({"kind": "strand"}, "strand", "Choose the strand this meeting is for."),
        ({"title": ""}, "title", "Enter title"),
        ({"online_link": "not a link"}, "online_link", "Enter a valid URL."),
        (
            {"title": "Board\r\nBcc: everyone@example.org"},
            "title",
            "Keep this to one line: remove the line break.",
        ),
    ],
)
def test_it_shows_errors_next_to_the_fields(login, overrides, field, message):
    response = login("chair").post(
        reverse("governance:meeting-create", args=["southwark"]), _form(**overrides)
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]


def test_it_refuses_a_meeting_that_ends_before_it_starts(login):
    starts = timezone.localtime() + datetime.timedelta(days=3)
    response = login("chair").post(
        reverse("governance:meeting-create", args=["southwark"]),
        _form(ends_at=(starts - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")),
    )
    assert "The meeting must end after it starts." in response.context["form"].errors["ends_at"]


def test_it_emails_each_invitee_the_agenda_an_ics_and_a_reply_link(call_meeting, login, mailoutbox):
    meeting = call_meeting(days=10, confidential_second_item=True)
    mailoutbox.clear()
    url = reverse("governance:invitations-send", args=["southwark", meeting.pk])
    response = login("chair").post(url)
    assert response.status_code == 302
    with_email = meeting.invitees.exclude(person__email="")
    assert mailoutbox == []  # waiting in the outbox for the sender
    assert emails_send() == len(mailoutbox) == with_email.count() > 0
    message = next(m for m in mailoutbox if m.to == ["board@demo.test"])
    assert "Open item on phonics" in message.body
    assert "Staffing matter" not in message.body  # confidential items stay out of emails
    token = with_email.get(person__email="board@demo.test").token
    assert f"/southwark/meetings/reply/{token}/" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "meeting.ics" and mimetype.startswith("text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == "STSA: Test board meeting"
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None
    assert meeting.invitations_sent_by.email == "chair@demo.test"


def test_it_takes_a_reply_through_the_invitation_link_without_sign_in(call_meeting, client):
    meeting = call_meeting(days=10)
    invitee = meeting.invitees.first()
    url = reverse("governance:rsvp", args=["southwark", invitee.token])
    assert invitee.meeting.title in client.get(url).content.decode()
    response = client.post(url, {"reply": "apologies"})
    assert response.status_code == 302 and response["Location"] == url
    invitee.refresh_from_db()
    assert invitee.reply == Reply.APOLOGIES and invitee.replied_at is not None


def test_it_refuses_a_reply_after_the_meeting(call_meeting, client):
    invitee = call_meeting(days=-3).invitees.first()
    url = reverse("governance:rsvp", args=["southwark", invitee.token])
    response = client.post(url, {"reply": "attending"})
    assert "already taken place" in response.content.decode()
    invitee.refresh_from_db()
    assert invitee.reply == Reply.AWAITING


def test_it_lets_a_signed_in_invitee_reply_from_the_meeting_page(call_meeting, login):
    meeting = call_meeting(days=10)
    client = login("board")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "You are invited" in html
    invitee = meeting.invitees.get(person__user__email="board@demo.test")
    url = reverse("governance:rsvp", args=["southwark", invitee.token])
    response = client.post(url, {"reply": "attending"}, follow=True)
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert "Your reply: <strong>Attending</strong>" in response.content.decode()


def test_it_records_attendance_on_the_day(call_meeting, login, demo):
    meeting = call_meeting(days=0)
    present = meeting.invitees.filter(person__user__email="board@demo.test").get()
    url = reverse("governance:attendance", args=["southwark", meeting.pk])
    response = login("administrator").post(url, {"present": [present.pk]})
    assert response.status_code == 302
    assert Invitee.objects.get(pk=present.pk).attended is True
    assert not meeting.invitees.exclude(pk=present.pk).filter(attended__isnull=True).exists()
    meeting.refresh_from_db()
    assert meeting.attendance_recorded_by == demo.user("administrator")


def test_it_refuses_attendance_before_the_day(call_meeting, demo):
    meeting = call_meeting(days=5)
    with pytest.raises(services.ValidationError, match="from the day of the meeting"):
        services.attendance_record(
            actor=demo.user("administrator"), meeting=meeting, present_ids=set()
        )


def test_it_offers_the_meeting_as_a_calendar_file(call_meeting, login):
    meeting = call_meeting(kind=MeetingKind.WHOLE_ALLIANCE, visibility="public")
    url = reverse("governance:meeting-ics", args=["southwark", meeting.pk])
    response = login("anonymous").get(url)
    assert response["Content-Type"] == "text/calendar"
    assert b"BEGIN:VEVENT" in response.content


def test_it_lists_meetings_in_a_bounded_number_of_queries(login, django_assert_max_num_queries):
    client = login("chair")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("governance:meeting-list", args=["southwark"]))
    assert "Strategic Board, autumn term" in response.content.decode()


def test_it_lets_the_chair_move_a_meeting_and_reorder_its_agenda(call_meeting, login):
    meeting = call_meeting(days=10)
    client = login("chair")
    later = timezone.localtime(meeting.starts_at) + datetime.timedelta(days=2)
    response = client.post(
        reverse("governance:meeting-edit", args=["southwark", meeting.pk]),
        _form(
            title=meeting.title,
            starts_at=later.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(later + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).date() == later.date()
    assert meeting.kind == "board"  # the kind is not on the form

    second = meeting.agenda_items.get(position=2)
    client.post(
        reverse("governance:agenda-item-edit", args=["southwark", meeting.pk, second.pk]),
        {"position": 0, "title": second.title, "presenter": second.presenter_id},
    )
    second.refresh_from_db()
    assert second.position == 2  # position 0 is refused next to the field
    client.post(
        reverse("governance:agenda-item-edit", args=["southwark", meeting.pk, second.pk]),
        {"position": 1, "title": "Staffing, moved up", "presenter": second.presenter_id},
    )
    agenda = client.get(meeting.get_absolute_url()).context["agenda"]
    assert [(i.position, i.title) for i in agenda] == [
        (1, "Staffing, moved up"),
        (2, "Open item on phonics"),
    ]


def test_it_fixes_the_agenda_once_the_minutes_are_published(published, login):
    meeting = published()
    item = meeting.agenda_items.first()
    response = login("chair").post(
        reverse("governance:agenda-item-edit", args=["southwark", meeting.pk, item.pk]),
        {"position": 1, "title": "Rewritten history", "presenter": item.presenter_id},
    )
    assert "part of the record" in response.content.decode()
    item.refresh_from_db()
    assert item.title != "Rewritten history"


def test_it_shows_an_invitee_their_coming_meetings_on_their_home(login):
    home = login("board").get(reverse("alliance:role-home", args=["southwark"]))
    html = home.content.decode()
    assert "Your meetings" in html and "Strategic Board, spring term" in html
    assert "your reply: no reply yet" in html
    section = html.split("Your meetings")[1].split("</section>")[0]
    assert "Strategic Board, autumn term" not in section  # it is over
