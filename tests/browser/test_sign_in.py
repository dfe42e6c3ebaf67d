import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each demo sign-in and the heading its home shows first.
ROLE_HOMES = [
    ("chair@demo.test", "Alliance chair"),
    ("director@demo.test", "Director"),
    ("administrator@demo.test", "Administrator"),
    ("cpd-lead@demo.test", "Strategic lead for Continuing professional development"),
    ("board@demo.test", "Strategic board member"),
    ("head@demo.test", "Headteacher, Bellenden Road Primary School"),
    ("sle@demo.test", "Specialist Leader of Education (SLE)"),
]


@pytest.mark.parametrize(("email", "heading"), ROLE_HOMES)
def test_it_lands_each_role_on_its_own_home(email, heading, demo, page, live_server, sign_in):
    sign_in(email)
    expect(page).to_have_url(re.compile(r"/southwark/home/$"))
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def test_it_shows_the_superuser_the_site_administration(demo, page, live_server, sign_in):
    sign_in("superuser@demo.test")
    expect(page.get_by_role("heading", name="Your alliances")).to_be_visible()
    page.get_by_role("link", name="Go to site administration").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def test_it_lets_a_person_in_two_alliances_choose(demo, page, live_server, sign_in):
    sign_in("la-adviser@demo.test")
    page.get_by_role("link", name="South Thames Early Education Partnership").click()
    expect(page).to_have_url(re.compile(r"/steep/home/$"))
    expect(page.get_by_role("heading", name="Strategic board member")).to_be_visible()


def test_it_refuses_a_wrong_password_with_a_message(demo, page, live_server, sign_in):
    sign_in("director@demo.test", password="not-the-password")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    wrong = "The email address and/or password you specified are not correct."
    # In the error summary at the top (which takes focus) and again beside the form.
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("link", name=wrong)).to_be_visible()
    expect(page.locator("form").get_by_text(wrong)).to_be_visible()


def test_it_signs_out(demo, page, live_server, sign_in):
    sign_in("head@demo.test")
    page.get_by_role("button", name="Account").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto(f"{live_server.url}/southwark/home/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


PUBLIC_PAGES = [
    "/",
    "/southwark/",
    "/southwark/members/",
    "/southwark/members/?kind=member_school&phase=primary",
    "/southwark/strands/",
    "/southwark/strands/cpd/",
    "/southwark/sles/",
    "/steep/",
    "/accounts/login/",
    "/accounts/password/reset/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_it_has_no_serious_accessibility_violations_on_public_pages(path, demo, page, live_server):
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)


def test_it_has_no_serious_accessibility_violations_on_a_phone(demo, page, live_server):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/southwark/members/")
    page.get_by_role("button", name="Show menu").click()
    expect(page.get_by_role("link", name="Strands")).to_be_visible()
    assert_accessible(page)
