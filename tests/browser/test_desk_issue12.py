"""The director's desk in Chromium: a lead change scheduled ahead, an SLE's log of visits that the
director reads and the receiving head confirms, and every desk page on a 320 px phone."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from alliance.models import AcademicYear
from strands.models import Deployment, DeploymentStatus
from tests.browser.conftest import assert_accessible, assert_fits_the_screen

# In term, so next week is still this academic year, whatever day the suite runs.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("autumn_term"),
]

BELLENDEN = "Bellenden Road Primary School"
CPD = "Continuing professional development"


def _next_week() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=7)


def _nias_deployment_at_bellenden() -> Deployment:
    """Dated over the whole year, so that today is within it."""
    deployment = Deployment.objects.get(
        support_request__school__name=BELLENDEN, status=DeploymentStatus.IN_PROGRESS
    )
    year = AcademicYear.current()
    deployment.starts_on, deployment.ends_on = year.starts_on, year.ends_on
    deployment.save()
    return deployment


def _sign_out(page) -> None:
    page.get_by_role("button", name="Account").click()
    page.get_by_role("button", name="Sign out").click()


def test_it_shows_the_director_a_lead_change_scheduled_for_next_week(
    demo, page, live_server, sign_in
):
    takes_over = _next_week()
    sign_in("director@demo.test")
    page.get_by_role("link", name="Strand board", exact=True).click()
    page.locator("#board-cpd").get_by_role("link", name=f"Change the lead of {CPD}").click()
    # The people picker: type part of the name, arrow down to the suggestion, Enter.
    # The search field the script puts in place of the select (until it has run, the label
    # names the select, which the script then hides).
    page.locator("input#id_person").fill("Fiona Gr")
    expect(page.get_by_role("option", name=re.compile("Fiona Gray"))).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.get_by_label("Takes over from").fill(takes_over.isoformat())
    page.get_by_role("button", name="Change strategic lead").click()
    cpd = page.locator("#board-cpd")
    # Aisha still leads today, to the day before; Fiona's change is on the board already.
    last_day = takes_over - datetime.timedelta(days=1)
    expect(cpd).to_contain_text("Aisha Mensah, ")
    expect(cpd).to_contain_text(f"to {last_day:%-d %b %Y}")
    expect(cpd.locator(".scheduled")).to_contain_text(f"From {takes_over:%-d %b} Fiona Gray")
    assert_accessible(page)


def test_it_lets_an_sle_log_a_visit_the_director_reads_and_the_head_confirms(
    demo, page, live_server, sign_in
):
    deployment = _nias_deployment_at_bellenden()
    today = timezone.localdate()
    sign_in("sle@demo.test")
    page.get_by_role("link", name="My home").click()
    page.goto(f"{live_server.url}/southwark/strands/deployments/mine/")
    page.get_by_role("link", name=BELLENDEN).click()
    expect(page.get_by_role("heading", name=re.compile(f"at {BELLENDEN}"))).to_be_visible()
    expect(page.get_by_text("coaching on guided reading")).to_be_visible()
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_label("Days").fill("1")
    page.get_by_label("What was done").fill("Team-taught two guided reading groups.")
    page.get_by_role("button", name="Record visit").click()
    expect(page.get_by_text("recorded.")).to_be_visible()
    expect(page.locator(f"#delivery-{deployment.pk}")).to_contain_text(
        "Delivered 2.5 of 3 agreed days · 1 confirmed by the school"
    )
    assert_accessible(page)
    _sign_out(page)

    sign_in("director@demo.test")
    page.goto(f"{live_server.url}/southwark/strands/support/{deployment.support_request_id}/")
    expect(page.locator(f"#delivery-{deployment.pk}")).to_contain_text(
        "Delivered 2.5 of 3 agreed days"
    )
    _sign_out(page)

    sign_in("head@demo.test")
    page.goto(f"{live_server.url}/southwark/strands/support/{deployment.support_request_id}/")
    page.get_by_role("link", name=re.compile("Visits and days delivered")).click()
    row = page.locator("#visits tr").filter(has_text="Team-taught")
    row.get_by_role("button", name=re.compile("Confirm")).click()
    expect(page.get_by_text(f"Visit on {today:%-d %B %Y} confirmed.")).to_be_visible()
    expect(page.locator("#visits tr").filter(has_text="Team-taught")).to_contain_text(
        "Confirmed by head@demo.test"
    )
    expect(page.locator(f"#delivery-{deployment.pk}")).to_contain_text("2 confirmed by the school")
    assert_accessible(page)


PHONE_PAGES = [
    ("director", "/southwark/strands/board/"),
    ("director", "/southwark/strands/board/history/"),
    ("director", "/southwark/strands/support/"),
    ("director", "/southwark/strands/capacity/"),
    ("director", "/southwark/strands/funded-time/"),
    ("director", "deployment"),
    ("sle", "/southwark/strands/deployments/mine/"),
    ("sle", "deployment"),
    ("head", "deployment"),
]


@pytest.mark.parametrize(("persona", "path"), PHONE_PAGES)
def test_it_fits_each_desk_page_on_a_320_px_phone_with_no_axe_violations(
    demo, page, live_server, sign_in, persona, path
):
    if path == "deployment":
        path = f"/southwark/strands/deployments/{_nias_deployment_at_bellenden().pk}/log/"
    page.set_viewport_size({"width": 320, "height": 720})
    sign_in(f"{persona}@demo.test")
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("h1")).to_be_visible()
    assert_fits_the_screen(page)
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["impact"], v["nodes"][0]["target"]) for v in violations]
