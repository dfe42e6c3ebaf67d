"""In Chromium: typed minutes are never lost. Adding an action keeps the notes on the page (and
saves them); leaving with unsaved text asks first; the minutes and meeting pages fit a 320 px
phone and pass axe."""

import re

import pytest
from playwright.sync_api import expect

from governance.models import Action, Meeting, MinutesEntry
from tests.browser.conftest import assert_accessible, assert_fits_the_screen, pick_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT_MEETING = "Headteachers’ termly session, autumn"
ITEM = "Write the minutes of Attendance after half term"


def _open_the_item(page, live_server, sign_in, *, until: str = "load") -> MinutesEntry:
    """Open the item's minutes and wait ``until`` the page has loaded: htmx saves drafts from
    typing it hears once the page has loaded (before, only on leaving the field)."""
    meeting = Meeting.objects.get(title=DRAFT_MEETING)
    sign_in("administrator@demo.test")
    page.goto(f"{live_server.url}/southwark/meetings/{meeting.pk}/minutes/")
    with page.expect_navigation(wait_until=until):
        page.get_by_role("link", name=ITEM).click()
    return MinutesEntry.objects.get(
        minutes__meeting=meeting, agenda_item__title__startswith="Attendance after half term"
    )


def test_it_keeps_the_typed_notes_when_an_action_is_added(demo, page, live_server, sign_in):
    entry = _open_the_item(page, live_server, sign_in)
    page.get_by_label("Discussion notes").fill("Heads shared first-day calling.")
    page.get_by_label("Decisions").fill("Pilot it in five schools.")
    page.get_by_label("Description").fill("Send the pilot schools the calling script")
    pick_person(page, "owner", "Daniel Forde — Bellenden Road")
    page.get_by_label("Due").fill("2030-01-31")
    page.get_by_role("button", name="Add the action").click()

    expect(page.get_by_text("Send the pilot schools the calling script:")).to_be_visible()
    expect(page.get_by_label("Discussion notes")).to_have_value("Heads shared first-day calling.")
    expect(page.get_by_label("Decisions")).to_have_value("Pilot it in five schools.")
    expect(page.get_by_label("Description")).to_have_value("")  # ready for the next action
    # The fresh action form htmx put in place has the people picker again, not a long list.
    expect(page.locator("input#id_owner")).to_be_visible()
    expect(page.locator("select#id_owner")).to_be_hidden()
    entry.refresh_from_db()
    assert entry.notes == "Heads shared first-day calling."  # saved with the action

    # Nothing unsaved now: the page is left without a question.
    page.get_by_role("link", name="Minutes", exact=True).click()
    expect(page.get_by_text("Pilot it in five schools.")).to_be_visible()


def test_it_saves_a_draft_while_typing(demo, page, live_server, sign_in):
    entry = _open_the_item(page, live_server, sign_in)
    page.get_by_label("Discussion notes").clear()
    page.get_by_label("Discussion notes").press_sequentially("Saved as a draft")
    expect(page.get_by_text(re.compile(r"Draft saved at"))).to_be_visible(timeout=10_000)
    entry.refresh_from_db()
    assert entry.notes == "Saved as a draft"


def test_it_warns_before_leaving_unsaved_text(demo, page, live_server, sign_in):
    _open_the_item(page, live_server, sign_in)
    page.get_by_label("Description").press_sequentially("An action not added yet")
    dialogs = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("link", name="Minutes", exact=True).click()
    for _ in range(50):  # up to 5 s: a busy machine asks later
        if dialogs:
            break
        page.wait_for_timeout(100)
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label("Description")).to_have_value("An action not added yet")


def test_it_warns_of_text_typed_before_the_page_finished_loading(demo, page, live_server, sign_in):
    # On a slow connection the warning's script arrives after the person has started typing.
    held = []

    def hold(route) -> None:
        held.append(route)

    page.route("**/js/unsaved-changes.js", hold)
    _open_the_item(page, live_server, sign_in, until="commit")
    page.get_by_label("Description").fill("Typed while the page was still loading")
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_load_state("load")
    dialogs = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("link", name="Minutes", exact=True).click()
    for _ in range(50):
        if dialogs:
            break
        page.wait_for_timeout(100)
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label("Description")).to_have_value("Typed while the page was still loading")


@pytest.mark.parametrize("width", [1280, 320])
def test_the_minutes_and_meeting_pages_fit_a_phone_and_pass_axe(
    demo, page, live_server, sign_in, width
):
    page.set_viewport_size({"width": width, "height": 800})
    _open_the_item(page, live_server, sign_in)
    meeting = Meeting.objects.get(title=DRAFT_MEETING)
    approved = Meeting.objects.get(title="Strategic Board, half-term review")
    action = Action.objects.filter(entry__minutes__state="published").first()
    base = f"{live_server.url}/southwark/meetings"
    pages = ["", f"{meeting.pk}/", f"{meeting.pk}/minutes/", "actions/"]
    pages += [f"{approved.pk}/minutes/publish/", f"actions/{action.pk}/edit/"]
    for path in pages:
        page.goto(f"{base}/{path}")
        assert_fits_the_screen(page)
        assert_accessible(page)
    page.goto(f"{base}/{meeting.pk}/minutes/")
    page.get_by_role("link", name=ITEM).click()
    assert_fits_the_screen(page)
    assert_accessible(page)
