"""The demo head finds a member of staff's certificate from their home page and downloads it;
the CPD record pages and the verification page are accessible at 1280 and 320 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from evaluation.certificates import certificates_issue
from evaluation.models import Certificate
from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}


def _check_at_both_widths(page) -> None:
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert_accessible(page)
        assert_fits_the_screen(page)
    page.set_viewport_size(DESKTOP)


def test_the_head_downloads_a_certificate_of_one_of_their_staff(demo, page, live_server, sign_in):
    # Alice Morgan attended the demo's one-day "Behaviour for learning" last month.
    certificates_issue()
    certificate = Certificate.objects.get(programme_title="Behaviour for learning")
    sign_in("head@demo.test")
    page.get_by_role("link", name="Our staff's CPD record and certificates").click()
    expect(
        page.get_by_role("heading", name="CPD record: Bellenden Road Primary School")
    ).to_be_visible()
    _check_at_both_widths(page)

    page.get_by_role("link", name="Alice Morgan").click()
    expect(page.get_by_role("heading", name="CPD record: Alice Morgan")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Behaviour for learning"))).to_contain_text(
        "3.0"
    )
    _check_at_both_widths(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Behaviour for learning \(code")).click()
    assert download.value.suggested_filename == f"certificate-{certificate.code}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_the_verification_page_is_accessible(demo, page, live_server):
    certificates_issue()
    certificate = Certificate.objects.get(programme_title="Behaviour for learning")
    page.goto(f"{live_server.url}/certificates/{certificate.code}/")
    expect(page.get_by_role("heading", name=re.compile("is genuine"))).to_be_visible()
    _check_at_both_widths(page)
    page.goto(f"{live_server.url}/certificates/ZZZZZ-ZZZZZ/")
    expect(page.get_by_role("heading", name="Certificate not found")).to_be_visible()
    _check_at_both_widths(page)
