"""A new head, from their home page: books two staff on two sessions, checks the answers and
the total, confirms, keeps the reference, adds the booking to a calendar, then cancels one
place through its own page and sees its price drop to nothing; at 1280 and 320 px wide."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from programmes.models import Booking, Session
from programmes.services import programmes_refresh_schedule
from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MASTERY = "Mastery in mathematics"  # £50 a place for members, two sessions


def _fits_and_is_accessible(page) -> None:
    """No axe violation of any impact, and nothing wider than the window, at both widths."""
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        assert_accessible(page)
        violations = Axe().run(page).response["violations"]
        assert violations == [], [v["id"] for v in violations]
        assert_fits_the_screen(page)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_new_head_books_checks_confirms_and_cancels(demo, page, live_server, sign_in):
    sessions = Session.objects.filter(programme__title=MASTERY).order_by("starts_at")
    sessions.update(capacity=30)  # the demo leaves one place: room for both here
    programmes_refresh_schedule(programme_ids=[sessions[0].programme_id])
    sign_in("head@demo.test")
    clicks = 0

    def click(locator) -> None:
        nonlocal clicks
        clicks += 1
        locator.click()

    click(page.get_by_role("link", name="Book CPD"))
    click(page.get_by_role("link", name=MASTERY))
    click(page.get_by_role("link", name="Book every session"))
    page.get_by_label("Alice Morgan").check()
    page.get_by_label("Ben Okoye").check()
    click(page.get_by_role("button", name="Continue"))

    expect(page.get_by_role("heading", name="Check your answers before booking")).to_be_visible()
    expect(page.get_by_text("2 people on 2 sessions (4 places)")).to_be_visible()
    expect(page.get_by_text("Total to pay: £200.00")).to_be_visible()
    _fits_and_is_accessible(page)
    assert not Booking.objects.filter(
        session__programme__title=MASTERY, delegate__full_name="Ben Okoye"
    ).exists()

    click(page.get_by_role("button", name="Confirm booking"))
    expect(page.get_by_role("heading", name="Booking confirmed")).to_be_visible()
    reference = page.locator(".booking-reference").inner_text()
    assert re.fullmatch(r"STSA-[2-9A-HJ-NP-Z]{4}", reference)
    expect(page.get_by_text("Total to pay: £200.00")).to_be_visible()
    assert clicks <= 6, f"{clicks} clicks from the home page to a confirmed booking"
    _fits_and_is_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Add to calendar")).click()
    first = timezone.localtime(sessions[0].starts_at).date().isoformat()
    assert download.value.suggested_filename == f"mastery-in-mathematics-{first}.ics"
    with open(download.value.path(), encoding="utf-8") as calendar:
        assert calendar.read().count("BEGIN:VEVENT") == 2

    page.get_by_role("link", name="Our bookings").last.click()
    upcoming = page.get_by_role("region", name="Upcoming bookings")
    expect(upcoming).to_contain_text(reference)
    upcoming.get_by_role("link", name=re.compile("Cancel the booking of Ben Okoye")).first.click()
    expect(page.get_by_role("heading", name="Cancel this place?")).to_be_visible()
    expect(page.get_by_text("the £50.00 for this place is no longer due")).to_be_visible()
    _fits_and_is_accessible(page)
    page.get_by_role("button", name="Cancel the place of Ben Okoye").click()
    expect(page.get_by_text(re.compile("Nothing to pay for it"))).to_be_visible()
    cancelled = (
        page.get_by_role("region", name="Upcoming bookings")
        .get_by_role("row", name=re.compile("Ben Okoye"))
        .filter(has_text="Cancelled")
    )
    expect(cancelled).to_have_count(1)
    expect(cancelled).not_to_contain_text("£50.00")
    ben = Booking.objects.get(
        session__programme__title=MASTERY, delegate__full_name="Ben Okoye", status="cancelled"
    )
    assert ben.price_due == 0
