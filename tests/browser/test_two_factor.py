import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.totp import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_takes_the_director_through_two_factor_set_up_to_the_strand_board(
    demo, page, live_server, sign_in, settings
):
    settings.MFA_REQUIRED_FOR_PRIVILEGED = True
    # Asking for a reset link makes allauth record the address; it must not count as unproved.
    page.goto(f"{live_server.url}/accounts/password/reset/")
    page.get_by_label("Email").fill("director@demo.test")
    page.get_by_role("button", name="Reset my password").click()
    expect(page.get_by_role("heading", name="Password reset")).to_be_visible()

    sign_in("director@demo.test")
    # allauth asks for the password again before anyone changes how they sign in.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.get_by_label("Password").fill("alliance-demo")
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Authenticator app activated.")).to_be_visible()

    page.goto(f"{live_server.url}/home/")
    page.get_by_role("link", name="Strand board", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(r"^Strand board"))).to_be_visible()
