"""The research pages are valid HTML (Nu HTML checker, as for the rest)."""

from __future__ import annotations

import pytest

import tests.test_html_validity as html_validity
from alliance.models import AcademicYear
from research.demo import MARKING, READING
from research.models import Output, ResearchProject

pytestmark = pytest.mark.django_db


def test_it_serves_valid_html_on_research_pages(tmp_path, login, monkeypatch, demo):
    marking = ResearchProject.objects.get(title=MARKING)
    reading = ResearchProject.objects.get(title=READING)
    draft = Output.objects.get(project=reading)
    # The demo's marking project keeps its own dates, whichever day the demo is seeded.
    ran = AcademicYear.start_year_for(marking.phases.earliest("starts_on").starts_on)
    AcademicYear.objects.get_or_create(start_year=ran)
    base = "/southwark/research"
    pages = [
        ("anonymous", f"{base}/"),
        ("anonymous", f"{base}/{marking.pk}/"),
        ("teacher", f"{base}/"),
        ("director", f"{base}/new/"),
        ("director", f"{base}/{marking.pk}/"),
        ("sle", f"{base}/{reading.pk}/"),
        ("sle", f"{base}/{reading.pk}/edit/"),
        ("sle", f"{base}/{reading.pk}/phases/new/"),
        ("sle", f"{base}/{reading.pk}/outputs/new/"),
        ("sle", f"{base}/outputs/{draft.pk}/"),
        # The impact report of the year the marking project ran, with its research section.
        ("director", f"/southwark/evaluation/impact/{ran}/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    html_validity.test_it_serves_valid_html(tmp_path, login)
