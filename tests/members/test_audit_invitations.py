"""Invitations sent and accepted, and the role they grant, join the audit log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.models import AuditEntry, AuditKind, Role
from members.models import Invitation, Organisation

pytestmark = pytest.mark.django_db


def _since(start: int, kind: str):
    """Entries of ``kind`` written after ``start`` (the demo data writes some of its own)."""
    return AuditEntry.objects.filter(kind=kind, pk__gt=start).order_by("id")


def _last() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_it_records_an_invitation_sent_accepted_and_the_role_it_grants(demo, login, client):
    start = _last()
    login("director").post(
        reverse("members:invitation-create", args=["southwark"]),
        {
            "full_name": "Priya Natarajan",
            "email": "priya@demo.test",
            "organisation": Organisation.objects.get(name="Crampton Primary School").pk,
            "role": Role.BOARD_MEMBER,
            "funded_days": "0",
            "funded_period": "week",
        },
    )
    sent = _since(start, AuditKind.INVITATION_SENT).get()
    assert sent.actor == demo.user("director")
    assert sent.alliance == demo.southwark
    assert "priya@demo.test" in sent.subject
    invitation = Invitation.objects.get(email="priya@demo.test")
    client.logout()
    client.post(
        reverse("invitation-accept", args=[invitation.token]),
        {"password1": "a-long-pass-phrase-9", "password2": "a-long-pass-phrase-9"},
    )
    accepted = _since(start, AuditKind.INVITATION_ACCEPTED).get()
    assert accepted.actor.email == "priya@demo.test"
    granted = _since(start, AuditKind.ROLE_GRANTED).get()
    assert granted.alliance == demo.southwark
    assert granted.actor == demo.user("director")  # who invited, i.e. who granted the role
    assert "Strategic board member for Priya Natarajan" in granted.detail
