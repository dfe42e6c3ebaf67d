"""The demo CPD lead marks a register; the delegate opens the emailed link and answers; the
CPD lead reads the results. The form and the results pages pass axe at 320 and 1280 px."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from alliance.outbox import emails_send
from evaluation.models import FeedbackResponse
from programmes.models import Booking, Programme, Session
from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESKTOP = {"width": 320, "height": 700}, {"width": 1280, "height": 900}


def _no_sideways_scroll(page) -> None:
    assert_fits_the_screen(page)


def _check_at_both_widths(page) -> None:
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        _no_sideways_scroll(page)
        assert_accessible(page)


def test_a_delegate_answers_from_the_emailed_link(demo, page, live_server, sign_in):
    session = Session.objects.filter(programme__title="Phonics for new teachers").earliest(
        "starts_at"
    )
    booking = Booking.objects.filter(session=session, status="confirmed").earliest("pk")
    delegate = booking.delegate
    sign_in("cpd-lead@demo.test")
    page.goto(f"{live_server.url}/southwark/cpd/sessions/{session.pk}/register/")
    page.get_by_label(f"Attendance of {delegate.full_name}").select_option("attended")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_be_visible()

    emails_send()
    (email,) = [m for m in mail.outbox if m.to == [delegate.email]]
    link = re.search(r"https?://\S+/evaluation/feedback/\S+/", email.body).group(0)
    page.context.clear_cookies()
    page.goto(link.replace(settings.PORTAL_URL.rstrip("/"), live_server.url))
    expect(page.get_by_role("heading", name=re.compile("Your feedback"))).to_be_visible()
    _check_at_both_widths(page)
    page.get_by_role("group", name="Overall, how was the session?").get_by_label("4").check()
    page.get_by_role("button", name="Send my answers").click()
    # In the summary at the top, linked to the field, and beside the field itself.
    expect(page.get_by_role("link", name="Choose a number from 1 to 5.")).to_be_visible()
    expect(page.locator("#error_1_id_usefulness")).to_have_text("Choose a number from 1 to 5.")
    _check_at_both_widths(page)
    page.get_by_role("group", name="How useful was it for your practice?").get_by_label(
        "5 (excellent)"
    ).check()
    page.get_by_label("What will you change in your classroom?").fill(
        "Pre-teach the new sounds to <my> keep-up group."
    )
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    answer = FeedbackResponse.objects.get(request__booking=booking)
    assert (answer.overall, answer.usefulness) == (4, 5)

    sign_in("cpd-lead@demo.test")
    page.goto(f"{live_server.url}/southwark/evaluation/results/sessions/{session.pk}/")
    expect(page.get_by_text("Pre-teach the new sounds to <my> keep-up group.")).to_be_visible()
    expect(page.get_by_text("Overall: 4.0 of 5")).to_be_visible()
    _check_at_both_widths(page)


def test_the_results_pages_are_accessible_at_both_widths(demo, page, live_server, sign_in):
    sign_in("director@demo.test")
    page.goto(f"{live_server.url}/southwark/evaluation/results/")
    expect(page.get_by_role("heading", name="Feedback results")).to_be_visible()
    _check_at_both_widths(page)
    page.get_by_role("link", name="Marking and feedback that moves learning on").click()
    expect(page.get_by_role("heading", name=re.compile("Feedback: Marking"))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Bar chart"))).to_have_count(3)
    _check_at_both_widths(page)
    page.goto(f"{live_server.url}/southwark/evaluation/programmes/{_marking(demo)}/questions/")
    _check_at_both_widths(page)


def _marking(demo) -> int:
    return Programme.objects.get(title="Marking and feedback that moves learning on").pk
