"""Peer review in Chromium (issue 17): Bellenden Road's head completes the self-review; the
director records the visit (a reviewer from the school itself refused first); the lead reviewer
writes the report; the workshop agrees a priority, which becomes a support request with one
click; the director deploys an SLE on it through the existing flow. axe at 1280 and 320 px."""

import re

import pytest
from playwright.sync_api import expect

from alliance.models import AcademicYear
from members.models import Designation
from peer_review.models import FocusArea
from tests.browser.conftest import assert_accessible, assert_fits_the_screen, pick_person
from tests.peer_review.helpers import BELLENDEN, cluster_school, day

# In term, after the demo's reviewer training (early in the year) has run.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("autumn_term"),
]


def _as(page, sign_in, email: str) -> None:
    page.context.clear_cookies()
    sign_in(email)


def _check(page) -> None:
    """axe at 1280 px and at 320 px, where nothing may scroll sideways."""
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert_fits_the_screen(page)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_school_goes_from_self_review_to_an_sle_deployed(demo, page, live_server, sign_in):
    cs = cluster_school(BELLENDEN)
    review_url = f"{live_server.url}/southwark/peer-review/schools/{cs.pk}/"

    _as(page, sign_in, "head@demo.test")
    page.goto(review_url)
    _check(page)
    page.get_by_role("link", name="Start the self-review").click()
    _check(page)
    for area in FocusArea.objects.filter(cluster=cs.cluster):
        section = page.get_by_role("group", name=re.compile(re.escape(area.title)))
        section.get_by_label("Secure", exact=True).check()
        section.get_by_label("Evidence").fill(f"Lesson visits and book looks: {area.title}.")
    page.get_by_role("button", name="Submit the self-review").click()
    expect(page.get_by_text("Self-review submitted.")).to_be_visible()

    _as(page, sign_in, "director@demo.test")
    page.goto(review_url)
    page.get_by_role("link", name="Record the review visit").click()
    _check(page)
    page.get_by_label("Visit date").fill(day(60).isoformat())
    pick_person(page, "reviewers", "Kemi Adeyemi")
    pick_person(page, "lead_reviewer", "Kemi Adeyemi")
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_text("never reviewed by its own staff").first).to_be_visible()
    _check(page)
    page.goto(f"{review_url}visit/")
    page.get_by_label("Visit date").fill(day(60).isoformat())
    pick_person(page, "reviewers", "Olu Bakare")
    pick_person(page, "lead_reviewer", "Olu Bakare")
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_text("Review visit recorded.")).to_be_visible()

    _as(page, sign_in, "reviewer@demo.test")
    page.goto(review_url)
    page.get_by_role("link", name="Write the report").click()
    page.get_by_label("Report").fill("### Strengths\n\n- Reading is taught well.")
    page.get_by_role("button", name="Save the report").click()
    page.get_by_role("link", name="Read the report").click()
    expect(page.get_by_role("heading", name="Strengths")).to_be_visible()
    _check(page)

    _as(page, sign_in, "director@demo.test")
    page.goto(review_url)
    page.get_by_role("link", name="Record the workshop").click()
    page.get_by_label("Workshop date").fill(day(75).isoformat())
    page.get_by_role("textbox", name="Priority 1").fill("Feedback pupils act on in lessons")
    page.get_by_label("Area of priority 1").select_option(label="Assessment")
    page.get_by_role("button", name="Record the workshop").click()
    expect(page.get_by_text("Workshop and priorities recorded.")).to_be_visible()
    _check(page)
    page.get_by_role("button", name=re.compile("Request support")).click()
    expect(page.get_by_role("heading", name=f"{BELLENDEN}: Assessment")).to_be_visible()

    page.get_by_role("link", name="Deploy an SLE or NLE").click()
    sle = Designation.objects.filter(
        alliance=demo.southwark, active=True, specialisms__name="Assessment"
    ).first()
    page.get_by_label("SLE or NLE").select_option(value=str(sle.pk))
    page.get_by_label("Agreed days").fill("1")
    page.get_by_label("From").fill(day(90).isoformat())
    page.get_by_label("Until").fill(AcademicYear.current().ends_on.isoformat())
    page.get_by_role("button", name="Propose deployment").click()
    expect(page.get_by_role("article").filter(has_text=sle.person.full_name)).to_contain_text(
        "Proposed"
    )

    page.goto(review_url)
    expect(page.get_by_text(f"SLE deployed: {sle.person.full_name}")).to_be_visible()
    page.goto(f"{live_server.url}/southwark/peer-review/clusters/{cs.cluster_id}/")
    expect(page.get_by_role("row").filter(has_text=BELLENDEN)).to_contain_text("Support")
    _check(page)
    page.goto(f"{live_server.url}/southwark/peer-review/")
    _check(page)
    page.goto(f"{live_server.url}/southwark/peer-review/audits/")
    _check(page)
