"""Lewisham's one stop shop at /p/lewisham/, at a desktop width and on a 320 px phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _overflow(page) -> int:
    """How far the page reaches beyond the window sideways (0 when nothing sticks out)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", [1280, 320])
def test_it_shows_the_boroughs_catalogue_accessibly_at_any_width(demo, page, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/p/lewisham/")
    expect(
        page.get_by_role("heading", name="Lewisham Teaching Schools Alliance Partnership")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name="Designated safeguarding lead: annual refresher")
    ).to_be_visible()
    assert _overflow(page) <= 0
    assert_accessible(page)
    page.get_by_label("Provider").select_option(label="Lewisham Local Authority")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"alliance=lewisham-la"))
    expect(page.get_by_role("link", name="SEND: the graduated approach")).to_be_visible()
    expect(
        page.get_by_role("link", name="Speech and language in the primary classroom")
    ).to_have_count(0)
    assert _overflow(page) <= 0
    assert_accessible(page)
