"""Finance emails, built when the outbox sends them: the reminder of an overdue invoice, to the
heads of the school it is addressed to."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from alliance.models import RoleAssignment
from alliance.outbox import Payload, renderer
from finance.models import Invoice


@renderer("finance.reminder")
def reminder(payload: Payload) -> list[EmailMessage]:
    invoice = (
        Invoice.objects.select_related("alliance", "school")
        .filter(pk=payload["invoice_id"])
        .first()
    )
    # Paid or credited since it was queued: nothing to remind.
    if invoice is None or not invoice.is_open:
        return []
    heads = (
        RoleAssignment.objects.headships()
        .filter(alliance=invoice.alliance, organisation=invoice.school)
        .exclude(person__email="")
        .values_list("person__email", flat=True)
    )
    recipients = sorted(set(heads))
    if not recipients:
        return []
    path = reverse(
        "finance:invoice-detail",
        kwargs={"alliance_slug": invoice.alliance.slug, "pk": invoice.pk},
    )
    context = {"invoice": invoice, "url": f"{settings.PORTAL_URL.rstrip('/')}{path}"}
    body = render_to_string("finance/email/reminder.txt", context)
    subject = f"Reminder: invoice {invoice.number} is overdue"
    return [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)]
