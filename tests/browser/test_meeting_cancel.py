"""In Chromium, at 1280 and 320 px: the chair cancels a meeting, asked first who is emailed and
why; the meeting then reads as cancelled. The presenter is chosen with the people picker."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance import services
from governance.models import AgendaItem, Meeting, MeetingKind, Visibility
from tests.browser.conftest import assert_accessible, assert_fits_the_screen, pick_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE_URL = "http://testserver/"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}


def _check(page) -> None:
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        expect(page.locator("h1")).to_be_visible()
        assert_fits_the_screen(page)
        assert_accessible(page)


@pytest.fixture
def meeting(demo) -> Meeting:
    chair = demo.user("chair")
    starts = timezone.now() + datetime.timedelta(days=9)
    meeting = services.meeting_call(
        actor=chair,
        meeting=Meeting(
            alliance=demo.southwark,
            kind=MeetingKind.WHOLE_ALLIANCE,
            title="Whole Alliance, spring review",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            venue="Crampton Primary School, hall",
            visibility=Visibility.MEMBERS,
        ),
    )
    services.invitations_send(actor=chair, meeting=meeting, base_url=BASE_URL)
    return meeting


def test_the_chair_cancels_a_meeting_saying_why(meeting, page, live_server, sign_in):
    sign_in("chair@demo.test")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Cancel the meeting").click()
    expect(page.get_by_role("heading", name="Cancel the meeting?")).to_be_visible()
    expect(page.get_by_text("Who will be emailed")).to_be_visible()
    _check(page)

    page.get_by_role("button", name="Cancel the meeting and email").click()
    expect(page).to_have_title(re.compile(r"^Error: Cancel the meeting: Whole Alliance"))
    expect(page.get_by_text("Enter why the meeting is cancelled").first).to_be_visible()
    page.get_by_label("Why is the meeting cancelled?").fill("Too few schools can come.")
    page.get_by_role("button", name="Cancel the meeting and email").click()

    expect(page.locator("#cancelled")).to_contain_text("Too few schools can come.")
    expect(page.get_by_role("link", name="Cancel the meeting")).to_have_count(0)
    expect(page.get_by_role("button", name="Send the invitations again")).to_have_count(0)
    _check(page)
    meeting.refresh_from_db()
    assert meeting.is_cancelled

    page.goto(f"{live_server.url}/southwark/meetings/")
    row = page.get_by_role("row").filter(has_text="Whole Alliance, spring review")
    expect(row).to_contain_text("Cancelled")
    _check(page)


def test_the_presenter_is_chosen_with_the_people_picker(meeting, page, live_server, sign_in):
    sign_in("chair@demo.test")
    page.goto(f"{live_server.url}/southwark/meetings/{meeting.pk}/agenda/add/")
    _check(page)
    page.get_by_label("Title").fill("Spring CPD plan")
    pick_person(page, "presenter", "Aisha Mensah")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text("presented by Aisha Mensah")).to_be_visible()
    assert AgendaItem.objects.get(meeting=meeting).presenter.full_name == "Aisha Mensah"
