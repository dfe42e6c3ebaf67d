"""The peer review pages are valid HTML (Nu HTML checker, as for the rest)."""

from __future__ import annotations

import pytest

import tests.test_html_validity as html_validity
from peer_review.models import Audit
from tests.peer_review.helpers import (
    BELLENDEN,
    LORDSHIP,
    NUNHEAD,
    PECKHAM_RYE,
    cluster_school,
)

pytestmark = pytest.mark.django_db


def test_it_serves_valid_html_on_peer_review_pages(tmp_path, login, monkeypatch, demo):
    base = "/southwark/peer-review"
    nunhead = cluster_school(NUNHEAD)
    audit = Audit.objects.get(school__name="Bramcote Green Nursery School")
    pages = [
        ("director", f"{base}/"),
        ("chair", f"{base}/"),
        ("director", f"{base}/clusters/{nunhead.cluster_id}/"),
        ("director", f"{base}/clusters/{nunhead.cluster_id}/focus-areas/"),
        ("director", f"{base}/schools/{nunhead.pk}/"),
        ("head", f"{base}/schools/{nunhead.pk}/report/"),
        ("head", f"{base}/schools/{cluster_school(BELLENDEN).pk}/self-review/"),
        ("director", f"{base}/schools/{cluster_school(PECKHAM_RYE).pk}/visit/"),
        ("director", f"{base}/schools/{cluster_school(LORDSHIP).pk}/workshop/"),
        ("reviewer", f"{base}/schools/{cluster_school('Bermondsey Spa Primary School').pk}/"),
        ("director", f"{base}/audits/"),
        ("director", f"{base}/audits/new/"),
        ("director", f"{base}/audits/{audit.pk}/"),
        ("director", f"{base}/audits/{audit.pk}/priorities/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    html_validity.test_it_serves_valid_html(tmp_path, login)
