"""The finance pages are valid HTML (Nu HTML checker, as for the rest of the portal)."""

from __future__ import annotations

import pytest

import tests.test_html_validity as html_validity
from finance.models import Invoice, InvoiceStatus

pytestmark = pytest.mark.django_db


def test_it_serves_valid_html_on_the_finance_pages(tmp_path, login, monkeypatch, open_invoice):
    paid = Invoice.objects.filter(status=InvoiceStatus.PAID, source="cpd").first()
    finance = "/southwark/finance/"
    pages = [
        ("finance", "/southwark/home/"),
        ("finance", finance),
        ("finance", f"{finance}?status=paid&source=cpd"),
        ("finance", f"{finance}prepare/"),
        ("finance", f"{finance}drafts/"),
        ("finance", f"{finance}outstanding/"),
        ("finance", f"{finance}income/"),
        ("finance", f"{finance}settings/"),
        ("finance", f"{finance}invoices/{open_invoice.pk}/"),
        ("finance", f"{finance}invoices/{open_invoice.pk}/payments/new/"),
        ("finance", f"{finance}invoices/{paid.pk}/credit-note/"),
        ("head", f"{finance}schools/{open_invoice.school_id}/"),
        ("head", "/southwark/home/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    monkeypatch.setattr(html_validity, "_object_pages", list)
    monkeypatch.setattr(html_validity, "_impact_pages", list)
    html_validity.test_it_serves_valid_html(tmp_path, login)
