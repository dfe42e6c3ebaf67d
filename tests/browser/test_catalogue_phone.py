"""The catalogue on a phone: after filtering, the number of results is shown and focused and the
filters fold away; on a wide screen they stay open beside the results. axe at both widths."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page, width: int) -> None:
    assert page.viewport_size["width"] == width
    assert_fits_the_screen(page)


def test_it_moves_to_the_results_and_folds_the_filters_on_a_phone(demo, page, live_server):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/southwark/cpd/")
    search = page.get_by_label("Search")
    expect(search).to_be_visible()
    _no_sideways_scroll(page, 320)
    assert_accessible(page)
    search.fill("phonics")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"q=phonics"))
    count = page.locator("#results-count")
    expect(count).to_have_text(re.compile(r"^\d+ programmes? match(es)? your filters\.$"))
    expect(count).to_be_focused()
    expect(search).to_be_hidden()  # folded away
    expect(page.get_by_role("link", name="Phonics for new teachers")).to_be_in_viewport()
    _no_sideways_scroll(page, 320)
    assert_accessible(page)
    page.get_by_text("Filter the list").click()  # unfolds again to change the filters
    expect(search).to_be_visible()
    expect(search).to_have_value("phonics")


def test_it_keeps_a_mistake_in_the_dates_open_on_a_phone(demo, page, live_server):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/southwark/cpd/?date_from=2027-02-01&date_to=2027-01-01")
    expect(page.get_by_label("From")).to_be_visible()
    expect(page.get_by_text("“From” must be on or before “To”.").first).to_be_visible()
    _no_sideways_scroll(page, 320)
    assert_accessible(page)


def test_it_keeps_the_filters_open_beside_the_results_on_a_wide_screen(demo, page, live_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/catalogue/")
    assert_accessible(page)
    page.get_by_label("Term").select_option(index=1)
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"term=\d{4}-"))
    expect(page.locator("#results-count")).to_be_visible()
    expect(page.get_by_label("Search")).to_be_visible()
    assert_accessible(page)
