"""Issue 12 in a real browser: GOV.UK-style errors, the people picker by keyboard, and the
pages of programmes, members and the audit log on a 320 px phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from programmes.models import Programme, Session
from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONICS = "Phonics for new teachers"


def _no_sideways_scroll(page) -> None:
    """Neither the page nor a table's own scrolling box is wider than the phone: a table is
    read as labelled cards, not by scrolling it sideways."""
    assert_fits_the_screen(page)
    unlabelled = page.evaluate(
        "() => document.querySelectorAll('main table td:not([data-label])').length"
    )
    assert unlabelled == 0, f"{page.url}: {unlabelled} table cells without a label"


def test_an_empty_form_shows_the_error_summary_and_takes_focus_to_it(
    demo, page, live_server, sign_in
):
    sign_in("cpd-lead@demo.test")
    page.goto(f"{live_server.url}/southwark/cpd/new/")
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Save programme").click()
    expect(page).to_have_title(re.compile(r"^Error: New programme"))
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Enter title")).to_be_visible()
    expect(page.locator("#error_1_id_title")).to_contain_text("Enter title")
    assert_accessible(page)
    summary.get_by_role("link", name="Enter title").click()
    expect(page.get_by_label("Title")).to_be_focused()


def test_the_people_picker_works_by_keyboard_and_posts_the_person(demo, page, live_server, sign_in):
    sign_in("cpd-lead@demo.test")
    page.goto(f"{live_server.url}/southwark/cpd/new/")
    page.get_by_label("Strand").select_option(label="Continuing professional development")
    page.get_by_label("Title").fill("Reading for pleasure")
    page.get_by_label("Summary").fill("Building a reading culture.")
    page.get_by_label("Teachers", exact=True).check()
    page.get_by_label("Led by").select_option(index=1)
    # The search field the script puts in place of the select, under the same label.
    page.locator("input#id_facilitators").fill("okafor")
    expect(
        page.get_by_role("option", name=re.compile("Chloe Okafor — Grange Walk"))
    ).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    chosen = page.get_by_role("list", name="Chosen")
    expect(chosen).to_contain_text("Chloe Okafor")
    expect(page.get_by_label("Facilitators")).to_be_focused()
    expect(page.get_by_label("Facilitators")).to_have_value("")
    assert_accessible(page)
    page.get_by_role("button", name="Save programme").click()
    expect(page.get_by_role("heading", name="Reading for pleasure")).to_be_visible()
    programme = Programme.objects.get(title="Reading for pleasure")
    assert [p.full_name for p in programme.facilitators.all()] == ["Chloe Okafor"]


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("head", "/southwark/cpd/bookings/"),
        ("cpd-lead", "/southwark/cpd/manage/"),
        ("cpd-lead", "register"),
        ("director", "/southwark/people/"),
        ("chair", "/southwark/people/grants/"),
        ("head", "/southwark/members/"),
        ("head", "/southwark/sles/"),
        ("director", "/southwark/audit/"),
        # The forms with people pickers.
        ("cpd-lead", "/southwark/cpd/new/"),
        ("chair", "/southwark/meetings/call/"),
    ],
)
def test_the_pages_fit_a_320_px_phone_without_accessibility_problems(
    demo, page, live_server, sign_in, persona, path
):
    if path == "register":
        session = Session.objects.filter(programme__title=PHONICS).order_by("starts_at").first()
        path = f"/southwark/cpd/sessions/{session.pk}/register/"
    sign_in(f"{persona}@demo.test")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("h1")).to_be_visible()
    _no_sideways_scroll(page)
    assert_accessible(page)


def test_a_focused_control_shows_a_thick_outline(demo, page, live_server):
    page.goto(f"{live_server.url}/southwark/cpd/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the alliance's name in the navigation bar
    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow];
        }"""
    )
    assert style[0] == "solid" and style[1] >= 2, style
    assert "255, 221, 0" in style[2], style  # the yellow band around it
