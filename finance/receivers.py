"""Bills a membership the moment it starts: ``membership.signals.membership_started`` is sent
inside the transaction that approves an application or a renewal, so the invoice is issued in
that transaction and rolls back with it."""

from __future__ import annotations

from decimal import Decimal

from django.dispatch import receiver

from finance.services import subscription_invoice
from members.models import Membership, Person
from membership.signals import membership_started


@receiver(membership_started, dispatch_uid="finance-bill-membership")
def bill_membership(
    sender: object,
    *,
    membership: Membership,
    fee: Decimal,
    description: str,
    purchase_order: str = "",
    made_by: Person | None = None,
    **kwargs: object,
) -> None:
    subscription_invoice(
        membership=membership,
        fee=fee,
        description=description,
        purchase_order=purchase_order,
        made_by=made_by,
    )
