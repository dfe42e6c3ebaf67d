"""In Chromium: the demo ITT lead records an applicant through interview, offer and checks to
training; a move backwards is refused; the ITT pages pass axe and fit a 320 px phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alliance.models import AcademicYear
from itt.models import Applicant, Stage, Trainee
from tests.browser.conftest import assert_accessible, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 800}
DESK = {"width": 1280, "height": 900}


def _check(page) -> None:
    assert_accessible(page)
    assert_fits_the_screen(page)


def test_the_itt_lead_takes_an_applicant_to_training(demo, page, live_server, sign_in):
    today = timezone.localdate().isoformat()
    entry = AcademicYear.current().start_year + 1
    page.set_viewport_size(DESK)
    sign_in("itt-lead@demo.test")
    page.get_by_role("link", name="ITT partnerships and recruitment").click()
    expect(page.get_by_role("heading", name="Initial teacher training")).to_be_visible()
    _check(page)

    page.get_by_role("link", name="Add an applicant").first.click()
    page.get_by_role("button", name="Add the applicant").click()
    expect(page.locator("#id_full_name").locator("..")).to_contain_text("Enter full name")
    page.get_by_label("Partnership").select_option(label="STSA School Direct (salaried)")
    page.get_by_label("Full name").fill("Rosa Quinn")
    page.get_by_label("Email address").fill("rosa.quinn@example.test")
    page.get_by_label("Subject").fill("Primary with mathematics")
    page.get_by_role("button", name="Add the applicant").click()
    expect(page.get_by_role("heading", name="Rosa Quinn")).to_be_visible()
    _check(page)

    page.get_by_role("link", name="Invite to interview").click()
    page.get_by_label("Interview date and time").fill(f"{entry - 1}-03-04T10:00")
    page.get_by_label("Panel").fill("Tom Hartley, Clare Whitaker")
    _check(page)
    page.get_by_role("button", name="Invite to interview").click()
    expect(page.get_by_text("Stage: Interview")).to_be_visible()

    page.get_by_role("link", name="Make an offer").click()
    page.get_by_label("Conditions of the offer").fill("A maths subject knowledge course")
    page.get_by_role("button", name="Make an offer").click()
    page.get_by_role("link", name="Record the offer accepted").click()
    page.get_by_role("button", name="Record the offer accepted").click()
    expect(page.get_by_text("Stage: Offer accepted")).to_be_visible()

    # Backwards is refused, with why.
    applicant = Applicant.objects.get(email="rosa.quinn@example.test")
    page.goto(f"{page.url}move/interview/")
    expect(page.get_by_role("alert")).to_contain_text(
        "An applicant at “Offer accepted” cannot go back to “Interview”."
    )
    expect(page.get_by_role("button", name="Invite to interview")).to_have_count(0)
    page.get_by_role("link", name="Back to Rosa Quinn").click()

    page.get_by_role("link", name="Record the checks done").click()
    page.get_by_label("DBS check done on").fill(today)
    page.get_by_label("Qualifications checked on").fill(today)
    page.get_by_role("button", name="Record the checks done").click()
    expect(page.locator("#id_fitness_checked_on").locator("..")).to_contain_text(
        "Enter the date the fitness to teach check was done"
    )
    _check(page)
    page.get_by_label("Fitness to teach checked on").fill(today)
    page.get_by_role("button", name="Record the checks done").click()
    expect(page.get_by_text("Stage: Checks done")).to_be_visible()

    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="Start training").click()
    _check(page)
    page.get_by_role("button", name="Start training").click()
    expect(page.get_by_text("Stage: In training")).to_be_visible()
    _check(page)
    trainee = Trainee.objects.get(applicant=applicant)
    assert trainee.training_starts_on == datetime.date(entry, 9, 1)
    assert Applicant.objects.get(pk=applicant.pk).stage == Stage.IN_TRAINING

    # The pipeline counts them against the places, on a phone too.
    page.goto(f"{live_server.url}/southwark/itt/?year={entry}")
    _check(page)
    page.get_by_role("link", name="STSA School Direct (salaried)").first.click()
    _check(page)
    page.get_by_role("link", name="Set the places for a year").click()
    _check(page)


def test_places_beyond_the_total_are_refused_next_to_the_field(demo, page, live_server, sign_in):
    page.set_viewport_size(PHONE)
    sign_in("director@demo.test")
    page.goto(f"{live_server.url}/southwark/itt/")
    page.get_by_role("link", name="STSA School Direct (non-salaried)").first.click()
    page.get_by_role("link", name="Give a placement school places").first.click()
    page.get_by_label("Placement school").select_option(label="Bellenden Road Primary School")
    page.get_by_label("Places").fill("40")
    page.get_by_role("button", name="Save the school’s places").click()
    expect(page.locator("#id_places").locator("..")).to_contain_text("Enter fewer places.")
    _check(page)
