"""Attendance is offered from the day of the meeting; the minutes say who was present, who
sent apologies, who was absent without them, and whether the meeting was quorate."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.models import Role, RoleAssignment
from governance import services
from governance.models import MeetingKind, MeetingQuorum, Reply
from governance.selectors import attendance_for, quorum_for
from tests.governance.conftest import BASE_URL

pytestmark = pytest.mark.django_db


def _url(name: str, meeting) -> str:
    return reverse(f"governance:{name}", args=["southwark", meeting.pk])


def test_it_offers_record_attendance_only_from_the_day(call_meeting, login):
    admin = login("administrator")
    coming = call_meeting(days=3)
    assert "Record attendance" not in admin.get(_url("meeting-detail", coming)).content.decode()
    page = admin.get(_url("attendance", coming)).content.decode()
    assert "Attendance can be recorded from the day of the meeting" in page
    assert 'name="present"' not in page
    today = call_meeting(days=0)
    assert "Record attendance" in admin.get(_url("meeting-detail", today)).content.decode()


@pytest.fixture
def attended(call_meeting, demo, person):
    """A board meeting: the chair came, the board member sent apologies, the rest stayed away."""
    meeting = call_meeting()
    meeting.invitees.filter(person=person("board")).update(reply=Reply.APOLOGIES)
    chair = meeting.invitees.get(person=person("chair"))
    services.attendance_record(
        actor=demo.user("administrator"), meeting=meeting, present_ids={chair.pk}
    )
    return meeting


def _names(people) -> set[str]:
    return {p.full_name for p in people}


def test_the_minutes_name_who_was_absent_without_apologies(attended, demo, person, login):
    minutes = services.minutes_start(actor=demo.user("administrator"), meeting=attended)
    record = attendance_for(minutes=minutes)
    absent = set(attended.invitees.values_list("person__full_name", flat=True))
    absent -= {person("chair").full_name, person("board").full_name}
    assert absent and _names(record.absent) == absent
    assert _names(record.apologies) == {person("board").full_name}

    # Fixed on submission as it was.
    services.minutes_submit(actor=demo.user("administrator"), minutes=minutes, base_url=BASE_URL)
    minutes.refresh_from_db()
    assert not minutes.is_editable
    record = attendance_for(minutes=minutes)
    assert _names(record.absent) == absent
    assert _names(record.apologies) == {person("board").full_name}
    page = login("chair").get(_url("minutes-detail", attended)).content.decode()
    assert "Absent without apologies:" in page
    assert all(name in page for name in absent)


def test_the_default_quorum_is_half_the_board_plus_one(call_meeting, demo):
    meeting = call_meeting()
    board = RoleAssignment.objects.current().filter(
        alliance=demo.southwark, role__in=[Role.CHAIR, Role.DIRECTOR, Role.BOARD_MEMBER]
    )
    size = board.values("person").distinct().count()
    assert size > 1
    assert quorum_for(meeting=meeting) == size // 2 + 1


def test_it_says_whether_the_meeting_was_quorate(attended, demo, login):
    minutes = services.minutes_start(actor=demo.user("administrator"), meeting=attended)
    assert attendance_for(minutes=minutes).quorate is False  # one present of a larger board
    page = login("administrator").get(_url("minutes-detail", attended)).content.decode()
    assert "Quorate:</strong> no (1 present; the quorum is" in page

    MeetingQuorum.objects.create(alliance=demo.southwark, kind=MeetingKind.BOARD, members=1)
    assert attendance_for(minutes=minutes).quorate is True
    services.minutes_submit(actor=demo.user("administrator"), minutes=minutes, base_url=BASE_URL)
    minutes.refresh_from_db()
    # The quorum is fixed with the attendance: a later change leaves the record as it was.
    MeetingQuorum.objects.filter(kind=MeetingKind.BOARD).update(members=5)
    assert attendance_for(minutes=minutes).quorate is True
