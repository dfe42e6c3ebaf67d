from __future__ import annotations

import re
import secrets
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance.forms import DATE, DecimalNumberField, ServedDateField, WholeNumberField
from alliance.single_line import SingleLineForm
from finance.models import (
    ZERO,
    FinanceSettings,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    PaymentMethod,
    Source,
)
from finance.services import money
from members.models import Organisation

NOMINAL_PREFIX = "nominal_"
# "£1,250.50": a pound sign, and commas between thousands only ("1,0,0" is not a hundred).
TYPED_POUNDS = re.compile(r"£?\s*(-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)")


class FinanceSettingsForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = FinanceSettings
        fields = [
            "holder",
            "vat_registered",
            "vat_rate",
            "payment_terms_days",
            "cpd_invoicing",
            "missed_policy",
            "missed_charge",
            "sle_day_rate_member",
            "sle_day_rate_non_member",
            "nle_day_rate_member",
            "nle_day_rate_non_member",
            "bank_details",
        ]
        widgets = {
            "cpd_invoicing": forms.RadioSelect,
            "missed_policy": forms.RadioSelect,
            "bank_details": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {
            "vat_rate": DecimalNumberField,
            "payment_terms_days": WholeNumberField,
            "missed_charge": DecimalNumberField,
            "sle_day_rate_member": DecimalNumberField,
            "sle_day_rate_non_member": DecimalNumberField,
            "nle_day_rate_member": DecimalNumberField,
            "nle_day_rate_non_member": DecimalNumberField,
        }

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = schools
        # One box per source, so a new source gets its nominal code without a migration.
        for value, label in Source.choices:
            self.fields[f"{NOMINAL_PREFIX}{value}"] = forms.CharField(
                label=f"Nominal code: {label.lower()}",
                required=False,
                max_length=20,
                initial=self.instance.nominal_code(value),
            )
        for name in ("missed_charge", *(n for n in self.fields if "day_rate" in n)):
            self.fields[name].error_messages["min_value"] = "Enter an amount of £0 or more."
            self.fields[name].error_messages["max_value"] = "Enter an amount less than £1,000,000."

    def clean(self) -> dict:
        data = super().clean()
        if data.get("vat_registered") and not data.get("vat_rate"):
            self.add_error("vat_rate", "Enter the VAT rate, such as 20.")
        return data

    def save(self, commit: bool = True) -> FinanceSettings:
        settings = super().save(commit=False)
        settings.nominal_codes = {
            value: self.cleaned_data[f"{NOMINAL_PREFIX}{value}"].strip()
            for value, _ in Source.choices
            if self.cleaned_data.get(f"{NOMINAL_PREFIX}{value}", "").strip()
        }
        return settings


class LedgerFilterForm(SingleLineForm, forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *InvoiceStatus.choices], required=False)
    source = forms.ChoiceField(choices=[("", "Any source"), *Source.choices], required=False)
    school = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, empty_label="Any school"
    )

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class IssueForm(SingleLineForm, forms.Form):
    """Issue the drafts ticked, or every draft."""

    invoices = forms.ModelMultipleChoiceField(
        queryset=Invoice.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the drafts to issue."},
    )

    def __init__(self, *args, drafts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invoices"].queryset = drafts


def typed_pounds(raw: str) -> Decimal:
    """An amount as people type it: "125.50", "£1,250" (commas between thousands only)."""
    found = TYPED_POUNDS.fullmatch(raw.strip())
    try:
        return money(found.group(1).replace(",", "") if found else raw)
    except ValidationError as error:
        raise ValidationError(error.message_dict["amount"]) from error


class PaymentForm(SingleLineForm, forms.Form):
    """A payment against an invoice still owing ``balance``. For an amount beyond it the form
    has a box, "Record £X as the school's credit", whose value is that very excess (a changed
    amount is asked about again); the service refuses the excess unless it is ticked."""

    received_on = ServedDateField(
        label="Date received",
        widget=DATE,
        error_messages={"invalid": "Enter a real date, such as 14/01/2027."},
    )
    amount = forms.CharField(
        label="Amount (£)",
        max_length=14,
        help_text="In pounds and pence, such as 125.50.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    method = forms.ChoiceField(
        choices=PaymentMethod.choices, widget=forms.RadioSelect, initial=PaymentMethod.BACS
    )
    reference = forms.CharField(
        max_length=80, required=False, help_text="The bank reference or cheque number."
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    to_credit = forms.MultipleChoiceField(
        label="More than the invoice owes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "The amount has changed: confirm the credit again."},
    )

    def __init__(self, *args, balance: Decimal, **kwargs) -> None:
        kwargs.setdefault(
            "initial", {"token": secrets.token_urlsafe(24), "received_on": timezone.localdate()}
        )
        super().__init__(*args, **kwargs)
        self.balance = balance
        over = self._over(self.data.get(self.add_prefix("amount"), ""))
        if over:
            label = f"Record £{over:,.2f} as the school's credit"
            self.fields["to_credit"].choices = [(str(over), label)]
        else:
            del self.fields["to_credit"]

    def _over(self, raw: object) -> Decimal:
        try:
            return max(typed_pounds(str(raw)) - self.balance, ZERO)
        except ValidationError:
            return ZERO

    def clean_amount(self) -> Decimal:
        return typed_pounds(self.cleaned_data["amount"])

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError("Enter a date that is today or in the past.")
        return day

    def clean(self) -> dict:
        data = super().clean()
        # A ticked box is a valid choice: the very excess of the amount now typed.
        ticked = data.pop("to_credit", [])
        data["to_credit"] = Decimal(ticked[0]) if ticked else ZERO
        return data

    def ask_about_credit(self, error: ValidationError) -> None:
        """The service's question about an overpayment, next to the box that answers it."""
        self.add_error("to_credit" if "to_credit" in self.fields else None, error)


class CreditNoteForm(SingleLineForm, forms.Form):
    lines = forms.ModelMultipleChoiceField(
        label="Lines to credit",
        queryset=InvoiceLine.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the lines to credit."},
    )
    reason = forms.CharField(max_length=300, help_text="The school sees it on the credit note.")

    def __init__(self, *args, invoice: Invoice, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lines"].queryset = invoice.lines.all()
        self.fields["lines"].label_from_instance = lambda line: f"{line.description}: £{line.gross}"
