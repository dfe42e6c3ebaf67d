"""A person's "Download my data" holds the research projects they lead or take part in
(issue 23)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from research.models import ResearchProject

pytestmark = pytest.mark.django_db


def _projects(login, persona: str) -> list[dict]:
    return login(persona).get(reverse("personal-data-download")).json()["research_projects"]


def test_it_gives_the_lead_their_project_as_its_lead(login, demo):
    led = ResearchProject.objects.get(lead__user__email="sle@demo.test")
    [mine] = [p for p in _projects(login, "sle") if p["project"] == led.title]
    assert (mine["taking_part_as"], mine["research_question"]) == ("Project lead", led.question)


def test_it_gives_someone_taking_part_the_project_once(login, demo):
    project = ResearchProject.objects.get(people__user__email="head@demo.test")
    project.people.add(project.lead)  # listed twice over: still one row
    assert [p["taking_part_as"] for p in _projects(login, "head")] == ["Taking part"]


def test_it_gives_no_one_else_the_projects(login, demo):
    assert _projects(login, "teacher") == []
    # The head takes part in one project only, not the SLE's.
    led = ResearchProject.objects.get(lead__user__email="sle@demo.test")
    assert led.title not in str(_projects(login, "head"))
