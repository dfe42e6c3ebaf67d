"""Changes to the strand board join the audit log."""

from __future__ import annotations

import pytest

from alliance.models import AuditEntry, AuditKind
from tests.strands.helpers import current_lead, day, person, url

pytestmark = pytest.mark.django_db


def _since(start: int, kind: str):
    """Entries of ``kind`` written after ``start`` (the demo data writes some of its own)."""
    return AuditEntry.objects.filter(kind=kind, pk__gt=start).order_by("id")


def _last() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_it_records_a_change_of_strand_lead(login, demo):
    start = _last()
    old = current_lead("cpd")
    login("director").post(
        url("lead-change", pk=old.pk),
        {
            "person": person("Fiona Gray").pk,
            "starts_on": day(60),
            "funded_days": "0.5",
            "funded_period": "week",
        },
    )
    entries = _since(start, AuditKind.STRAND_CHANGED)
    assert {e.detail for e in entries} == {"Strategic lead ended", "Strategic lead assigned"}
    assert all(e.actor == demo.user("director") for e in entries)
    assert all(e.alliance == demo.southwark for e in entries)
    assert any("Fiona Gray" in e.subject for e in entries)
    # The new lead's role is a grant in its own right.
    grant = _since(start, AuditKind.ROLE_GRANTED).get()
    assert "Fiona Gray" in grant.detail
    assert grant.actor == demo.user("director")
