"""Reads of the alliance's books for the finance holder, the director and a school's head. Each
is a fixed number of queries however many invoices there are.

Ageing counts days from the **issue date** (the usual aged-debtors report: an invoice 45 days
old is in 31–60 whatever its terms); "overdue" is past the due date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from alliance.models import AcademicYear, Alliance
from finance.models import (
    OPEN_STATUSES,
    ZERO,
    CreditMovement,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    Source,
)
from members.models import Organisation
from strands.models import StrandKind

AGEING_BUCKETS = ("0–30 days", "31–60 days", "61–90 days", "Over 90 days")


def bucket_of(days: int) -> int:
    if days <= 30:
        return 0
    if days <= 60:
        return 1
    if days <= 90:
        return 2
    return 3


def open_invoices_of(alliance: Alliance) -> QuerySet[Invoice]:
    """Invoices the schools still owe on (never a credit note)."""
    return Invoice.objects.filter(
        alliance=alliance, kind=InvoiceKind.INVOICE, status__in=OPEN_STATUSES
    )


def invoice_list_for(
    *, alliance: Alliance, status: str = "", source: str = "", school_id: int | None = None
) -> QuerySet[Invoice]:
    invoices = Invoice.objects.filter(alliance=alliance).select_related("school")
    if status:
        invoices = invoices.filter(status=status)
    if source:
        invoices = invoices.filter(source=source)
    if school_id:
        invoices = invoices.filter(school_id=school_id)
    return invoices.order_by("-issue_date", "-id")


def payments_for(*, alliance: Alliance, school_id: int | None = None) -> QuerySet[Payment]:
    payments = Payment.objects.filter(alliance=alliance).select_related("invoice", "school")
    if school_id:
        payments = payments.filter(school_id=school_id)
    return payments


@dataclass
class LedgerSummary:
    invoiced: Decimal = ZERO  # gross of issued invoices less credit notes
    received: Decimal = ZERO
    outstanding: Decimal = ZERO
    overdue: Decimal = ZERO
    overdue_count: int = 0
    drafts: int = 0
    credit_held: Decimal = ZERO


def ledger_summary(*, alliance: Alliance) -> LedgerSummary:
    """The headline figures: four queries."""
    today = timezone.localdate()
    issued = Invoice.objects.filter(alliance=alliance).exclude(
        status__in=[InvoiceStatus.DRAFT, InvoiceStatus.VOID]
    )
    # A credit note is issued but owes nothing: what it credits is settled on its invoice.
    owing = Q(status__in=OPEN_STATUSES, kind=InvoiceKind.INVOICE)
    late = owing & Q(due_date__lt=today)
    totals = issued.aggregate(
        invoiced=Sum("gross"),
        outstanding=Sum("gross", filter=owing) - Sum("settled", filter=owing),
        overdue=Sum("gross", filter=late) - Sum("settled", filter=late),
    )
    summary = LedgerSummary(
        invoiced=totals["invoiced"] or ZERO,
        outstanding=totals["outstanding"] or ZERO,
        overdue=totals["overdue"] or ZERO,
    )
    summary.overdue_count = issued.filter(late).count()
    summary.drafts = Invoice.objects.filter(alliance=alliance, status=InvoiceStatus.DRAFT).count()
    summary.received = (
        Payment.objects.filter(alliance=alliance).aggregate(total=Sum("amount"))["total"] or ZERO
    )
    summary.credit_held = (
        CreditMovement.objects.filter(alliance=alliance).aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    return summary


@dataclass
class SchoolAgeing:
    school: Organisation
    buckets: list[Decimal] = field(default_factory=lambda: [ZERO] * 4)
    overdue: int = 0

    @property
    def total(self) -> Decimal:
        return sum(self.buckets, ZERO)


def outstanding_by_school(*, alliance: Alliance) -> tuple[list[SchoolAgeing], list[Decimal]]:
    """Each school owing money, its open balances in the ageing buckets, and the totals."""
    today = timezone.localdate()
    rows: dict[int, SchoolAgeing] = {}
    open_invoices = open_invoices_of(alliance)
    for invoice in open_invoices.select_related("school"):
        row = rows.setdefault(invoice.school_id, SchoolAgeing(school=invoice.school))
        row.buckets[bucket_of(invoice.days_since_issue(today))] += invoice.balance
        row.overdue += invoice.is_overdue(today)
    ordered = sorted(rows.values(), key=lambda r: (-r.total, r.school.name))
    totals = [sum((r.buckets[i] for r in ordered), ZERO) for i in range(4)]
    return ordered, totals


@dataclass
class IncomeRow:
    label: str
    net: Decimal = ZERO
    vat: Decimal = ZERO
    gross: Decimal = ZERO


def income_for_year(*, alliance: Alliance, year: AcademicYear) -> dict[str, list[IncomeRow]]:
    """Issued income (credit notes taken off) by source and by strand, for invoices issued in
    the academic year: two queries."""
    lines = InvoiceLine.objects.filter(
        alliance=alliance,
        invoice__issue_date__gte=year.starts_on,
        invoice__issue_date__lte=year.ends_on,
    ).exclude(invoice__status__in=[InvoiceStatus.DRAFT, InvoiceStatus.VOID])
    by_source = {
        row["source"]: row
        for row in lines.values("source").annotate(
            net=Sum("net"), vat=Sum("vat"), gross=Sum("gross")
        )
    }
    sources = [
        IncomeRow(label, *(by_source[value][k] for k in ("net", "vat", "gross")))
        for value, label in Source.choices
        if value in by_source
    ]
    strands = []
    for row in (
        lines.values("strand__kind")
        .annotate(net=Sum("net"), vat=Sum("vat"), gross=Sum("gross"))
        .order_by("strand__position", "strand__kind")
    ):
        label = _strand_label(row["strand__kind"])
        strands.append(IncomeRow(label, row["net"], row["vat"], row["gross"]))
    return {"sources": sources, "strands": strands}


def _strand_label(kind: str | None) -> str:
    return StrandKind(kind).label if kind else "Membership (no strand)"


def csv_lines_for(*, alliance: Alliance, since: datetime.date, until: datetime.date):
    """Issued invoices' and credit notes' lines in the dates, for the accounting package."""
    return (
        InvoiceLine.objects.filter(
            alliance=alliance,
            invoice__issue_date__gte=since,
            invoice__issue_date__lte=until,
        )
        .exclude(invoice__status__in=[InvoiceStatus.DRAFT, InvoiceStatus.VOID])
        .select_related("invoice__school")
        .order_by("invoice__issue_date", "invoice__number", "id")
    )


@dataclass
class StatementRow:
    on: datetime.date
    what: str
    number: str
    invoice: Invoice | None
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    balance: Decimal = ZERO


@dataclass
class Statement:
    school: Organisation
    rows: list[StatementRow]
    owed: Decimal
    credit_held: Decimal
    invoices: list[Invoice]


def statement_for(*, alliance: Alliance, school: Organisation) -> Statement:
    """A school's account: invoices and credit notes issued, payments and credit used, in date
    order with a running balance (what it owes less its credit). Three queries."""
    invoices = list(
        Invoice.objects.filter(alliance=alliance, school=school)
        .exclude(status=InvoiceStatus.DRAFT)
        .exclude(status=InvoiceStatus.VOID)
        .select_related("school")
        .order_by("issue_date", "id")
    )
    payments = list(
        Payment.objects.filter(alliance=alliance, school=school).select_related("invoice")
    )
    movements = list(
        CreditMovement.objects.filter(
            alliance=alliance, school=school, amount__lt=0
        ).select_related("invoice")
    )
    rows = [
        StatementRow(
            on=i.issue_date,
            what=i.get_kind_display(),
            number=i.number,
            invoice=i,
            debit=i.gross if i.gross > 0 else ZERO,
            credit=-i.gross if i.gross < 0 else ZERO,
        )
        for i in invoices
    ]
    rows += [
        StatementRow(
            on=p.received_on,
            what=f"Payment ({p.get_method_display()}{', ' + p.reference if p.reference else ''})",
            number=p.invoice.number,
            invoice=p.invoice,
            credit=p.amount,
        )
        for p in payments
    ]
    # Credit used against an invoice moves money within the account: shown, nets to nothing.
    rows += [
        StatementRow(
            on=m.on, what=f"Credit used: £{-m.amount}", number=m.invoice.number, invoice=m.invoice
        )
        for m in movements
        if m.invoice_id
    ]
    rows.sort(key=lambda r: (r.on, r.what))
    running = ZERO
    for row in rows:
        running += row.debit - row.credit
        row.balance = running
    owed = sum((i.balance for i in invoices), ZERO)
    held = (
        CreditMovement.objects.filter(alliance=alliance, school=school).aggregate(t=Sum("amount"))[
            "t"
        ]
        or ZERO
    )
    return Statement(school=school, rows=rows, owed=owed, credit_held=held, invoices=invoices[::-1])


def schools_with_invoices(*, alliance: Alliance) -> QuerySet[Organisation]:
    return Organisation.objects.filter(invoices__alliance=alliance).distinct().order_by("name")
