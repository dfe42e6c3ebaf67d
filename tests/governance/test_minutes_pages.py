"""The minutes pages: drafting through the browser forms and the workflow buttons."""

from __future__ import annotations

import pytest
from django.urls import reverse

from governance.models import Action, Meeting, MinutesState

pytestmark = pytest.mark.django_db


def _url(name: str, meeting: Meeting, *extra) -> str:
    return reverse(f"governance:{name}", args=["southwark", meeting.pk, *extra])


def test_it_drafts_submits_approves_and_publishes_through_the_pages(
    call_meeting, login, person, mailoutbox
):
    meeting = call_meeting()
    admin = login("administrator")
    admin.post(_url("minutes-start", meeting))
    entry = meeting.minutes.get().entries.order_by("agenda_item__position").first()
    response = admin.post(
        _url("minutes-entry-edit", meeting, entry.pk),
        {"notes": "We discussed *phonics*.", "decisions": "Buy new phonics books."},
    )
    assert response.status_code == 302
    response = admin.post(
        _url("action-create", meeting, entry.pk),
        {"description": "Order the books", "owner": person("head").pk, "due_on": "2030-01-31"},
    )
    assert response.status_code == 302
    assert Action.objects.get(entry=entry).owner == person("head")

    admin.post(_url("minutes-submit", meeting))
    chair = login("chair")
    page = chair.get(_url("minutes-detail", meeting)).content.decode()
    assert "Approve the minutes" in page and "Buy new phonics books." in page
    chair.post(_url("minutes-approve", meeting))
    login("administrator").post(_url("minutes-publish", meeting))
    assert meeting.minutes.get().state == MinutesState.PUBLISHED
    html = login("board").get(_url("minutes-detail", meeting)).content.decode()
    assert "<em>phonics</em>" in html and "Order the books" in html


def test_it_refuses_an_action_without_owner_or_date_next_to_the_fields(call_meeting, login):
    meeting = call_meeting()
    admin = login("administrator")
    admin.post(_url("minutes-start", meeting))
    entry = meeting.minutes.get().entries.first()
    response = admin.post(_url("action-create", meeting, entry.pk), {"description": "x"})
    errors = response.context["action_form"].errors
    assert "owner" in errors and "due_on" in errors


def test_it_tells_the_chair_why_unsubmitted_minutes_cannot_be_approved(call_meeting, login):
    meeting = call_meeting()
    login("administrator").post(_url("minutes-start", meeting))
    response = login("chair").post(_url("minutes-approve", meeting), follow=True)
    assert "Only minutes submitted for approval can be approved" in response.content.decode()
    assert meeting.minutes.get().state == MinutesState.DRAFT


def test_it_tells_the_administrator_published_minutes_cannot_be_edited(published, login):
    meeting = published()
    entry = meeting.minutes.get().entries.first()
    response = login("administrator").post(
        _url("minutes-entry-edit", meeting, entry.pk), {"notes": "Edited", "decisions": ""}
    )
    assert response.status_code == 200
    assert "Published minutes cannot be edited" in response.content.decode()


def test_it_starts_a_correction_with_a_reason(published, login):
    meeting = published()
    client = login("administrator")
    empty = client.post(_url("minutes-correct", meeting), {"reason": ""})
    assert "Enter reason" in empty.context["form"].errors["reason"]
    client.post(_url("minutes-correct", meeting), {"reason": "Wrong date in item 1"})
    assert list(meeting.minutes.values_list("revision", "state")) == [
        (2, "draft"),
        (1, "published"),
    ]


def test_it_prints_and_renders_a_pdf_of_published_minutes(published, login):
    meeting = published(kind="whole_alliance", visibility="public")
    client = login("anonymous")
    printed = client.get(_url("minutes-print", meeting)).content.decode()
    assert "Decided about Open item on phonics." in printed
    pdf = client.get(_url("minutes-pdf", meeting))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_it_lists_minutes_waiting_on_the_chairs_and_administrators_home(call_meeting, login):
    meeting = call_meeting()
    admin = login("administrator")
    admin.post(_url("minutes-start", meeting))
    home = reverse("alliance:role-home", args=["southwark"])
    assert "Test board meeting</a>: draft" in admin.get(home).content.decode()
    admin.post(_url("minutes-submit", meeting))
    chair_home = login("chair").get(home).content.decode()
    assert "Minutes waiting for you" in chair_home
    assert "Test board meeting</a>: submitted for approval" in chair_home


def test_it_lists_who_was_present_and_who_sent_apologies(login):
    meeting = Meeting.objects.get(title="Strategic Board, autumn term")
    html = login("board").get(_url("minutes-detail", meeting)).content.decode()
    present = meeting.invitees.filter(attended=True).first().person.full_name
    apologies = meeting.invitees.filter(reply="apologies").first().person.full_name
    assert present in html.split("<strong>Present:</strong>")[1].split("</p>")[0]
    assert apologies in html.split("<strong>Apologies:</strong>")[1].split("</p>")[0]
