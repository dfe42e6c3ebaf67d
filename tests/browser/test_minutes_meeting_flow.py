"""In Chromium: a chair calls a meeting with an agenda and a paper and sends the invitations;
a headteacher replies and downloads the paper; the administrator records attendance; an owner
marks their action done from their home page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alliance.outbox import emails_send
from tests.browser.conftest import pick_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n% the spring plan\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_it_calls_a_meeting_invites_and_records_who_came(
    demo, page, live_server, sign_in, mailoutbox
):
    now = timezone.now()
    sign_in("chair@demo.test")
    page.goto(f"{live_server.url}/southwark/meetings/call/")
    page.get_by_label("Kind").select_option(label="Whole Alliance")
    page.get_by_label("Title").fill("Whole Alliance, spring planning")
    page.get_by_label("Starts").fill(_local(now - datetime.timedelta(minutes=30)))
    page.get_by_label("Ends").fill(_local(now + datetime.timedelta(hours=3)))
    page.get_by_label("Venue").fill("Crampton Primary School, hall")
    page.get_by_label("Who may read its agenda, papers and minutes").select_option(
        label="Alliance members"
    )
    page.get_by_role("button", name="Call the meeting").click()
    expect(page.get_by_role("heading", name="Whole Alliance, spring planning")).to_be_visible()

    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title").fill("Spring CPD plan")
    pick_person(page, "presenter", "Aisha Mensah — Crampton Primary School")
    page.get_by_role("button", name="Add to the agenda").click()
    page.get_by_role("link", name="Upload a paper for Spring CPD plan").click()
    page.get_by_label("Title").fill("Spring plan")
    page.get_by_label("File").set_input_files(
        {"name": "spring-plan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Upload the paper").click()
    expect(page.get_by_role("link", name="Spring plan")).to_be_visible()
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_text(re.compile(r"Invitations sent to \d+ people"))).to_be_visible()
    # The invitations wait in the outbox until the sender runs.
    assert emails_send() > 0
    assert any(m.to == ["head@demo.test"] for m in mailoutbox)
    meeting_url = page.url

    page.context.clear_cookies()
    sign_in("head@demo.test")
    page.goto(meeting_url)
    page.get_by_label("I will attend").check()
    page.get_by_role("button", name="Send my reply").click()
    expect(page.get_by_text("Your reply: Attending")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Spring plan").click()
    assert download.value.suggested_filename == "spring-plan.pdf"

    page.context.clear_cookies()
    sign_in("administrator@demo.test")
    page.goto(meeting_url)
    page.get_by_role("link", name="Record attendance").click()
    page.get_by_role("checkbox", name=re.compile(r"Daniel Forde")).check()
    page.get_by_role("button", name="Record attendance").click()
    expect(page.get_by_text("Attendance recorded.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile(r"Daniel Forde"))
    expect(row).to_contain_text("Present")


def test_it_lets_an_owner_mark_their_action_done_from_home(demo, page, live_server, sign_in):
    sign_in("head@demo.test")
    page.get_by_role("link", name=re.compile(r"Mark done.*Bellenden Road peer review")).click()
    page.get_by_label("What was done").fill("Shared at the cluster meeting.")
    page.get_by_role("button", name="Mark done").click()
    expect(page.get_by_text("marked done")).to_be_visible()
    expect(page.get_by_role("heading", name="Your actions")).to_have_count(0)
