"""The leadership pipeline's pages are valid HTML (Nu HTML checker, as for the rest)."""

from __future__ import annotations

import pytest

import tests.test_html_validity as html_validity
from leadership.models import Nomination
from members.models import Person

pytestmark = pytest.mark.django_db


def test_it_serves_valid_html_on_leadership_pages(tmp_path, login, monkeypatch, demo):
    nomination = Nomination.objects.get(person__user__email="teacher@demo.test")
    teacher = Person.objects.get(user__email="teacher@demo.test")
    completer = Nomination.objects.filter(status="agreed").first().person
    base = "/southwark/leadership"
    pages = [
        ("leadership-lead", f"{base}/pipeline/"),
        ("board", f"{base}/pipeline/"),
        ("leadership-lead", f"{base}/pool/"),
        ("leadership-lead", f"{base}/pool/?aspiration=senior&role=teacher"),
        ("leadership-lead", f"{base}/participants/"),
        ("leadership-lead", f"{base}/nominations/{nomination.pk}/"),
        ("leadership-lead", f"{base}/people/{completer.pk}/outcomes/"),
        ("head", f"{base}/nominations/"),
        ("head", f"{base}/nominations/new/"),
        ("teacher", f"{base}/nominations/{nomination.pk}/"),
        ("teacher", f"{base}/people/{teacher.pk}/outcomes/"),
        ("teacher", "/home/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    html_validity.test_it_serves_valid_html(tmp_path, login)
