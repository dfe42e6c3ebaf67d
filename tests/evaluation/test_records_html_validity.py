"""The certificate and CPD record pages are valid HTML (Nu HTML checker, as for the rest)."""

from __future__ import annotations

import pytest

import tests.test_html_validity as html_validity
from evaluation.certificates import certificates_issue
from evaluation.models import Certificate
from members.models import Organisation, Person

pytestmark = pytest.mark.django_db


def test_it_serves_valid_html_on_certificate_and_record_pages(tmp_path, login, monkeypatch):
    certificates_issue()
    certificate = Certificate.objects.get(programme_title="Behaviour for learning")
    alice = Person.objects.get(full_name="Alice Morgan")
    director = Person.objects.get(user__email="director@demo.test")
    bellenden = Organisation.objects.get(name="Bellenden Road Primary School")
    pages = [
        ("anonymous", f"/certificates/{certificate.code}/"),
        ("head", "/southwark/home/"),
        ("head", f"/southwark/evaluation/cpd-record/{alice.pk}/"),
        ("head", f"/southwark/evaluation/schools/{bellenden.pk}/cpd/"),
        # The director's own (empty) record.
        ("director", f"/southwark/evaluation/cpd-record/{director.pk}/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    html_validity.test_it_serves_valid_html(tmp_path, login)


def test_an_unknown_code_answers_a_valid_page(client):
    response = client.get("/certificates/ZZZZZ-ZZZZZ/")
    assert response.status_code == 404
    assert "<title>Certificate not found" in response.content.decode()
