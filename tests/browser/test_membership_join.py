"""In Chromium: a school applies from the alliance's public page (a bad URN and one strand are
refused next to their fields first), the demo director approves, and the head follows the
invitation email's link, signs in, sees the school's membership and downloads the subscription
invoice the approval made; the demo finance holder records its payment and sees the ledger's
outstanding fall by it. Also axe at 320 and 1280 px on the offer, join, applications and
renewal pages."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from alliance.models import AcademicYear
from alliance.outbox import emails_send
from finance.models import Invoice
from members.models import Membership
from membership.models import MembershipOffer, Renewal
from membership.services import renewals_request
from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 800}
DESK = {"width": 1280, "height": 900}


def _fill_the_application(page) -> None:
    page.get_by_label("School name").fill("Goldsmith Road Primary School")
    page.get_by_label("URN").fill("10086")  # five digits: refused
    page.get_by_label("Phase").select_option(label="Primary")
    page.get_by_label("Number on roll").fill("260")
    page.get_by_label("School address").fill("Goldsmith Road\nLondon SE15 5TF")
    page.get_by_label("Headteacher's name").fill("Ruth Okafor")
    page.get_by_label("Headteacher's email").fill("r.okafor@goldsmith-road.example")
    page.get_by_label("Full member").check()
    page.get_by_label("Continuing professional development").check()  # one strand: refused
    for box in page.get_by_label(re.compile("We accept:")).all():
        box.check()


def test_a_school_applies_the_director_approves_and_the_head_signs_in(
    demo, page, live_server, sign_in
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/southwark/")
    page.get_by_role("link", name="Apply to join").click()
    _fill_the_application(page)
    expect(page.locator("#fee-quote")).to_have_text(
        "The fee: £900.00 a year (Full member, primary, 201–400 on roll)."
    )
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.get_by_role("button", name="Send the application").click()
    expect(page.locator("#id_urn").locator("..")).to_contain_text("six digits")
    expect(page.get_by_text("Choose at least 2 strands").last).to_be_visible()
    assert_accessible(page)
    # Fields kept their answers; mend the two and send again.
    page.get_by_label("URN").fill("100861")
    page.get_by_label("Research and development").check()
    for box in page.get_by_label(re.compile("We accept:")).all():
        box.check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("heading", name="Thank you: your application is sent")).to_be_visible()
    assert emails_send() == 1
    assert mail.outbox[0].to == ["r.okafor@goldsmith-road.example"]

    page.context.clear_cookies()
    page.set_viewport_size(DESK)
    sign_in("director@demo.test")
    page.get_by_role("link", name="Applications to join").click()
    assert_accessible(page)
    page.get_by_role("link", name="Goldsmith Road Primary School").click()
    assert_accessible(page)
    page.get_by_role("button", name="Approve Goldsmith Road Primary School").click()
    expect(page.get_by_text("is a member; its head is invited to sign in")).to_be_visible()
    assert Membership.objects.filter(organisation__urn="100861").count() == 1

    mail.outbox.clear()
    emails_send()
    invitation = next(m for m in mail.outbox if "invited" in m.subject)
    link = re.search(r"https?://\S+/invitations/\S+/", invitation.body).group(0)
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(link)
    page.get_by_label("Choose a password").fill("goldsmith-road-2026")
    page.get_by_label("Type the password again").fill("goldsmith-road-2026")
    page.get_by_role("button", name=re.compile("Accept|Sign in|Join", re.I)).click()
    expect(page.get_by_text("You lead Goldsmith Road Primary School.")).to_be_visible()
    this_year = AcademicYear.current().label
    expect(page.get_by_text(f"Membership {this_year}: Member school")).to_be_visible()
    assert_fits_the_screen(page)

    # The approval billed the year's subscription: the new head downloads the invoice...
    invoice = Invoice.objects.get(school__urn="100861", source="subscription")
    page.get_by_role("link", name="Our invoices, payments and statement").click()
    page.get_by_role("link", name=invoice.number).first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename == f"invoice-{invoice.number}.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # ... and the finance holder records the school's payment, which the ledger then shows.
    page.context.clear_cookies()
    page.set_viewport_size(DESK)
    sign_in("finance@demo.test")
    page.get_by_role("link", name="The ledger: invoices and payments").click()
    before = page.get_by_test_id("outstanding").inner_text()
    page.goto(f"{live_server.url}/southwark/finance/invoices/{invoice.pk}/")
    page.get_by_role("link", name="Record a payment").click()
    amount = f"{invoice.gross:.2f}"
    page.get_by_label("Amount (£)").fill(amount)
    page.get_by_label("Reference").fill("BACS GOLDSMITH ROAD")
    page.get_by_role("button", name="Record payment").click()
    expect(page.get_by_text(f"Payment of £{amount} recorded.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Paid")
    page.get_by_role("link", name="Ledger", exact=True).click()
    after = page.get_by_test_id("outstanding").inner_text()
    pounds = lambda text: Decimal(re.sub(r"[£,]", "", text))  # noqa: E731
    assert pounds(before) - pounds(after) == invoice.gross


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["320", "1280"])
def test_the_membership_pages_are_accessible(demo, page, live_server, sign_in, viewport):
    page.set_viewport_size(viewport)
    for path in ["/southwark/membership/offer/", "/southwark/join/"]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
        assert_fits_the_screen(page)
    this_year = AcademicYear.current().start_year
    offer = MembershipOffer.objects.get(
        alliance=demo.southwark, academic_year__start_year=this_year
    )
    renewals_request(offer=offer, actor=demo.user("director"))
    sign_in("director@demo.test")
    for path in [
        "/southwark/membership/applications/",
        "/southwark/membership/renewals/",
        f"/southwark/membership/offers/{this_year}/",
        "/southwark/membership/protocols/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
        assert_fits_the_screen(page)
    page.context.clear_cookies()
    sign_in("head@demo.test")
    renewal = Renewal.objects.get(
        offer__academic_year__start_year=this_year + 1,
        organisation__name="Bellenden Road Primary School",
    )
    page.goto(f"{live_server.url}/southwark/membership/renewals/{renewal.pk}/")
    assert_accessible(page)
    assert_fits_the_screen(page)
