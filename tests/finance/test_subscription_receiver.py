"""The membership app's signal bills the membership in its own transaction."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction

from finance.models import Invoice, InvoiceStatus, Source
from members.models import Membership, Organisation
from membership.signals import membership_started


def _new_membership(demo) -> Membership:
    school = Organisation.objects.create(name="Peckham Park Primary School", urn="199001")
    return Membership.objects.create(
        alliance=demo.southwark,
        organisation=school,
        academic_year=Membership.objects.filter(alliance=demo.southwark)
        .latest("academic_year__start_year")
        .academic_year,
        kind="member_school",
    )


def _send(membership, gareth, fee="1350.00") -> None:
    membership_started.send(
        sender=Membership,
        membership=membership,
        fee=Decimal(fee),
        description="Full member 2026/27, primary, 201-400 on roll",
        purchase_order="PO-77",
        made_by=gareth,
    )


@pytest.mark.django_db
def test_it_issues_the_subscription_invoice_once(demo, gareth):
    membership = _new_membership(demo)
    _send(membership, gareth)
    _send(membership, gareth)  # a renewal sent twice bills once
    invoice = Invoice.objects.get(school=membership.organisation)
    assert (invoice.source, invoice.status) == (Source.SUBSCRIPTION, InvoiceStatus.ISSUED)
    assert (invoice.gross, invoice.purchase_order) == (Decimal("1350.00"), "PO-77")
    assert invoice.number.startswith("STSA-")
    assert invoice.lines.get().description.startswith("Full member 2026/27")


@pytest.mark.django_db
def test_the_invoice_rolls_back_with_the_approval(demo, gareth):
    membership = _new_membership(demo)
    with pytest.raises(RuntimeError), transaction.atomic():
        _send(membership, gareth)
        raise RuntimeError("the approval failed after the signal")
    assert not Invoice.objects.filter(school=membership.organisation).exists()


@pytest.mark.django_db
def test_a_free_membership_has_no_invoice(demo, gareth):
    membership = _new_membership(demo)
    _send(membership, gareth, fee="0.00")
    assert not Invoice.objects.filter(school=membership.organisation).exists()
