"""Issue 15 in the browser: the demo teacher applies for the NPQSL cohort, her head endorses
from his home page, the leadership lead accepts (a double click accepts once), marks attendance
across the sessions and completes the enrolment. Axe at 1280 and 320 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NPQSL = "NPQSL: leading across a school"


def _check(page) -> None:
    """Accessible at desktop width and on a 320 px phone, with nothing scrolling sideways."""
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.set_viewport_size({"width": 1280, "height": 800})


def _sign_out(page) -> None:
    page.get_by_role("button", name="Account").click()
    page.get_by_role("button", name="Sign out").click()


def test_a_teacher_applies_the_head_endorses_the_lead_accepts_and_completes(
    demo, page, live_server, sign_in
):
    from programmes.models import Enrolment, EnrolmentStatus, Programme

    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in("teacher@demo.test")
    page.goto(f"{live_server.url}/southwark/cpd/")
    cohort = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=NPQSL))
    expect(cohort).to_contain_text("6 sessions")
    expect(cohort).to_contain_text("for the whole programme")
    page.get_by_role("link", name=NPQSL).click()
    expect(
        page.get_by_text(re.compile(r"6 sessions, .* – .*One application covers"))
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Book"))).to_have_count(0)
    _check(page)
    page.get_by_role("link", name="Apply").click()
    expect(page.get_by_role("heading", name=f"Apply for {NPQSL}")).to_be_visible()
    _check(page)
    page.get_by_label("Why this programme (optional)").fill("I lead maths across the school.")
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_text("Their headteacher has been asked to endorse it")).to_be_visible()
    expect(page.get_by_text("Waiting for the head's endorsement").first).to_be_visible()
    _check(page)
    # Applying again is refused with a clear message.
    page.goto(f"{live_server.url}/southwark/cpd/")
    page.get_by_role("link", name=NPQSL).click()
    expect(page.locator("#cohort-apply")).to_contain_text("You applied on")
    _sign_out(page)

    sign_in("head@demo.test")
    page.goto(f"{live_server.url}/southwark/home/")
    waiting = page.get_by_role("region", name="Waiting for your endorsement")
    expect(waiting).to_contain_text("Kemi Adeyemi")
    _check(page)
    waiting.get_by_role("link", name=re.compile("Kemi Adeyemi")).click()
    page.get_by_role("button", name="Endorse the application").click()
    expect(page.get_by_text("Endorsed Kemi Adeyemi's application.")).to_be_visible()
    _sign_out(page)

    sign_in("leadership-lead@demo.test")
    page.goto(f"{live_server.url}/southwark/cpd/")
    page.get_by_role("link", name=NPQSL).click()
    page.get_by_role("link", name=re.compile(r"^Applications")).click()
    expect(page.get_by_role("heading", name="Applications")).to_be_visible()
    _check(page)
    page.get_by_role("link", name="Kemi Adeyemi").click()
    page.get_by_label("Message to the applicant (optional)").fill("Welcome to the cohort.")
    page.get_by_role("button", name="Accept").dblclick()
    expect(page.get_by_text("Kemi Adeyemi: enrolled.")).to_be_visible()
    enrolment = Enrolment.objects.get(participant__full_name="Kemi Adeyemi", programme__title=NPQSL)
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert Programme.objects.get(title=NPQSL).cohort_places_taken == 9  # eight, and Kemi
    assert enrolment.bookings.count() == 6
    _check(page)

    # Completing before attendance is marked is refused, naming what is missing.
    page.get_by_role("button", name="Mark as completed").click()
    expect(page.get_by_text(re.compile("cannot complete yet"))).to_be_visible()

    # The register of every session: Kemi present.
    for booking in enrolment.bookings.order_by("session__starts_at"):
        page.goto(f"{live_server.url}/southwark/cpd/sessions/{booking.session_id}/register/")
        page.get_by_label("Attendance of Kemi Adeyemi").select_option("attended")
        page.get_by_role("button", name="Save attendance").click()
        expect(page.get_by_label("Attendance of Kemi Adeyemi")).to_have_value("attended")
    page.goto(f"{live_server.url}/southwark/cpd/enrolments/{enrolment.pk}/")
    page.get_by_role("button", name="Mark as completed").click()
    expect(page.get_by_text("Kemi Adeyemi completed the programme.")).to_be_visible()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    _check(page)
