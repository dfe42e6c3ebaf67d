"""Money in the browser (issue 14): the demo head downloads their school's invoice; the demo
finance holder records a part payment and then the rest (a double click records once), and sees
the ledger's balance change and the invoice become paid. Axe at 1280 and 320 px on the ledger,
the invoice, the payment form and the statement."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from finance.models import Invoice, InvoiceStatus, Payment
from finance.templatetags.finance import gbp
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


def _bellenden_invoice() -> Invoice:
    return Invoice.objects.get(
        school__name="Bellenden Road Primary School",
        source="subscription",
        status=InvoiceStatus.ISSUED,
    )


def test_the_head_downloads_an_invoice_of_their_school(demo, page, live_server, sign_in):
    invoice = _bellenden_invoice()
    sign_in("head@demo.test")
    page.get_by_role("link", name="Our invoices, payments and statement").click()
    expect(
        page.get_by_role("heading", name="Statement: Bellenden Road Primary School")
    ).to_be_visible()
    _check_at_both_widths(page)
    page.get_by_role("link", name=invoice.number).first.click()
    expect(page.get_by_role("heading", name=f"Invoice {invoice.number}")).to_be_visible()
    _check_at_both_widths(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename == f"invoice-{invoice.number}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def _outstanding(page) -> str:
    return page.get_by_test_id("outstanding").inner_text()


def _pay(page, amount: str, *, double_click: bool = False) -> None:
    page.get_by_role("link", name="Record a payment").click()
    page.get_by_label("Amount (£)").fill(amount)
    page.get_by_label("Reference").fill("BACS BELLENDEN")
    button = page.get_by_role("button", name="Record payment")
    if double_click:
        button.dblclick()
    else:
        button.click()
    expect(page.get_by_text(f"Payment of £{amount} recorded.")).to_be_visible()


def test_the_finance_holder_records_a_part_payment_then_the_rest(demo, page, live_server, sign_in):
    invoice = _bellenden_invoice()
    sign_in("finance@demo.test")
    page.get_by_role("link", name="The ledger: invoices and payments").click()
    expect(page.get_by_role("heading", name="The ledger")).to_be_visible()
    _check_at_both_widths(page)
    before = _outstanding(page)

    page.goto(f"{live_server.url}/southwark/finance/invoices/{invoice.pk}/")
    _check_at_both_widths(page)
    page.get_by_role("link", name="Record a payment").click()
    _check_at_both_widths(page)
    page.go_back()
    _pay(page, "500.00", double_click=True)
    expect(page.get_by_test_id("status")).to_contain_text("Part paid")
    expect(page.get_by_test_id("balance")).to_have_text("£700.00")
    assert Payment.objects.filter(invoice=invoice).count() == 1

    _pay(page, "700.00")
    expect(page.get_by_test_id("status")).to_have_text("Paid")
    expect(page.get_by_test_id("balance")).to_have_text("£0.00")

    page.get_by_role("link", name="Ledger", exact=True).click()
    after = _outstanding(page)
    to_number = lambda text: float(re.sub(r"[£,]", "", text))  # noqa: E731
    assert to_number(before) - to_number(after) == pytest.approx(1200.00)
    assert gbp(invoice.gross) == "£1,200.00"
