"""A childminder books a place for herself, keeps the reference from the confirmation page,
finds the booking again in "My bookings" from the account menu and cancels it; a head changes
an answer on the check page and finds every other answer kept. At 1280 and 320 px wide."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from programmes.models import Booking, Session
from programmes.services import programmes_refresh_schedule
from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NETWORK = "Childminders' network"


def _fits_and_is_accessible(page) -> None:
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        assert_accessible(page)
        violations = Axe().run(page).response["violations"]
        assert violations == [], [v["id"] for v in violations]
        assert_fits_the_screen(page)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_childminder_books_finds_and_cancels_her_place(demo, page, live_server, sign_in):
    sign_in("childminder@demo.test")
    page.goto(f"{live_server.url}/catalogue/")
    page.get_by_role("link", name=NETWORK).first.click()
    page.get_by_role("link", name="Book a place on every session").click()
    page.get_by_role("button", name=re.compile("^Book")).click()

    expect(page.get_by_role("heading", name="Booking confirmed")).to_be_visible()
    reference = page.locator(".booking-reference").inner_text()
    assert re.fullmatch(r"[A-Z]+-[2-9A-HJ-NP-Z]{4}", reference)
    expect(page.get_by_text(re.compile("for yourself"))).to_be_visible()
    _fits_and_is_accessible(page)

    page.get_by_role("button", name="Account").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My bookings").click()
    expect(page.get_by_role("heading", name="My bookings")).to_be_visible()
    upcoming = page.get_by_role("region", name="Upcoming bookings")
    expect(upcoming).to_contain_text(reference)
    expect(upcoming.get_by_role("link", name=re.compile("^Swap"))).to_have_count(0)
    _fits_and_is_accessible(page)

    upcoming.get_by_role("link", name=re.compile("Cancel the booking of Abi Costa")).first.click()
    expect(page.get_by_role("heading", name="Cancel this place?")).to_be_visible()
    _fits_and_is_accessible(page)
    page.get_by_role("button", name="Cancel the place of Abi Costa").click()
    expect(page.get_by_text(re.compile("Cancelled the place of Abi Costa"))).to_be_visible()
    assert Booking.objects.filter(group__reference=reference, status="cancelled").exists()


def test_a_head_changes_an_answer_and_keeps_the_rest(demo, page, live_server, sign_in):
    sessions = Session.objects.filter(programme__title="Mastery in mathematics")
    sessions.update(capacity=30)  # the demo leaves one place: room for both here
    programmes_refresh_schedule(programme_ids=[sessions[0].programme_id])
    sign_in("head@demo.test")
    page.goto(f"{live_server.url}/southwark/cpd/")
    page.get_by_role("link", name="Mastery in mathematics").first.click()
    page.get_by_role("link", name="Book every session").click()
    page.get_by_label("Alice Morgan").check()
    page.get_by_label("Or add a member of staff: full name").fill("Nora Quinn")
    page.get_by_label("Their email address").fill("nora@bellenden.test")
    page.get_by_label(re.compile("Purchase order")).fill("PO-77")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers before booking")).to_be_visible()
    _fits_and_is_accessible(page)
    hrefs = page.eval_on_selector_all(
        "[href], [action], [formaction]",
        "els => els.map(e => "
        "e.getAttribute('href') || e.getAttribute('action') || "
        "e.getAttribute('formaction'))",
    )
    assert not [h for h in hrefs if "Nora" in h or "nora" in h], hrefs

    page.get_by_role("button", name="Change purchase order number").click()
    assert "Nora" not in page.url and "nora" not in page.url
    expect(page.get_by_label("Alice Morgan")).to_be_checked()
    expect(page.get_by_label("Or add a member of staff: full name")).to_have_value("Nora Quinn")
    expect(page.get_by_label("Their email address")).to_have_value("nora@bellenden.test")
    page.get_by_label(re.compile("Purchase order")).fill("PO-78")
    _fits_and_is_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("PO-78")).to_be_visible()
    expect(page.get_by_text("nora@bellenden.test")).to_be_visible()
