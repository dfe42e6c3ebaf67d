"""The demo director reads the year's impact report, publishes its public version, and it shows on
Southwark's public page; axe on the report's pages at phone and desktop widths.

The demo has last year's public report published already, so the director first stops publishing
it (and it leaves the public page), then rewrites the foreword and publishes it again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from alliance.models import AcademicYear
from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _check_at_both_widths(page) -> None:
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert_accessible(page)
        assert_fits_the_screen(page)


def test_it_lets_the_director_publish_the_years_public_report(
    demo, page, browser, live_server, sign_in
):
    year = AcademicYear(start_year=AcademicYear.current().start_year - 1)
    sign_in("director@demo.test")
    dashboard = page.locator("#director-dashboard")
    expect(dashboard).to_contain_text("Places filled this term")
    expect(dashboard).to_contain_text("Open support requests")
    _check_at_both_widths(page)
    dashboard.get_by_role("link", name="The impact report").click()
    expect(page.get_by_role("heading", name=f"Impact report {year}")).to_be_visible()
    expect(page.get_by_role("heading", name="CPD delivered")).to_be_visible()
    _check_at_both_widths(page)

    expect(page.locator(".impact-foreword")).to_contain_text("community of schools")
    page.get_by_role("button", name="Stop publishing the public report").click()
    expect(page.get_by_role("button", name="Publish the public report")).to_be_visible()
    anonymous = browser.new_context()
    public = anonymous.new_page()
    public.goto(f"{live_server.url}/southwark/")
    expect(public.get_by_role("heading", name="Southwark Teaching School Alliance")).to_be_visible()
    expect(public.get_by_role("link", name=f"Impact report {year}", exact=True)).to_have_count(0)
    anonymous.close()

    page.get_by_role("link", name="Change the foreword").click()
    _check_at_both_widths(page)
    page.get_by_label("Foreword").fill("Our **best** year yet.")
    page.get_by_role("button", name="Save the foreword").click()
    expect(page.locator(".impact-foreword strong")).to_have_text("best")

    page.get_by_role("button", name="Publish the public report").click()
    expect(
        page.get_by_text(f"The public report for {year} is on the alliance's page.")
    ).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/southwark/")
    page.get_by_role("link", name=f"Impact report {year}", exact=True).click()
    expect(page.get_by_role("heading", name=f"Impact report {year}")).to_be_visible()
    expect(page.locator(".impact-foreword")).to_contain_text("Our best year yet.")
    expect(page.get_by_role("link", name=re.compile("the foreword"))).to_have_count(0)
    _check_at_both_widths(page)
