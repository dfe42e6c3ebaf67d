"""The alliance's money: its finance settings, invoices and credit notes with their lines,
payments received, and the credit a school holds after paying more than it owed.

Money is ``Decimal`` in pounds and pence. A line's net and VAT are each rounded once, half up,
when the line is made (``line_amounts``); an invoice's totals are the sums of its lines, so a
total is never rounded again. An issued invoice is never changed: its lines and amounts are
frozen (``Invoice.save`` and ``InvoiceLine.save`` refuse), and a credit note corrects it.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alliance.models import Alliance
from members.models import Organisation, Person

PENCE = Decimal("0.01")
ZERO = Decimal("0.00")
# Nothing the alliance bills comes near a million pounds: a bigger figure is a typing slip.
MOST = Decimal("999999.99")


AMOUNT_VALIDATORS = [MinValueValidator(ZERO), MaxValueValidator(MOST)]


def pounds(value: Decimal) -> Decimal:
    """Round to pence, half up (as HMRC and schools' finance systems do)."""
    return Decimal(value).quantize(PENCE, rounding=ROUND_HALF_UP)


def line_amounts(
    quantity: Decimal, unit_price: Decimal, vat_rate: Decimal
) -> tuple[Decimal, Decimal, Decimal]:
    """Net, VAT and gross of one line, each rounded once."""
    net = pounds(Decimal(quantity) * Decimal(unit_price))
    vat = pounds(net * Decimal(vat_rate) / 100)
    return net, vat, net + vat


class Source(models.TextChoices):
    """What an invoice line bills. Adding a source: a value here and a function in
    ``finance/sources.py``."""

    SUBSCRIPTION = "subscription", "Membership subscription"
    CPD = "cpd", "CPD places"
    MISSED = "missed", "Late cancellations and no-shows"
    DEPLOYMENT = "deployment", "SLE and NLE deployments"


class CpdInvoicing(models.TextChoices):
    PER_TERM = "per_term", "One invoice per school per term"
    PER_BOOKING = "per_booking", "One invoice per booking"


class MissedPolicy(models.TextChoices):
    PLACE_PRICE = "place_price", "The place's price (free courses cost nothing)"
    FIXED = "fixed", "A fixed charge per missed session, even for free courses"


class FinanceSettings(models.Model):
    """How one alliance bills: edited by the director or the finance holder."""

    alliance = models.OneToOneField(
        Alliance, on_delete=models.CASCADE, related_name="finance_settings"
    )
    holder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="organisation holding the finances",
    )
    vat_registered = models.BooleanField("VAT registered", default=False)
    vat_rate = models.DecimalField(
        "VAT rate (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("20.00"),
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))],
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        "payment terms (days)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    cpd_invoicing = models.CharField(
        "CPD invoicing", max_length=20, choices=CpdInvoicing.choices, default=CpdInvoicing.PER_TERM
    )
    missed_policy = models.CharField(
        "late cancellations and no-shows are charged",
        max_length=20,
        choices=MissedPolicy.choices,
        default=MissedPolicy.PLACE_PRICE,
    )
    missed_charge = models.DecimalField(
        "fixed charge per missed session (£)",
        max_digits=8,
        decimal_places=2,
        default=ZERO,
        validators=AMOUNT_VALIDATORS,
    )
    sle_day_rate_member = models.DecimalField(
        "SLE day rate, members (£)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("350.00"),
        validators=AMOUNT_VALIDATORS,
    )
    sle_day_rate_non_member = models.DecimalField(
        "SLE day rate, non-members (£)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("450.00"),
        validators=AMOUNT_VALIDATORS,
    )
    nle_day_rate_member = models.DecimalField(
        "NLE day rate, members (£)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("450.00"),
        validators=AMOUNT_VALIDATORS,
    )
    nle_day_rate_non_member = models.DecimalField(
        "NLE day rate, non-members (£)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("550.00"),
        validators=AMOUNT_VALIDATORS,
    )
    # {source: nominal code} for the accounting package; a source without one exports blank.
    nominal_codes = models.JSONField(default=dict, blank=True)
    bank_details = models.TextField(
        "bank details for the invoice footer",
        blank=True,
        max_length=500,
        help_text="e.g. account name, sort code, account number, and the reference to quote.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "finance settings"

    def __str__(self) -> str:
        return f"Finance settings of {self.alliance}"

    @property
    def line_vat_rate(self) -> Decimal:
        """The VAT rate a new line takes: none unless the alliance is registered."""
        return self.vat_rate if self.vat_registered else ZERO

    def day_rate(self, *, designation_kind: str, is_member: bool) -> Decimal:
        kind = "nle" if designation_kind == "nle" else "sle"
        audience = "member" if is_member else "non_member"
        return getattr(self, f"{kind}_day_rate_{audience}")

    def nominal_code(self, source: str) -> str:
        return str(self.nominal_codes.get(source, ""))


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", "Invoice"
    CREDIT_NOTE = "credit_note", "Credit note"


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
    PART_PAID = "part_paid", "Part paid"
    PAID = "paid", "Paid"
    VOID = "void", "Void"


OPEN_STATUSES = (InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID)


class NumberCounter(models.Model):
    """The last number given in one series (invoices or credit notes) of one alliance and
    calendar year. Locked while a number is taken, so numbers have no gap and no duplicate."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=InvoiceKind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "kind", "year"], name="one_number_counter_per_series"
            )
        ]

    def __str__(self) -> str:
        return f"{self.alliance} {self.kind} {self.year}: {self.last}"


class IssuedInvoiceChanged(ValidationError):
    """An issued invoice is a record sent to a school: only its payment state may move."""

    def __init__(self) -> None:
        super().__init__(
            "An issued invoice cannot be changed: issue a credit note to correct it.",
            code="issued",
        )


# What may still change on an issued invoice: how much is settled, and reminders.
SETTLEMENT_FIELDS = frozenset({"status", "settled", "reminded_on"})


class Invoice(models.Model):
    """An invoice or a credit note to one school. A draft has no number; issuing gives it one."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="invoices")
    kind = models.CharField(max_length=20, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE)
    source = models.CharField(max_length=20, choices=Source.choices)
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField(max_length=40, blank=True, default="")
    status = models.CharField(
        max_length=20, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT
    )
    purchase_order = models.CharField(
        "purchase order number", max_length=40, blank=True, default=""
    )
    # What the draft covers, e.g. "Autumn term 2026", for the finance holder's list.
    period = models.CharField(max_length=60, blank=True, default="")
    issue_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    net = models.DecimalField(max_digits=10, decimal_places=2, default=ZERO)
    vat = models.DecimalField(max_digits=10, decimal_places=2, default=ZERO)
    gross = models.DecimalField(max_digits=10, decimal_places=2, default=ZERO)
    # Paid, credited (by credit notes) or covered by the school's credit, in pounds.
    settled = models.DecimalField(max_digits=10, decimal_places=2, default=ZERO)
    # The invoice a credit note corrects.
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="credit_notes"
    )
    reason = models.CharField(max_length=300, blank=True, default="")
    reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issue_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "number"],
                condition=~Q(number=""),
                name="one_invoice_number_per_alliance",
            )
        ]
        indexes = [models.Index(fields=["alliance", "school", "status"], name="invoice_school_idx")]

    def __str__(self) -> str:
        return self.number or f"Draft {self.get_kind_display().lower()} for {self.school}"

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE

    @property
    def is_draft(self) -> bool:
        return self.status == InvoiceStatus.DRAFT

    @property
    def is_open(self) -> bool:
        """Still owed on: an issued or part-paid invoice (a credit note owes nothing)."""
        return not self.is_credit_note and self.status in OPEN_STATUSES

    @property
    def balance(self) -> Decimal:
        """What the school still owes on it."""
        if self.is_credit_note or self.status in (InvoiceStatus.DRAFT, InvoiceStatus.VOID):
            return ZERO
        return self.gross - self.settled

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return (
            self.is_open
            and self.due_date is not None
            and self.due_date < (today or timezone.localdate())
        )

    def days_since_issue(self, today: datetime.date | None = None) -> int:
        return ((today or timezone.localdate()) - self.issue_date).days if self.issue_date else 0

    @property
    def filename(self) -> str:
        word = "credit-note" if self.is_credit_note else "invoice"
        return f"{word}-{self.number or f'draft-{self.pk}'}.pdf"

    def settled_status(self) -> str:
        """The status its settled amount gives an issued invoice."""
        if self.settled >= self.gross:
            return InvoiceStatus.PAID
        if self.settled > 0:
            return InvoiceStatus.PART_PAID
        return InvoiceStatus.ISSUED

    def save(self, *args, **kwargs) -> None:
        if self.pk and not self._state.adding:
            stored = Invoice.objects.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] != InvoiceStatus.DRAFT:
                fields = kwargs.get("update_fields")
                if fields is None or not set(fields) <= SETTLEMENT_FIELDS:
                    raise IssuedInvoiceChanged
        super().save(*args, **kwargs)


class InvoiceLine(models.Model):
    """One line of an invoice: what was billed, and the one thing it bills (``billed``)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=20, choices=Source.choices)
    description = models.CharField(max_length=300)
    quantity = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("1"))
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    vat_rate = models.DecimalField(max_digits=5, decimal_places=2, default=ZERO)
    net = models.DecimalField(max_digits=10, decimal_places=2)
    vat = models.DecimalField(max_digits=10, decimal_places=2)
    gross = models.DecimalField(max_digits=10, decimal_places=2)
    # The strand the income belongs to (a CPD course's, the SLE strand's), for the year's report.
    strand = models.ForeignKey(
        "strands.Strand", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What is billed, e.g. "booking:12:place", "visit:3", "membership:7": one live line each
    # (the constraint below), so preparing invoices twice bills nothing twice. A void draft or
    # a credit note's line frees it.
    billed = models.CharField(max_length=60, blank=True, default="")
    bills = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "billed"],
                condition=Q(bills=True) & ~Q(billed=""),
                name="one_live_invoice_line_per_billed_thing",
            )
        ]

    def __str__(self) -> str:
        return self.description

    def save(self, *args, **kwargs) -> None:
        invoice_status = (
            Invoice.objects.filter(pk=self.invoice_id).values_list("status", flat=True).first()
        )
        if invoice_status not in (None, InvoiceStatus.DRAFT):
            raise IssuedInvoiceChanged
        super().save(*args, **kwargs)


class PaymentMethod(models.TextChoices):
    BACS = "bacs", "BACS (bank transfer)"
    CHEQUE = "cheque", "Cheque"
    OTHER = "other", "Other"


class Payment(models.Model):
    """Money a school paid against one invoice. What it paid beyond the invoice's balance is
    ``to_credit``: it stays on the school's account (``CreditMovement``)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField("date received")
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    to_credit = models.DecimalField(max_digits=10, decimal_places=2, default=ZERO)
    method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    reference = models.CharField(max_length=80, blank=True, default="")
    # From the form when it was shown: the same form posted twice records one payment.
    token = models.CharField(max_length=64, unique=True)
    recorded_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"£{self.amount} from {self.school} on {self.received_on}"

    @property
    def applied(self) -> Decimal:
        return self.amount - self.to_credit


class CreditMovement(models.Model):
    """A school's credit with the alliance: added by an overpayment, used against an invoice."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=10, decimal_places=2)  # + added, - used
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="credit_used"
    )
    on = models.DateField(default=timezone.localdate)
    made_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"£{self.amount} credit for {self.school}"
