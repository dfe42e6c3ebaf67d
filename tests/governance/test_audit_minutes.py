"""Every step of the minutes workflow joins the audit log."""

from __future__ import annotations

import pytest

from alliance.models import AuditEntry, AuditKind
from governance import services
from tests.governance.conftest import BASE_URL

pytestmark = pytest.mark.django_db


def _since(start: int, kind: str):
    """Entries of ``kind`` written after ``start`` (the demo data writes some of its own)."""
    return AuditEntry.objects.filter(kind=kind, pk__gt=start).order_by("id")


def _last() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_it_records_each_minutes_step_with_who_made_it(call_meeting, demo):
    start = _last()
    admin, chair = demo.user("administrator"), demo.user("chair")
    minutes = services.minutes_start(actor=admin, meeting=call_meeting())
    services.minutes_submit(actor=admin, minutes=minutes, base_url=BASE_URL)
    services.minutes_approve(actor=chair, minutes=minutes)
    entries = _since(start, AuditKind.MINUTES_STEP)
    assert [(e.actor, e.detail) for e in entries] == [
        (admin, "Started the draft"),
        (admin, "Submitted for approval"),
        (chair, "Approved"),
    ]
    assert all(e.alliance == demo.southwark for e in entries)
