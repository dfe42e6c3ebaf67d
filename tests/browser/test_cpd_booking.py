"""The demo headteacher finds a course, books two staff, checks and confirms, sees it under Our
bookings, cancels one."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import answer_into_a_frame, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lets_a_head_filter_book_two_staff_and_cancel_one(demo, page, live_server, sign_in):
    sign_in("head@demo.test")
    page.goto(f"{live_server.url}/southwark/cpd/")
    page.get_by_label("Search").fill("phonics")
    page.get_by_label("For").select_option(label="Teachers")
    page.get_by_label("Only with places left").check()
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"q=phonics"))
    assert_accessible(page)
    page.get_by_role("link", name="Phonics for new teachers").click()
    expect(page.get_by_role("heading", name="Phonics for new teachers")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Book")).first.click()
    expect(page.get_by_role("heading", name=re.compile("Book places"))).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Alice Morgan").check()
    page.get_by_label("Ben Okoye").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Booking confirmed")).to_be_visible()
    expect(page.get_by_text("Alice Morgan (1 session), Ben Okoye (1 session)")).to_be_visible()
    page.get_by_role("link", name="Our bookings").last.click()
    expect(page.get_by_role("heading", name="Our bookings")).to_be_visible()
    upcoming = page.get_by_role("region", name="Upcoming bookings")
    expect(upcoming.get_by_role("row", name=re.compile("Alice Morgan"))).to_contain_text(
        "Phonics for new teachers"
    )
    expect(upcoming.get_by_role("row", name=re.compile("Ben Okoye"))).to_contain_text("Confirmed")
    assert_accessible(page)
    upcoming.get_by_role("link", name=re.compile("Cancel the booking of Ben Okoye")).click()
    page.get_by_role("button", name="Cancel the place of Ben Okoye").click()
    expect(page.get_by_text(re.compile("Cancelled the place of Ben Okoye"))).to_be_visible()
    expect(
        page.get_by_role("region", name="Upcoming bookings").get_by_role(
            "row", name=re.compile("Ben Okoye")
        )
    ).to_contain_text("Cancelled")


def test_it_shows_the_catalogue_on_a_phone_without_accessibility_problems(demo, page, live_server):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/catalogue/?places=on")
    expect(page.get_by_role("heading", name="CPD across all alliances")).to_be_visible()
    expect(
        page.get_by_role("link", name="Two-year-olds: attachment and transitions")
    ).to_be_visible()
    assert_accessible(page)


def test_the_confirm_booking_button_can_be_pressed_once(demo, page, live_server, sign_in):
    from programmes.models import Booking

    sign_in("head@demo.test")
    page.goto(f"{live_server.url}/southwark/cpd/")
    page.get_by_role("link", name="Phonics for new teachers").click()
    page.get_by_role("link", name=re.compile(r"^Book")).first.click()
    page.get_by_label("Alice Morgan").check()
    page.get_by_role("button", name="Continue").click()
    answer_into_a_frame(page)
    button = page.get_by_role("button", name="Confirm booking")
    button.click()
    expect(button).to_be_disabled()
    button.click(force=True, no_wait_after=True)  # pressed again: nothing is sent
    alice = Booking.objects.filter(
        delegate__full_name="Alice Morgan", session__programme__title="Phonics for new teachers"
    )
    for _ in range(50):
        if alice.exists():
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    assert alice.count() == 1
