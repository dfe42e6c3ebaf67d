"""The SLE designation pages are valid HTML (Nu HTML checker, as for the rest)."""

from __future__ import annotations

import pytest

import tests.test_html_validity as html_validity
from members.models import Designation
from sle.models import ApplicationStatus, DesignationRound, SleApplication
from sle.services import support_token

pytestmark = pytest.mark.django_db


def test_it_serves_valid_html_on_sle_pages(tmp_path, login, monkeypatch, demo):
    designation_round = DesignationRound.objects.get(
        alliance=demo.southwark, closed_at__isnull=True
    )
    applications = {a.status: a for a in SleApplication.objects.filter(round=designation_round)}
    waiting = applications[ApplicationStatus.AWAITING_SUPPORT]
    nia = Designation.objects.get(alliance=demo.southwark, person__full_name="Nia Campbell")
    base = "/southwark/sle"
    pages = [
        ("anonymous", f"{base}/?q=maths&phase=primary&available=on"),
        ("teacher", f"{base}/rounds/"),
        ("director", f"{base}/rounds/"),
        ("director", f"{base}/rounds/new/"),
        ("director", f"{base}/rounds/{designation_round.pk}/"),
        ("director", f"{base}/rounds/{designation_round.pk}/edit/"),
        ("teacher", f"{base}/rounds/{designation_round.pk}/apply/"),
        ("head", f"{base}/applications/{waiting.pk}/"),
        ("head", f"{base}/support/{support_token(waiting)}/"),
        ("head", "/southwark/home/"),
        ("director", f"{base}/applications/{applications[ApplicationStatus.SUPPORTED].pk}/"),
        ("director", f"{base}/applications/{applications[ApplicationStatus.SHORTLISTED].pk}/"),
        ("director", f"{base}/reviews/"),
        ("director", f"{base}/reviews/{nia.pk}/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    monkeypatch.setattr(html_validity, "_object_pages", list)
    monkeypatch.setattr(html_validity, "_impact_pages", list)
    html_validity.test_it_serves_valid_html(tmp_path, login)
