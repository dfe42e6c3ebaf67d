"""Writes to the alliance's books: preparing, issuing, voiding and crediting invoices, recording
payments, using a school's credit, and reminders. Each is one transaction; each that two people
could do at once locks its rows (invoices first, in id order, then the number counter or the
alliance's finance settings), through ``alliance/locks.py``."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from alliance.audit import audit_record
from alliance.locks import lock_all, lock_one
from alliance.models import Alliance, AuditKind, RoleAssignment, validate_served_date
from alliance.outbox import email_later
from alliance.permissions import has_perm
from finance.models import (
    MOST,
    ZERO,
    CreditMovement,
    FinanceSettings,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    NumberCounter,
    Payment,
    Source,
    line_amounts,
)
from finance.periods import Term
from finance.sources import SOURCES, Charge
from members.models import Membership, Person
from programmes.models import reference_prefix

PO_LENGTH = 40
# A sign is let through for the amount's own message ("greater than £0").
PLAIN_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def settings_of(alliance: Alliance) -> FinanceSettings:
    """The alliance's finance settings, made with the defaults the first time they are asked."""
    found, _ = FinanceSettings.objects.get_or_create(alliance=alliance)
    return found


def _require(actor: Person | None, perm: str, alliance: Alliance) -> None:
    if not has_perm(actor, perm, alliance):
        raise PermissionDenied


def _audit(actor: Person | None, subject, detail: str) -> None:
    audit_record(
        actor=actor,
        kind=AuditKind.FINANCE,
        alliance=subject.alliance_id,
        subject=subject,
        detail=detail,
    )


def money(value: object, *, field: str = "amount") -> Decimal:
    """A positive sum of pounds and pence, or a ValidationError saying what to enter. Typed (a
    string), it is digits and a point alone: ``Decimal()`` also reads "1e3" as a thousand
    pounds, and "٣" (Arabic-Indic) and "３" (fullwidth) as 3."""
    if isinstance(value, str) and not PLAIN_AMOUNT.fullmatch(value.strip()):
        raise ValidationError({field: "Enter an amount in pounds, such as 125.50."})
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: "Enter an amount in pounds, such as 125.50."}) from exc
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: "Enter an amount greater than £0."})
    if amount > MOST:
        raise ValidationError({field: "Enter an amount less than £1,000,000."})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: "Enter an amount in pounds and pence (two decimal places)."})
    return amount


@transaction.atomic
def finance_settings_update(*, actor: Person, settings: FinanceSettings) -> FinanceSettings:
    _require(actor, "finance.settings", settings.alliance)
    settings.full_clean()
    settings.save()
    _audit(actor, settings, "Finance settings changed")
    return settings


# --- drafting ---------------------------------------------------------------------------------


def _billed_already(alliance: Alliance, keys: Iterable[str]) -> set[str]:
    return set(
        InvoiceLine.objects.filter(
            alliance=alliance, bills=True, billed__in=list(keys)
        ).values_list("billed", flat=True)
    )


def charges_to_bill(*, alliance: Alliance, term: Term) -> list[Charge]:
    """What preparing the term would bill now: every source's charges not yet on an invoice."""
    settings = settings_of(alliance)
    charges = [charge for source in SOURCES for charge in source(alliance, term, settings)]
    done = _billed_already(alliance, (c.billed for c in charges))
    return [c for c in charges if c.billed not in done]


def _purchase_order(charges: list[Charge]) -> str:
    orders = sorted({c.purchase_order for c in charges if c.purchase_order})
    return ", ".join(orders)[:PO_LENGTH]


def _draft(
    *,
    alliance: Alliance,
    settings: FinanceSettings,
    charges: list[Charge],
    period: str,
    actor: Person | None,
) -> Invoice:
    first = charges[0]
    invoice = Invoice.objects.create(
        alliance=alliance,
        source=first.source,
        school=first.school,
        purchase_order=_purchase_order(charges),
        period=period,
        created_by=actor,
    )
    rate = settings.line_vat_rate
    lines = []
    for charge in charges:
        net, vat, gross = line_amounts(charge.quantity, charge.unit_price, rate)
        lines.append(
            InvoiceLine(
                invoice=invoice,
                alliance=alliance,
                source=charge.source,
                description=charge.description[:300],
                quantity=charge.quantity,
                unit_price=charge.unit_price,
                vat_rate=rate,
                net=net,
                vat=vat,
                gross=gross,
                strand_id=charge.strand_id,
                billed=charge.billed,
            )
        )
    InvoiceLine.objects.bulk_create(lines)
    invoice.net = sum((line.net for line in lines), ZERO)
    invoice.vat = sum((line.vat for line in lines), ZERO)
    invoice.gross = sum((line.gross for line in lines), ZERO)
    invoice.save(update_fields=["net", "vat", "gross"])
    return invoice


@transaction.atomic
def invoices_prepare(*, actor: Person, alliance: Alliance, term: Term) -> list[Invoice]:
    """Draft invoices for what the term bills and nothing billed before: per school and source
    (and per booking when the alliance invoices CPD per booking)."""
    _require(actor, "finance.invoice", alliance)
    # One preparation at a time per alliance: a second waits, then finds everything billed.
    settings = lock_one(FinanceSettings.objects.all(), pk=settings_of(alliance).pk)
    grouped: dict[tuple, list[Charge]] = defaultdict(list)
    for charge in charges_to_bill(alliance=alliance, term=term):
        grouped[(charge.school.name, charge.school.pk, charge.source, charge.invoice_key)].append(
            charge
        )
    drafts = [
        _draft(
            alliance=alliance,
            settings=settings,
            charges=charges,
            period=term.label,
            actor=actor,
        )
        for _, charges in sorted(grouped.items(), key=lambda item: item[0])
    ]
    if drafts:
        audit_record(
            actor=actor,
            kind=AuditKind.FINANCE,
            alliance=alliance,
            detail=f"{len(drafts)} draft invoices prepared for {term.label}",
        )
    return drafts


# --- issuing ----------------------------------------------------------------------------------


def _next_number(alliance: Alliance, kind: str, day: datetime.date) -> str:
    """The next number in the series, taken under the counter's row lock: gap-free, unique."""
    counter, _ = NumberCounter.objects.get_or_create(alliance=alliance, kind=kind, year=day.year)
    counter = lock_one(NumberCounter.objects.all(), pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    series = "CN-" if kind == InvoiceKind.CREDIT_NOTE else ""
    return f"{reference_prefix(alliance)}-{series}{day.year}-{counter.last:04d}"


def _issue_locked(invoice: Invoice, *, actor: Person | None, today: datetime.date) -> Invoice:
    settings = settings_of(invoice.alliance)
    invoice.number = _next_number(invoice.alliance, invoice.kind, today)
    invoice.issue_date = today
    invoice.due_date = today + datetime.timedelta(days=settings.payment_terms_days)
    invoice.status = InvoiceStatus.ISSUED
    invoice.issued_by = actor
    invoice.save()
    _audit(
        actor, invoice, f"{invoice.get_kind_display()} {invoice.number} issued: £{invoice.gross}"
    )
    return invoice


@transaction.atomic
def invoices_issue(
    *, actor: Person, alliance: Alliance, pks: Iterable[int], on: datetime.date | None = None
) -> list[Invoice]:
    """Issue the drafts among ``pks``; any already issued (a double click) are left as they are.
    ``on`` backdates the issue (the demo's past years); the portal issues today."""
    _require(actor, "finance.invoice", alliance)
    drafts = lock_all(
        Invoice.objects.filter(
            alliance=alliance, pk__in=list(pks), status=InvoiceStatus.DRAFT
        ).order_by("pk")
    )
    today = on or timezone.localdate()
    # Read again under the lock: another issue a moment ago may have taken some.
    return [
        _issue_locked(d, actor=actor, today=today)
        for d in drafts
        if d.status == InvoiceStatus.DRAFT
    ]


@transaction.atomic
def invoice_void(*, actor: Person, invoice: Invoice) -> Invoice:
    """Void a draft: what it billed is free to be billed again. An issued invoice is corrected
    by a credit note instead."""
    _require(actor, "finance.invoice", invoice.alliance)
    invoice = lock_one(Invoice.objects.all(), pk=invoice.pk)
    if invoice.status == InvoiceStatus.VOID:
        return invoice
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError("Only a draft can be voided: issue a credit note to correct this.")
    invoice.lines.update(bills=False)
    invoice.status = InvoiceStatus.VOID
    invoice.save(update_fields=["status"])
    _audit(actor, invoice, "Draft invoice voided")
    return invoice


def _settle(invoice: Invoice, amount: Decimal) -> Decimal:
    """Settle up to ``amount`` of a locked, issued invoice; returns what was beyond its balance."""
    applied = min(amount, invoice.balance)
    invoice.settled += applied
    invoice.status = invoice.settled_status()
    invoice.save(update_fields=["settled", "status"])
    return amount - applied


@transaction.atomic
def credit_note_issue(
    *,
    actor: Person,
    invoice: Invoice,
    line_ids: Iterable[int],
    reason: str,
    on: datetime.date | None = None,
) -> Invoice:
    """A credit note for chosen lines of an issued invoice, numbered in its own series. It
    settles what the invoice still owes; any rest (the lines were paid) is the school's credit."""
    _require(actor, "finance.invoice", invoice.alliance)
    invoice = lock_one(Invoice.objects.all(), pk=invoice.pk)
    if invoice.is_credit_note or invoice.status in (InvoiceStatus.DRAFT, InvoiceStatus.VOID):
        raise ValidationError("Only an issued invoice can be credited.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the invoice is being credited."})
    chosen = list(invoice.lines.filter(pk__in=list(line_ids)))
    keys = [f"credit:{line.pk}" for line in chosen]
    done = _billed_already(invoice.alliance, keys)
    chosen = [line for line in chosen if f"credit:{line.pk}" not in done]
    if not chosen:
        raise ValidationError({"lines": "Choose a line that has not been credited already."})
    note = Invoice.objects.create(
        alliance=invoice.alliance,
        kind=InvoiceKind.CREDIT_NOTE,
        source=invoice.source,
        school=invoice.school,
        purchase_order=invoice.purchase_order,
        period=invoice.period,
        corrects=invoice,
        reason=reason.strip()[:300],
        created_by=actor,
    )
    lines = []
    for line in chosen:
        net, vat, gross = line_amounts(-line.quantity, line.unit_price, line.vat_rate)
        lines.append(
            InvoiceLine(
                invoice=note,
                alliance=invoice.alliance,
                source=line.source,
                description=f"Credit: {line.description}"[:300],
                quantity=-line.quantity,
                unit_price=line.unit_price,
                vat_rate=line.vat_rate,
                net=net,
                vat=vat,
                gross=gross,
                strand_id=line.strand_id,
                billed=f"credit:{line.pk}",
            )
        )
    InvoiceLine.objects.bulk_create(lines)
    note.net = sum((line.net for line in lines), ZERO)
    note.vat = sum((line.vat for line in lines), ZERO)
    note.gross = sum((line.gross for line in lines), ZERO)
    note.save(update_fields=["net", "vat", "gross"])
    _issue_locked(note, actor=actor, today=on or timezone.localdate())
    rest = _settle(invoice, -note.gross)
    if rest:
        CreditMovement.objects.create(
            alliance=invoice.alliance,
            school=invoice.school,
            amount=rest,
            invoice=note,
            made_by=actor,
            on=note.issue_date,
        )
    return note


# --- money received ---------------------------------------------------------------------------


class CreditNotConfirmed(ValidationError):
    """A payment beyond what the invoice owes, without the person's word that the excess is
    the school's credit (or with their word for another excess: the balance changed)."""

    def __init__(self, *, amount: Decimal, balance: Decimal, over: Decimal) -> None:
        keep = f"Tick “Record £{over:,.2f} as the school's credit” to keep it as credit"
        super().__init__(
            f"£{amount:,.2f} is £{over:,.2f} more than the £{balance:,.2f} still to pay. "
            f"{keep}, or correct the amount."
            if over
            else f"£{amount:,.2f} is no more than the £{balance:,.2f} still to pay: nothing is "
            "kept as credit. Record the payment again."
        )


@transaction.atomic
def payment_record(
    *,
    actor: Person,
    invoice: Invoice,
    received_on: datetime.date,
    amount: Decimal,
    method: str,
    reference: str,
    token: str,
    to_credit: Decimal = ZERO,
) -> tuple[Payment, bool]:
    """Record money received against an issued invoice: the payment, and whether it was
    recorded now (False: the same form, by its token, recorded it before). More than the
    invoice owes is kept as the school's credit only when ``to_credit`` is exactly that excess,
    which the person confirmed: a slip of a digit is not quietly turned into credit."""
    _require(actor, "finance.record_payment", invoice.alliance)
    amount = money(amount)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": "Enter a date that is today or in the past."})
    try:
        validate_served_date(received_on)
    except ValidationError as error:
        raise ValidationError({"received_on": error.messages}) from error
    invoice = lock_one(Invoice.objects.all(), pk=invoice.pk)
    existing = Payment.objects.filter(token=token).first()
    if existing is not None:
        if existing.invoice_id != invoice.pk:
            raise ValidationError(
                "Nothing was recorded: this form was already used for a payment against "
                "another invoice. Open “Record a payment” on this invoice again."
            )
        return existing, False
    if not invoice.is_open:
        raise ValidationError(f"This invoice is {invoice.get_status_display().lower()}.")
    over = max(amount - invoice.balance, ZERO)
    if over != to_credit:
        raise CreditNotConfirmed(amount=amount, balance=invoice.balance, over=over)
    payment = Payment(
        alliance=invoice.alliance,
        invoice=invoice,
        school=invoice.school,
        received_on=received_on,
        amount=amount,
        method=method,
        reference=reference.strip(),
        token=token,
        recorded_by=actor,
    )
    payment.to_credit = _settle(invoice, amount)
    payment.full_clean()
    payment.save()
    if payment.to_credit:
        CreditMovement.objects.create(
            alliance=invoice.alliance,
            school=invoice.school,
            amount=payment.to_credit,
            payment=payment,
            made_by=actor,
            on=received_on,
        )
    _audit(
        actor,
        invoice,
        f"Payment of £{amount} recorded ({payment.get_method_display()})"
        + (f"; £{payment.to_credit} kept as credit" if payment.to_credit else ""),
    )
    return payment, True


def credit_balance(*, alliance: Alliance, school_id: int) -> Decimal:
    total = CreditMovement.objects.filter(alliance=alliance, school_id=school_id).aggregate(
        total=Sum("amount")
    )["total"]
    return total or ZERO


@transaction.atomic
def credit_apply(*, actor: Person, invoice: Invoice) -> Decimal:
    """Use the school's credit against an open invoice; returns how much was used."""
    _require(actor, "finance.record_payment", invoice.alliance)
    invoice = lock_one(Invoice.objects.all(), pk=invoice.pk)
    # The alliance's settings row stands for its credit ledger: two uses at once queue here.
    lock_one(FinanceSettings.objects.all(), alliance=invoice.alliance)
    if not invoice.is_open:
        raise ValidationError(f"This invoice is {invoice.get_status_display().lower()}.")
    available = credit_balance(alliance=invoice.alliance, school_id=invoice.school_id)
    used = min(available, invoice.balance)
    if used <= 0:
        raise ValidationError("The school has no credit to use.")
    _settle(invoice, used)
    CreditMovement.objects.create(
        alliance=invoice.alliance,
        school=invoice.school,
        amount=-used,
        invoice=invoice,
        made_by=actor,
    )
    _audit(actor, invoice, f"£{used} of the school's credit used")
    return used


# --- subscriptions ----------------------------------------------------------------------------


def subscription_invoice(
    *,
    membership: Membership,
    fee: Decimal,
    description: str,
    purchase_order: str = "",
    made_by: Person | None = None,
    on: datetime.date | None = None,
) -> Invoice | None:
    """Draft and issue the invoice of a membership's fee, in the caller's transaction; a
    membership already billed keeps its invoice, and a free one has none."""
    if fee <= 0:
        return None
    alliance = membership.alliance
    key = f"membership:{membership.pk}"
    line = (
        InvoiceLine.objects.filter(alliance=alliance, bills=True, billed=key)
        .select_related("invoice")
        .first()
    )
    if line is not None:
        return line.invoice
    charge = Charge(
        source=Source.SUBSCRIPTION,
        school=membership.organisation,
        billed=key,
        description=description,
        quantity=Decimal("1"),
        unit_price=fee,
        purchase_order=purchase_order,
    )
    with transaction.atomic():
        draft = _draft(
            alliance=alliance,
            settings=settings_of(alliance),
            charges=[charge],
            period=str(membership.academic_year),
            actor=made_by,
        )
        draft = lock_one(Invoice.objects.all(), pk=draft.pk)
        return _issue_locked(draft, actor=made_by, today=on or timezone.localdate())


# --- reminders --------------------------------------------------------------------------------


@transaction.atomic
def invoice_remind(*, actor: Person, invoice: Invoice) -> Invoice:
    """Email the school's head a reminder of an overdue invoice: once a day at most."""
    _require(actor, "finance.invoice", invoice.alliance)
    invoice = lock_one(Invoice.objects.all(), pk=invoice.pk)
    today = timezone.localdate()
    if not invoice.is_overdue(today):
        raise ValidationError("Only an overdue invoice is reminded.")
    if invoice.reminded_on == today:
        raise ValidationError("A reminder for this invoice was already sent today.")
    heads = RoleAssignment.objects.headships().filter(
        alliance=invoice.alliance, organisation=invoice.school
    )
    if not heads.exclude(person__email="").exists():
        raise ValidationError(
            f"{invoice.school} has no headteacher with an email address on the portal: "
            "contact the school directly."
        )
    invoice.reminded_on = today
    invoice.save(update_fields=["reminded_on"])
    email_later(kind="finance.reminder", payloads=[{"invoice_id": invoice.pk}])
    _audit(actor, invoice, f"Reminder sent: £{invoice.balance} overdue")
    return invoice
