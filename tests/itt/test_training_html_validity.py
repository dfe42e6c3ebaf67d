"""The ITT training pages are valid HTML (Nu HTML checker, as for the rest): the ITT lead's
list and outcomes, a trainee's page and its forms, the mentor's and the
trainee's homes."""

from __future__ import annotations

import pytest

import tests.test_html_validity as html_validity
from itt.models import Placement, Trainee

# The demo's trainees are on their autumn placements then (the placements run from September to
# February, and their reviews are termly): the day the suite runs may be in the summer holiday.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("autumn_term")]


def test_it_serves_valid_html_on_the_training_pages(tmp_path, login, monkeypatch):
    sam = Trainee.objects.get(person__user__email="trainee@demo.test")
    placement = Placement.objects.get(trainee=sam)
    base = "/southwark/itt/training"
    pages = [
        ("itt-lead", "/southwark/home/"),
        ("itt-lead", f"{base}/trainees/"),
        ("itt-lead", f"{base}/outcomes/?year={sam.academic_year.start_year - 1}"),
        ("itt-lead", f"{base}/trainees/{sam.pk}/"),
        ("itt-lead", f"{base}/trainees/{sam.pk}/placements/add/"),
        ("itt-lead", f"{base}/trainees/{sam.pk}/outcome/"),
        ("mentor", "/home/"),
        ("mentor", f"{base}/placements/{placement.pk}/review/"),
        ("mentor", f"{base}/mentoring/"),
        ("trainee", "/home/"),
        ("trainee", f"{base}/trainees/{sam.pk}/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    monkeypatch.setattr(html_validity, "_object_pages", list)
    monkeypatch.setattr(html_validity, "_impact_pages", list)
    monkeypatch.setattr(html_validity, "_cohort_pages", list)
    html_validity.test_it_serves_valid_html(tmp_path, login)
