from __future__ import annotations

import secrets
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance.single_line import SingleLineForm
from finance.models import (
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


class PaymentForm(SingleLineForm, forms.Form):
    received_on = forms.DateField(
        label="Date received",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault(
            "initial", {"token": secrets.token_urlsafe(24), "received_on": timezone.localdate()}
        )
        super().__init__(*args, **kwargs)

    def clean_amount(self) -> Decimal:
        raw = self.cleaned_data["amount"].replace("£", "").replace(",", "").strip()
        try:
            return money(raw)
        except ValidationError as error:
            raise ValidationError(error.message_dict["amount"]) from error

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError("Enter a date that is today or in the past.")
        return day


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
