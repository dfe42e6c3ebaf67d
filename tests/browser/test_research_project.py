"""The demo director starts a research project, gives it a timeline, writes up and publishes its
findings with a file, and anyone then reads them from Southwark's public page; the demo SLE, who
leads this year's project, publishes its draft for members. axe and the page width at 320 and
1280 px on every research page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_the_screen, pick_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _check_at_both_widths(page) -> None:
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert_accessible(page)
        assert_fits_the_screen(page)


def test_the_director_publishes_findings_the_public_then_reads(
    demo, page, browser, live_server, sign_in, tmp_path
):
    sign_in("director@demo.test")
    page.get_by_role("link", name="Research projects and findings").click()
    expect(page.get_by_role("heading", name="Research and development")).to_be_visible()
    _check_at_both_widths(page)
    page.get_by_role("link", name="Start a project").click()
    _check_at_both_widths(page)
    page.get_by_label("Title").fill("Oracy in the early years")
    page.get_by_label("Research question").fill("Does daily talk time raise vocabulary?")
    pick_person(page, "lead", "Nia Campbell")
    page.get_by_label("Research and development").check()
    page.get_by_label("Bramcote Green Nursery School").check()
    page.get_by_role("button", name="Start the project").click()
    expect(page.get_by_role("heading", name="Oracy in the early years")).to_be_visible()
    expect(page.get_by_text("No timeline yet.")).to_be_visible()
    _check_at_both_widths(page)

    # A phase ending before it starts is refused next to the end date; fixed, it is saved.
    page.get_by_role("link", name="Add a phase").click()
    page.get_by_label("Title").fill("Baseline vocabulary check")
    page.get_by_label("Starts").fill("2027-01-11")
    page.get_by_label("Ends").fill("2027-01-04")
    page.get_by_role("button", name="Add the phase").click()
    expect(page).to_have_title("Error: Add a phase: Oracy in the early years · STSA")
    expect(page.locator("#error_1_id_ends_on, .invalid-feedback").first).to_contain_text(
        "The end date must be on or after the start date."
    )
    _check_at_both_widths(page)
    page.get_by_label("Ends").fill("2027-01-29")
    page.get_by_role("button", name="Add the phase").click()
    expect(
        page.get_by_role("listitem").filter(has_text="Baseline vocabulary check")
    ).to_contain_text("11 Jan 2027 to 29 Jan 2027")

    page.get_by_role("link", name="Add findings").click()
    page.get_by_label("Title").fill("What the baseline showed")
    page.get_by_label("Summary").fill("Children knew **fewer words** than expected.")
    page.get_by_label("Everyone (the alliance's public page)").check()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("heading", name="What the baseline showed")).to_be_visible()
    _check_at_both_widths(page)
    report = tmp_path / "baseline.pdf"
    report.write_bytes(b"%PDF-1.4\n% baseline\n%%EOF\n")
    not_a_document = tmp_path / "baseline.html"
    not_a_document.write_text("<html></html>")
    files = page.locator("#file-upload")
    files.get_by_label("Title").fill("Baseline report")
    files.get_by_label("File").set_input_files(str(not_a_document))
    files.get_by_role("button", name="Upload the file").click()
    # In the error summary, and next to the field.
    expect(page.locator("#file-upload").get_by_text("Upload a PDF or an office")).to_be_visible()
    files = page.locator("#file-upload")
    files.get_by_label("Title").fill("Baseline report")
    files.get_by_label("File").set_input_files(str(report))
    files.get_by_role("button", name="Upload the file").click()
    expect(page.get_by_role("link", name="Baseline report")).to_be_visible()
    # What is typed after the upload is published with it, once however often it is clicked.
    page.get_by_label("Summary").fill("Children knew **fewer words** than we expected.")
    page.get_by_role("button", name="Save and publish").dblclick()
    expect(page.get_by_text("is published: everyone can read it now")).to_be_visible()

    anonymous = browser.new_context()
    public = anonymous.new_page()
    public.goto(f"{live_server.url}/southwark/")
    public.get_by_role("link", name="What the baseline showed").click()
    expect(public.get_by_role("heading", name="Oracy in the early years")).to_be_visible()
    expect(public.locator("article strong")).to_have_text("fewer words")
    expect(public.locator("article")).to_contain_text("than we expected")
    # Who takes part is for members.
    expect(public.get_by_text("Bramcote Green Nursery School")).to_have_count(0)
    with public.expect_download() as download:
        public.get_by_role("link", name="Baseline report").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    _check_at_both_widths(public)
    anonymous.close()


def test_the_project_lead_publishes_a_draft_for_members(demo, page, live_server, sign_in):
    sign_in("sle@demo.test")
    page.goto(f"{live_server.url}/southwark/research/")
    page.get_by_role("link", name="Early reading: keeping up, not catching up").click()
    expect(page.get_by_text("Draft: only the project’s editors see it")).to_be_visible()
    page.get_by_role("link", name="Change, add files or publish “Interim notes, autumn”").click()
    page.get_by_role("button", name="Save and publish").click()
    expect(page.get_by_text("the alliance's members can read it now")).to_be_visible()
    _check_at_both_widths(page)
