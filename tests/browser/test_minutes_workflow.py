"""In Chromium: the administrator drafts minutes, the chair approves, the administrator
publishes, a headteacher reads them; anonymous visitors cannot read board-only minutes."""

import re

import pytest
from playwright.sync_api import expect

from governance.models import Meeting
from tests.browser.conftest import assert_accessible, pick_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT_MEETING = "Headteachers’ termly session, autumn"
BOARD_MEETING = "Strategic Board, autumn term"


def _sign_out(page) -> None:
    page.context.clear_cookies()


def test_it_takes_minutes_from_draft_to_a_headteacher_reading_them(
    demo, page, live_server, sign_in
):
    meeting = Meeting.objects.get(title=DRAFT_MEETING)
    minutes_url = f"{live_server.url}/southwark/meetings/{meeting.pk}/minutes/"

    sign_in("administrator@demo.test")
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name=DRAFT_MEETING).click()
    page.get_by_role("link", name=re.compile(r"Minutes \(draft\)")).click()
    page.get_by_role("link", name="Write the minutes of Attendance after half term").click()
    page.get_by_label("Discussion notes").fill(
        "Heads shared **first-day calling**.\n\n<script>alert(1)</script>"
    )
    page.get_by_label("Decisions").fill("Pilot first-day calling in five schools.")
    page.get_by_role("button", name="Save notes and decisions").click()
    expect(
        page.get_by_text("Minutes of “Attendance after half term: common issues” saved.")
    ).to_be_visible()

    page.get_by_role("link", name="Write the minutes of Attendance after half term").click()
    page.get_by_label("Description").fill("Send the pilot schools the calling script")
    pick_person(page, "owner", "Daniel Forde — Bellenden Road")
    page.get_by_label("Due").fill("2030-01-31")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Action added; the notes and decisions are saved too.")).to_be_visible()
    page.get_by_role("link", name="Minutes", exact=True).click()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text("Submitted for approval").first).to_be_visible()

    _sign_out(page)
    sign_in("chair@demo.test")
    page.goto(minutes_url)
    expect(page.get_by_text("Pilot first-day calling in five schools.")).to_be_visible()
    page.get_by_role("button", name="Approve the minutes").click()
    expect(page.get_by_text("Minutes approved.")).to_be_visible()

    _sign_out(page)
    sign_in("administrator@demo.test")
    page.goto(minutes_url)
    page.get_by_role("link", name="Publish the minutes").click()
    expect(page.get_by_text("Who will be emailed")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"Publish and email \d+ people")).click()
    expect(page.get_by_text("Minutes published")).to_be_visible()

    _sign_out(page)
    sign_in("head@demo.test")
    expect(page.get_by_text("Send the pilot schools the calling script")).to_be_visible()
    page.goto(minutes_url)
    expect(page.get_by_role("heading", name=f"Minutes: {DRAFT_MEETING}")).to_be_visible()
    expect(page.get_by_text("Pilot first-day calling in five schools.")).to_be_visible()
    expect(page.locator("strong", has_text="first-day calling")).to_be_visible()
    expect(page.get_by_text("<script>alert(1)</script>")).to_be_visible()  # shown as text
    expect(page.get_by_role("link", name="Publish the minutes")).to_have_count(0)


def test_it_keeps_board_minutes_from_anonymous_visitors(demo, page, live_server):
    meeting = Meeting.objects.get(title=BOARD_MEETING)
    page.goto(f"{live_server.url}/southwark/meetings/{meeting.pk}/minutes/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"{live_server.url}/southwark/meetings/")
    expect(page.get_by_role("link", name=BOARD_MEETING)).to_have_count(0)


@pytest.mark.parametrize(
    "path",
    ["meeting", "minutes", "actions", "edit", "call", "attendance", "home"],
)
def test_it_has_no_serious_accessibility_violations_on_governance_pages(
    path, demo, page, live_server, sign_in
):
    board = Meeting.objects.get(title=BOARD_MEETING)
    draft = Meeting.objects.get(title=DRAFT_MEETING)
    entry = draft.minutes.get().entries.first()
    urls = {
        "meeting": f"/southwark/meetings/{board.pk}/",
        "minutes": f"/southwark/meetings/{board.pk}/minutes/",
        "actions": "/southwark/meetings/actions/",
        "edit": f"/southwark/meetings/{draft.pk}/minutes/items/{entry.pk}/",
        "call": "/southwark/meetings/call/",
        "attendance": f"/southwark/meetings/{draft.pk}/attendance/",
        "home": "/southwark/home/",
    }
    sign_in("administrator@demo.test")
    expect(page).to_have_url(re.compile(r"/southwark/home/$"))
    page.goto(f"{live_server.url}{urls[path]}")
    assert_accessible(page)


def test_it_has_no_serious_accessibility_violations_on_the_public_archive(demo, page, live_server):
    page.goto(f"{live_server.url}/southwark/meetings/")
    assert_accessible(page)
