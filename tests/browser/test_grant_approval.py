"""In Chromium: the director invites an administrator, nothing is sent until the chair approves
on the grants page (on a phone), and then the invitation email goes out once."""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from alliance.outbox import emails_send
from members.models import Invitation
from tests.browser.conftest import answer_into_a_frame, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 800}


def test_it_sends_an_administrators_invitation_only_once_the_chair_approves_it(
    demo, page, live_server, sign_in
):
    sign_in("director@demo.test")
    page.goto(f"{live_server.url}/southwark/people/invite/")
    page.get_by_label("Full name").fill("Ada Newby")
    page.get_by_label("Email").fill("ada.newby@example.test")
    page.get_by_label("Organisation").select_option(label="Crampton Primary School")
    page.get_by_label("Role").select_option(label="Administrator")
    expect(page.get_by_text("Administrator: sent only once a chair approves")).to_be_visible()
    assert_accessible(page)
    answer_into_a_frame(page)
    send = page.get_by_role("button", name="Send invitation")
    send.click()
    expect(send).to_be_disabled()
    send.click(force=True, no_wait_after=True)  # a double click sends nothing more
    invitations = Invitation.objects.filter(email="ada.newby@example.test")
    for _ in range(50):
        if invitations.exists():
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    assert invitations.count() == 1
    assert emails_send() == 0
    assert mail.outbox == []

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    sign_in("chair@demo.test")
    page.goto(f"{live_server.url}/southwark/people/grants/")
    expect(page.get_by_text("ada.newby@example.test")).to_be_visible()
    # The table scrolls inside its own box; the page itself never scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    approve = page.get_by_role("button", name="Approve Ada Newby as Administrator")
    approve.scroll_into_view_if_needed()
    approve.click()
    expect(
        page.get_by_text("Approved: the invitation is sent to ada.newby@example.test.")
    ).to_be_visible()
    expect(page.get_by_text("No grants are waiting for approval.")).to_be_visible()
    assert_accessible(page)

    assert emails_send() == 1
    assert [message.to for message in mail.outbox] == [["ada.newby@example.test"]]
    invitation = Invitation.objects.get(email="ada.newby@example.test")
    assert reverse("invitation-accept", kwargs={"token": invitation.token}) in mail.outbox[0].body
