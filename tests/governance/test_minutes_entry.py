"""One agenda item's minutes are one form: adding an action keeps (and saves) the notes and
decisions typed beside it; drafts are saved by htmx while typing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from governance.models import Action, Meeting, MinutesEntry

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(name: str, entry: MinutesEntry) -> str:
    meeting: Meeting = entry.minutes.meeting
    return reverse(f"governance:{name}", args=["southwark", meeting.pk, entry.pk])


@pytest.fixture
def entry(call_meeting, login) -> MinutesEntry:
    meeting = call_meeting()
    login("administrator").post(reverse("governance:minutes-start", args=["southwark", meeting.pk]))
    return meeting.minutes.get().entries.order_by("agenda_item__position").first()


def _action(person, **extra) -> dict:
    return {"description": "Order the books", "owner": person("head").pk, "due_on": "2030-01-31"}


def test_it_saves_the_typed_notes_with_the_action_added(entry, login, person):
    response = login("administrator").post(
        _url("action-create", entry),
        {"notes": "Typed, never saved", "decisions": "Buy books", **_action(person)},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.notes, entry.decisions) == ("Typed, never saved", "Buy books")
    assert Action.objects.get(entry=entry).description == "Order the books"


def test_it_adds_an_action_in_place_by_htmx_and_answers_only_the_actions(entry, login, person):
    response = login("administrator").post(
        _url("action-create", entry), {"notes": "Kept", "decisions": "", **_action(person)}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Order the books" in html and "<html" not in html and 'id="actions"' in html
    entry.refresh_from_db()
    assert entry.notes == "Kept"


def test_it_keeps_the_typed_notes_when_the_action_is_refused(entry, login):
    response = login("administrator").post(
        _url("action-create", entry), {"notes": "Still here", "decisions": "", "description": "x"}
    )
    assert response.status_code == 200
    assert "Still here" in response.content.decode()
    assert "owner" in response.context["action_form"].errors
    entry.refresh_from_db()
    assert entry.notes == ""  # nothing half-saved
    assert not Action.objects.filter(entry=entry).exists()


def test_it_refuses_an_action_by_htmx_with_the_errors_next_to_the_fields(entry, login):
    response = login("administrator").post(
        _url("action-create", entry), {"notes": "", "decisions": "", "description": "x"}, **HTMX
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Choose owner" in html and "Enter due" in html


def test_it_leaves_the_notes_alone_when_an_action_comes_without_them(entry, login, person):
    MinutesEntry.objects.filter(pk=entry.pk).update(notes="Saved earlier")
    login("administrator").post(_url("action-create", entry), _action(person))
    entry.refresh_from_db()
    assert entry.notes == "Saved earlier"


def test_it_saves_a_draft_by_htmx_and_says_when(entry, login):
    response = login("administrator").post(
        _url("minutes-entry-edit", entry), {"notes": "Draft", "decisions": ""}, **HTMX
    )
    assert response.status_code == 200
    assert "Draft saved at" in response.content.decode()
    entry.refresh_from_db()
    assert entry.notes == "Draft"


def test_it_says_a_draft_was_not_saved_once_the_minutes_are_submitted(entry, login):
    login("administrator").post(
        reverse("governance:minutes-submit", args=["southwark", entry.minutes.meeting_id])
    )
    response = login("administrator").post(
        _url("minutes-entry-edit", entry), {"notes": "Too late", "decisions": ""}, **HTMX
    )
    assert response.status_code == 409
    assert "Not saved:" in response.content.decode()
    entry.refresh_from_db()
    assert entry.notes == ""


def test_the_page_warns_before_unsaved_text_is_left(entry, login):
    html = login("administrator").get(_url("minutes-entry-edit", entry)).content.decode()
    assert "data-unsaved-warning" in html and "js/unsaved-changes.js" in html
    assert 'data-hx-trigger="input changed delay:3s, change"' in html
