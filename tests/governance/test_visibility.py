"""Who reads what: visibility levels, drafts, confidential items, search and the action log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.models import AcademicYear
from governance import services
from governance.models import MeetingKind, Visibility

pytestmark = pytest.mark.django_db


def _minutes_url(meeting) -> str:
    return reverse("governance:minutes-detail", args=["southwark", meeting.pk])


@pytest.mark.parametrize(
    ("visibility", "readers", "refused"),
    [
        (Visibility.PUBLIC, ["anonymous", "head", "board", "steep-director"], []),
        (
            Visibility.MEMBERS,
            ["head", "sle", "cpd-lead", "board", "chair", "la-adviser"],
            ["steep-director", "superuser"],
        ),
        (Visibility.BOARD, ["board", "chair", "director", "la-adviser"], ["head", "sle"]),
    ],
)
def test_it_shows_published_minutes_by_visibility(published, login, visibility, readers, refused):
    meeting = published(kind=MeetingKind.WHOLE_ALLIANCE, visibility=visibility)
    for persona in readers:
        response = login(persona).get(_minutes_url(meeting))
        assert response.status_code == 200, persona
        assert "Decided about Open item on phonics." in response.content.decode()
    for persona in refused:
        assert login(persona).get(_minutes_url(meeting)).status_code == 403, persona
    if visibility != Visibility.PUBLIC:
        assert login("anonymous").get(_minutes_url(meeting)).status_code == 302


def test_it_shows_draft_minutes_only_to_the_administrator_and_chairs(call_meeting, demo, login):
    meeting = call_meeting(kind=MeetingKind.WHOLE_ALLIANCE, visibility=Visibility.PUBLIC)
    services.minutes_start(actor=demo.user("administrator"), meeting=meeting)
    for persona in ("administrator", "chair"):
        assert login(persona).get(_minutes_url(meeting)).status_code == 200
    for persona in ("anonymous", "director", "board", "head"):
        assert login(persona).get(_minutes_url(meeting)).status_code == 404, persona
    pdf = reverse("governance:minutes-pdf", args=["southwark", meeting.pk])
    assert login("head").get(pdf).status_code == 404


def test_it_keeps_reading_the_published_revision_while_a_correction_is_drafted(
    published, demo, login
):
    meeting = published(kind=MeetingKind.WHOLE_ALLIANCE, visibility=Visibility.MEMBERS)
    admin = demo.user("administrator")
    correction = services.minutes_correct(
        actor=admin, minutes=meeting.minutes.get(), reason="Wrong owner"
    )
    services.minutes_entry_update(
        actor=admin, entry=correction.entries.first(), notes="Draft fix", decisions=""
    )
    head_html = login("head").get(_minutes_url(meeting)).content.decode()
    assert "Revision 1" in head_html and "Draft fix" not in head_html
    admin_html = login("administrator").get(_minutes_url(meeting)).content.decode()
    assert "Revision 2" in admin_html and "Wrong owner" in admin_html
    earlier = reverse("governance:minutes-revision", args=["southwark", meeting.pk, 1])
    assert login("chair").get(earlier).status_code == 200
    assert login("head").get(earlier).status_code == 403


def test_it_leaves_confidential_items_out_of_the_members_version(published, login):
    meeting = published(
        kind=MeetingKind.WHOLE_ALLIANCE,
        visibility=Visibility.MEMBERS,
        confidential_second_item=True,
    )
    for url in (meeting.get_absolute_url(), _minutes_url(meeting)):
        member = login("head").get(url).content.decode()
        assert "Open item on phonics" in member and "Staffing matter" not in member
        board = login("board").get(url).content.decode()
        assert "Staffing matter" in board and "Confidential" in board


def test_it_searches_published_minutes_without_leaking_confidential_words(published, login):
    published(
        kind=MeetingKind.WHOLE_ALLIANCE,
        visibility=Visibility.MEMBERS,
        confidential_second_item=True,
    )
    url = reverse("governance:meeting-list", args=["southwark"])
    found = login("head").get(url, {"q": "Decided about Open item"}).context["meetings"]
    assert [m.title for m in found] == ["Test whole_alliance meeting"]
    hidden = login("head").get(url, {"q": "Decided about Staffing"}).context["meetings"]
    assert list(hidden) == []
    board = login("board").get(url, {"q": "Decided about Staffing"}).context["meetings"]
    assert [m.title for m in board] == ["Test whole_alliance meeting"]


def test_it_filters_the_archive_by_year_and_kind(login, demo):
    url = reverse("governance:meeting-list", args=["southwark"])
    meetings = login("chair").get(url, {"kind": "board"}).context["meetings"]
    assert meetings and all(m.kind == "board" for m in meetings)
    AcademicYear.objects.get_or_create(start_year=2035)
    assert list(login("chair").get(url, {"year": 2035}).context["meetings"]) == []
    this_year = AcademicYear.current()
    meetings = login("chair").get(url, {"year": this_year.start_year}).context["meetings"]
    assert all(m.academic_year == this_year for m in meetings)


def test_it_lists_only_meetings_the_person_may_read(login):
    url = reverse("governance:meeting-list", args=["southwark"])
    public = [m.visibility for m in login("anonymous").get(url).context["meetings"]]
    assert public and set(public) == {"public"}
    member = {m.visibility for m in login("head").get(url).context["meetings"]}
    assert member == {"public", "members"}
    board = {m.visibility for m in login("board").get(url).context["meetings"]}
    assert board == {"public", "members", "board"}


def test_it_groups_the_archive_by_academic_year(login, demo):
    this_year = AcademicYear.current()
    html = login("chair").get(reverse("governance:meeting-list", args=["southwark"]))
    assert f'<h2 id="year-{this_year.start_year}"' in html.content.decode()
