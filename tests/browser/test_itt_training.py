"""The demo ITT lead adds a placement with a mentor for a trainee (bad dates first: the error is
next to the field) and moves its start a month, and gives the trainee still without one a place
on the central training (a double click); the demo mentor writes a review flagging a cause for
concern, the ITT lead sees the alert, and the trainee signs in and reads their targets. axe at
320 and 1280 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from alliance.models import AcademicYear
from itt.models import Placement, ProgressReview
from members.models import Person
from tests.browser.conftest import assert_accessible, assert_fits_the_screen, pick_person

# The demo's trainee is on her autumn placement then, whatever day the suite runs.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("autumn_term"),
]

PHONE, DESKTOP = {"width": 320, "height": 700}, {"width": 1280, "height": 900}
TARGETS = "Secure three behaviour routines with the class; rehearse them daily."


def _check_at_both_widths(page) -> None:
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert_fits_the_screen(page)
        assert_accessible(page)


def _as(page, sign_in, email: str) -> None:
    page.context.clear_cookies()
    sign_in(email)


def test_placement_review_alert_and_the_trainees_targets(demo, page, live_server, sign_in):
    year = AcademicYear.current().start_year
    albion_mentor = Person.objects.filter(
        organisation__name="Albion Street Primary School", job_title__contains="ITT mentor"
    ).earliest("pk")

    _as(page, sign_in, "itt-lead@demo.test")
    page.get_by_role("link", name="Trainees and placements").click()
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Trainees \d"))).to_be_visible()
    _check_at_both_widths(page)
    page.get_by_role("link", name="Sam Whitfield").click()
    page.get_by_role("link", name="Add a placement").click()
    page.get_by_label("School").select_option(label="Albion Street Primary School")
    page.get_by_label("Second placement").check()
    page.get_by_label("Starts on").fill(f"{year + 1}-07-10")
    page.get_by_label("Ends on").fill(f"{year + 1}-02-22")
    pick_person(page, "mentor", albion_mentor.full_name)
    page.get_by_role("button", name="Add the placement").click()
    expect(page.locator("#error_1_id_ends_on")).to_have_text(
        "Enter an end date after the start date."
    )
    _check_at_both_widths(page)
    assert not Placement.objects.filter(
        mentor=albion_mentor, trainee__person__full_name="Sam Whitfield"
    ).exists()
    page.get_by_label("Starts on").fill(f"{year + 1}-02-22")
    page.get_by_label("Ends on").fill(f"{year + 1}-07-10")
    page.get_by_role("button", name="Add the placement").click()
    expect(page.get_by_text("Placement added for Sam Whitfield.")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile(albion_mentor.full_name))).to_be_visible()
    _check_at_both_widths(page)
    # The placement starts a month later after all: changed, not removed and added again.
    page.get_by_role("link", name="Change the placement at Albion Street Primary School").click()
    expect(page.get_by_label("Starts on")).to_have_value(f"{year + 1}-02-22")
    page.get_by_label("Starts on").fill(f"{year + 1}-03-22")
    _check_at_both_widths(page)
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("Placement changed for Sam Whitfield.")).to_be_visible()
    expect(page.get_by_role("cell", name=f"22 Mar {year + 1} to 10 Jul {year + 1}")).to_be_visible()

    # One salaried trainee has no place on the central training yet: the lead gives it.
    page.goto(f"{live_server.url}/southwark/itt/")
    page.get_by_role("link", name="STSA School Direct (salaried)").first.click()
    expect(page.get_by_text("Without a place yet:")).to_be_visible()
    _check_at_both_widths(page)
    page.get_by_role("button", name="Give them a place").dblclick()
    expect(page.get_by_text("A place given on the central training.")).to_be_visible()
    expect(page.get_by_text("18 of 18 trainees in training have a place")).to_be_visible()
    expect(page.get_by_text("Without a place yet:")).to_have_count(0)

    _as(page, sign_in, "mentor@demo.test")
    page.get_by_role("link", name="Write a review of Sam Whitfield").click()
    page.get_by_label("Term").select_option("autumn")
    page.get_by_label("Cause for concern").check()
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator("#error_1_id_targets")).to_be_visible()
    _check_at_both_widths(page)
    page.get_by_label("Targets").fill(TARGETS)
    page.get_by_label("Cause for concern").check()
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("Review saved for Sam Whitfield.")).to_be_visible()
    assert ProgressReview.objects.filter(
        trainee__person__full_name="Sam Whitfield", rating="cause_for_concern"
    ).exists()

    _as(page, sign_in, "itt-lead@demo.test")
    alerts = page.get_by_role("region", name="Causes for concern to acknowledge")
    expect(alerts.get_by_role("link", name="Sam Whitfield")).to_be_visible()
    _check_at_both_widths(page)
    page.get_by_role("link", name="Outcomes by year").click()
    expect(page.get_by_role("heading", name=re.compile("^ITT outcomes"))).to_be_visible()
    _check_at_both_widths(page)

    _as(page, sign_in, "trainee@demo.test")
    page.get_by_role("link", name=re.compile("your placements, reviews and targets")).click()
    expect(page.get_by_role("heading", name="Your training")).to_be_visible()
    expect(page.get_by_text(TARGETS)).to_be_visible()
    _check_at_both_widths(page)
