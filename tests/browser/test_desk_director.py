import datetime
import re

import pytest
from playwright.sync_api import expect

from alliance.models import AcademicYear
from members.models import Designation
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BELLENDEN = "Bellenden Road Primary School"
CPD = "Continuing professional development"


def _change_day() -> str:
    """Today, or the second day of the year: a change must come after the lead started."""
    year = AcademicYear.current()
    return max(datetime.date.today(), year.starts_on + datetime.timedelta(days=1)).isoformat()


def _yesterday() -> str:
    """The contribution's last day, so that today it no longer counts."""
    year = AcademicYear.current()
    return max(datetime.date.today() - datetime.timedelta(days=1), year.starts_on).isoformat()


# In term: on the first day of the year a lead changed tomorrow, or a contribution ended today,
# still counts today.
@pytest.mark.usefixtures("autumn_term")
def test_it_lets_the_director_reassign_cpd_and_deploy_an_sle(demo, page, live_server, sign_in):
    sign_in("director@demo.test")
    page.get_by_role("link", name="Strand board", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(r"^Strand board"))).to_be_visible()
    expect(page.locator("#board-flags")).to_contain_text("Education Development Trust")
    assert_accessible(page)

    cpd = page.locator("#board-cpd")
    expect(cpd).to_contain_text("Aisha Mensah")
    cpd.get_by_role("link", name=f"Change the lead of {CPD}").click()
    # The people picker: type part of the name, arrow down to the suggestion, Enter.
    page.locator("input#id_person").fill("Fiona Gr")
    expect(page.get_by_role("option", name=re.compile("Fiona Gray"))).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.get_by_label("Takes over from").fill(_change_day())
    page.get_by_role("button", name="Change strategic lead").click()
    expect(page.locator("#board-cpd")).to_contain_text("Fiona Gray")
    expect(page.locator("#board-cpd")).not_to_contain_text("Aisha Mensah")

    page.locator("#board-cpd").get_by_role(
        "link", name=f"Withdraw Southwark Council from {CPD}"
    ).click()
    page.get_by_label("Last day").fill(_yesterday())
    page.get_by_role("button", name="End it").click()
    expect(page.locator("#board-flags")).to_contain_text(
        "Southwark Council contributes to 1 strand"
    )

    page.get_by_role("link", name="Support", exact=True).click()
    page.get_by_role("row").filter(has_text="Phonics and early reading").filter(
        has_text=BELLENDEN
    ).get_by_role("link").click()
    expect(
        page.get_by_role("heading", name=f"{BELLENDEN}: Phonics and early reading")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Deploy an SLE or NLE").click()
    nia = Designation.objects.get(person__full_name="Nia Campbell")
    page.get_by_label("SLE or NLE").select_option(value=str(nia.pk))
    page.get_by_label("Agreed days").fill("3")
    page.get_by_label("From").fill(_change_day())
    page.get_by_label("Until").fill(AcademicYear.current().ends_on.isoformat())
    page.get_by_role("button", name="Propose deployment").click()
    deployment = page.get_by_role("article").filter(has_text="Nia Campbell")
    expect(deployment).to_contain_text("Proposed")
    deployment.get_by_role("link", name=re.compile("Update")).click()
    page.get_by_label("Move to").select_option(label="Agreed")
    page.get_by_role("button", name="Update deployment").click()
    expect(page.get_by_role("article").filter(has_text="Nia Campbell")).to_contain_text("Agreed")


def test_it_lets_a_headteacher_request_support_accessibly(demo, page, live_server, sign_in):
    sign_in("head@demo.test")
    page.get_by_role("link", name="Request support for your school").click()
    assert_accessible(page)
    page.get_by_role("link", name="Request support").click()
    assert_accessible(page)
    page.get_by_label("Area of need").select_option(label="Assessment")
    page.get_by_label("Phase").select_option(label="Primary")
    page.get_by_label("Description").fill("Moderating Year 6 writing.")
    page.get_by_label("Preferred dates").fill("Before Easter")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text("Your request is with the director")).to_be_visible()
    expect(page.get_by_text("Moderating Year 6 writing.")).to_be_visible()
    assert_accessible(page)
