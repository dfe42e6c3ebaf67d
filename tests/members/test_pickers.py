"""People pickers show each person's school and roles, from a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from alliance.models import Role, RoleAssignment
from members.models import Person

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [label.strip() for label in re.findall(r"<option[^>]*>(.*?)</option>", select, re.S)]


def test_it_shows_school_and_role_beside_each_facilitator(login, demo):
    html = login("director").get(reverse("programmes:programme-create", args=["southwark"]))
    html = html.content.decode()
    assert "data-person-picker" in html
    assert "accessible-autocomplete.min.js" in html
    options = _options(html, "facilitators")
    assert "Chloe Okafor — Grange Walk Primary School, Specialist Leader of Education" in options
    assert (
        "Aisha Mensah — Crampton Primary School, Strategic lead for Continuing professional "
        "development" in options
    )
    assert all(" — " in option for option in options)


def test_it_loads_the_script_only_where_there_is_a_picker(login, demo):
    html = login("director").get(reverse("programmes:catalogue", args=["southwark"]))
    assert "people-picker.js" not in html.content.decode()


def test_it_asks_no_more_queries_with_more_people_to_choose(
    login, demo, django_assert_max_num_queries
):
    client = login("director")
    url = reverse("programmes:programme-create", args=["southwark"])
    client.get(url)
    with django_assert_max_num_queries(40) as before:
        client.get(url)
    school = Person.objects.filter(role_assignments__alliance=demo.southwark).first().organisation
    year = RoleAssignment.objects.filter(alliance=demo.southwark).first().academic_year
    for index in range(15):
        person = Person.objects.create(full_name=f"New governor {index}", organisation=school)
        RoleAssignment.objects.create(
            alliance=demo.southwark,
            academic_year=year,
            person=person,
            role=Role.BOARD_MEMBER,
            starts_on=year.starts_on,
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = client.get(url).content.decode()
    assert "New governor 14 — " in page


def test_it_still_refuses_a_person_the_picker_does_not_offer(login, demo):
    outsider = (
        Person.objects.filter(role_assignments__alliance=demo.steep)
        .exclude(role_assignments__alliance=demo.southwark)
        .exclude(designations__alliance=demo.southwark)
        .first()
    )
    response = login("director").post(
        reverse("programmes:programme-create", args=["southwark"]),
        {"title": "Tampered", "facilitators": [str(outsider.pk)]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Select a valid choice. {outsider.pk} is not one of the available choices." in html
