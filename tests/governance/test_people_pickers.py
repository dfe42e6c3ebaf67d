"""The agenda item's presenter and the action's owner are one accessible people picker (each
person with their school and roles), and the server still refuses anyone not offered."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from alliance.models import AcademicYear, Role, RoleAssignment
from governance import services
from governance.models import Action, AgendaItem
from members.models import Person

pytestmark = pytest.mark.django_db


AISHA = (
    "Aisha Mensah — Crampton Primary School, Strategic lead for Continuing professional development"
)


def _select(html: str, name: str) -> tuple[str, list[str]]:
    match = re.search(rf'<select name="{name}"([^>]*)>(.*?)</select>', html, re.S)
    assert match, f"no <select name={name}>"
    labels = re.findall(r"<option[^>]*>(.*?)</option>", match.group(2), re.S)
    return match.group(1), [label.strip() for label in labels if not label.startswith("-")]


def _agenda_url(meeting) -> str:
    return reverse("governance:agenda-item-create", args=["southwark", meeting.pk])


def _action_url(action: Action) -> str:
    return reverse("governance:action-edit", args=["southwark", action.pk])


def test_the_presenter_is_a_people_picker_with_school_and_roles(call_meeting, login):
    html = login("chair").get(_agenda_url(call_meeting(days=5))).content.decode()
    attrs, options = _select(html, "presenter")
    assert "data-person-picker" in attrs
    assert "accessible-autocomplete.min.js" in html
    assert AISHA in options
    assert all(" — " in option for option in options)
    assert options == sorted(options, key=str.casefold)


def test_the_action_owner_is_a_people_picker(published, login):
    action = Action.objects.filter(entry__minutes__meeting=published()).first()
    html = login("chair").get(_action_url(action)).content.decode()
    attrs, options = _select(html, "owner")
    assert "data-person-picker" in attrs
    assert AISHA in options


def test_the_minutes_item_offers_the_owner_picker_for_a_new_action(call_meeting, login, demo):
    minutes = services.minutes_start(actor=demo.user("administrator"), meeting=call_meeting())
    entry = minutes.entries.first()
    url = reverse(
        "governance:minutes-entry-edit", args=["southwark", entry.minutes.meeting.pk, entry.pk]
    )
    attrs, _ = _select(login("administrator").get(url).content.decode(), "owner")
    assert "data-person-picker" in attrs


def test_it_refuses_a_presenter_not_offered(call_meeting, login):
    meeting = call_meeting(days=5)
    outsider = Person.objects.get(user__email="steep-director@demo.test")  # another alliance
    data = {"position": 3, "title": "Guest talk", "presenter": outsider.pk, "description": ""}
    response = login("chair").post(_agenda_url(meeting), data)
    assert response.status_code == 200
    assert "presenter" in response.context["form"].errors
    assert not AgendaItem.objects.filter(meeting=meeting, title="Guest talk").exists()


def test_it_still_saves_a_presenter_offered(call_meeting, login, person):
    meeting = call_meeting(days=5)
    data = {"position": 3, "title": "Guest talk", "presenter": person("head").pk}
    assert login("chair").post(_agenda_url(meeting), data).status_code == 302
    assert AgendaItem.objects.get(meeting=meeting, title="Guest talk").presenter == person("head")


def test_the_agenda_form_asks_no_more_queries_with_more_people(
    call_meeting, login, demo, django_assert_max_num_queries
):
    client = login("chair")
    url = _agenda_url(call_meeting(days=5))
    client.get(url)
    with django_assert_max_num_queries(60) as before:
        client.get(url)
    year = AcademicYear.current()
    school = Person.objects.get(user__email="head@demo.test").organisation
    for index in range(15):
        RoleAssignment.objects.create(
            alliance=demo.southwark,
            academic_year=year,
            person=Person.objects.create(full_name=f"New governor {index}", organisation=school),
            role=Role.BOARD_MEMBER,
            starts_on=min(year.starts_on, timezone.localdate() - datetime.timedelta(days=1)),
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = client.get(url).content.decode()
    assert "New governor 14 — " in html
