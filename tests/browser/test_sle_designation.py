"""Designating an SLE end to end (issue 17): the director opens a round, a teacher applies, her
head supports her from the emailed link, the director shortlists, records the interview and
designates her; she shows in the directory, training due. axe at 1280 and 320 px."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from alliance.outbox import emails_send
from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROUND = "Maths SLEs, test round"
PHONE = {"width": 320, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _check_both_sizes(page) -> None:
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.set_viewport_size(DESKTOP)


def _as(page, sign_in, email: str) -> None:
    page.context.clear_cookies()
    sign_in(email)


def test_the_director_designates_a_teacher_her_head_supports(demo, page, live_server, sign_in):
    page.set_viewport_size(DESKTOP)
    # The director opens a round.
    _as(page, sign_in, "director@demo.test")
    page.get_by_role("link", name="SLE designation rounds").click()
    page.get_by_role("link", name="Open a designation round").click()
    page.get_by_role("button", name="Open the round").click()
    expect(page.locator("#error-summary-title")).to_be_visible()
    page.get_by_label("Title").fill(ROUND)
    page.get_by_label("Mathematics", exact=True).check()
    page.get_by_label("Primary", exact=True).check()
    closes = datetime.date.today() + datetime.timedelta(days=21)
    page.get_by_label("Closing date").fill(closes.isoformat())
    page.get_by_label("Required training").select_option(
        label="SLE training: supporting other schools"
    )
    _check_both_sizes(page)
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("heading", name=ROUND)).to_be_visible()
    _check_both_sizes(page)

    # The teacher finds it from the directory and applies.
    _as(page, sign_in, "teacher@demo.test")
    page.goto(f"{live_server.url}/southwark/sle/")
    page.get_by_role("link", name="Apply to become an SLE").click()
    page.get_by_role("link", name=f"Apply to {ROUND}").click()
    page.get_by_label("Specialism").select_option(label="Mathematics")
    page.get_by_label("Phase").select_option(label="Primary")
    page.get_by_label("Experience").fill("Maths lead for four years; Year 4 teacher.")
    _check_both_sizes(page)
    page.get_by_role("button", name="Send my application").click()
    page.get_by_label("Statement").wait_for()
    expect(page.locator("#error-summary-title")).to_be_visible()
    page.get_by_label("Statement").fill("I want to help other schools teach maths for mastery.")
    page.get_by_role("button", name="Send my application").click()
    expect(page.locator("#application-stage")).to_have_text("Awaiting the head's support")
    _check_both_sizes(page)

    # Her head supports it from the emailed link.
    emails_send()
    [email] = [m for m in mail.outbox if "Kemi Adeyemi" in m.subject]
    link = urlparse(re.search(r"https?://\S+/sle/support/\S+/", email.body).group(0)).path
    _as(page, sign_in, "head@demo.test")
    expect(page.get_by_text("SLE applications waiting for your support")).to_be_visible()
    page.goto(f"{live_server.url}{link}")
    page.get_by_label("Yes, we support it").check()
    page.get_by_label("Comment").fill("Kemi is an outstanding maths lead.")
    _check_both_sizes(page)
    page.get_by_role("button", name="Record my answer").click()
    expect(page.locator("#application-stage")).to_have_text("Supported by the head")

    # The director shortlists, records the interview and designates her.
    _as(page, sign_in, "director@demo.test")
    page.goto(f"{live_server.url}/southwark/sle/rounds/")
    page.get_by_role("link", name=ROUND, exact=True).click()
    page.get_by_role("link", name="Kemi Adeyemi").click()
    page.get_by_label("Shortlist", exact=True).check()
    page.get_by_role("button", name="Record the shortlisting").click()
    expect(page.locator("#application-stage")).to_have_text("Shortlisted")
    page.get_by_label("Interview date").fill(datetime.date.today().isoformat())
    page.get_by_label("Interview panel").fill("The director and the chair")
    page.get_by_label("Interview notes").fill("Clear examples of coaching colleagues.")
    page.get_by_role("button", name="Save the interview").click()
    expect(page.locator("#application-stage")).to_have_text("Interviewed")
    page.get_by_label("Designate as an SLE").check()
    page.get_by_label("Feedback to the applicant (emailed)").fill("Welcome to our SLEs.")
    page.get_by_role("button", name="Record the outcome").click()
    # The days released are asked at designation: refused next to the field without them.
    expect(page.locator("#error-summary-title")).to_be_visible()
    expect(page.get_by_text("Enter the days a year the school releases them.")).to_have_count(2)
    _check_both_sizes(page)
    page.get_by_label("Days a year the school releases them").fill("10")
    page.get_by_label("Designate as an SLE").check()
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.locator("#application-stage")).to_have_text("Designated")

    # She shows in the directory, training due.
    page.goto(f"{live_server.url}/southwark/sle/?q=Kemi+Adeyemi")
    row = page.get_by_role("row").filter(has_text="Kemi Adeyemi")
    expect(row).to_contain_text("Training due")
    expect(row).to_contain_text("Mathematics")
    expect(row).to_contain_text("Bellenden Road Primary School")
    _check_both_sizes(page)
