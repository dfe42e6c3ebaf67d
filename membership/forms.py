from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from alliance.form_errors import word_required_messages
from alliance.forms import DecimalNumberField, WholeNumberField
from alliance.models import Protocol
from alliance.single_line import SingleLineForm, is_single_line, refuse_line_breaks
from members.models import Phase
from membership.models import (
    MAX_ROLL,
    URN_SIX_DIGITS,
    Application,
    FeeRow,
    MembershipOffer,
    Tier,
)
from membership.services import fee_rows_check
from strands.models import Strand
from strands.selectors import COMMITMENT_MINIMUM


def _finish(form: forms.BaseForm, added: list[str]) -> None:
    """What ``SingleLineForm`` does, for the fields a form adds after it has run."""
    word_required_messages(form)
    for name in added:
        if is_single_line(form.fields[name]):
            form.fields[name].validators.append(refuse_line_breaks)


class OfferForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = MembershipOffer
        fields = ["introduction", "renewals_open_on"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "renewals_open_on": forms.DateInput(attrs={"type": "date"}),
        }


class TierForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = Tier
        fields = [
            "name",
            "kind",
            "description",
            "members_prices",
            "free_cpd_places",
            "sle_days_at_members_rate",
            "position",
        ]
        field_classes = {
            "free_cpd_places": WholeNumberField,
            "sle_days_at_members_rate": WholeNumberField,
            "position": WholeNumberField,
        }

    def __init__(self, *args, offer: MembershipOffer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.offer = offer


class FeeRowForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = FeeRow
        fields = ["phase", "roll_from", "roll_to", "fee"]
        field_classes = {
            "roll_from": WholeNumberField,
            "roll_to": WholeNumberField,
            "fee": DecimalNumberField,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].empty_label = "Every phase"
        self.fields["fee"].widget.attrs["step"] = "0.01"


class BaseFeeRowFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        fee_rows_check(self.rows())

    def rows(self) -> list[FeeRow]:
        return [
            FeeRow(**{k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
            for form in self.forms
            if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


FeeRowFormSet = forms.formset_factory(
    FeeRowForm, formset=BaseFeeRowFormSet, extra=2, can_delete=True, max_num=40
)


def fee_rows_initial(tier: Tier) -> list[dict]:
    return [
        {"phase": row.phase_id, "roll_from": row.roll_from, "roll_to": row.roll_to, "fee": row.fee}
        for row in tier.fees.all()
    ]


class ProtocolForm(SingleLineForm, forms.Form):
    title = forms.CharField(max_length=120)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


ProtocolFormSet = forms.formset_factory(ProtocolForm, extra=2, can_delete=True, max_num=40)


class TierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, tier: Tier) -> str:
        return f"{tier.name} ({tier.fee_range})" if tier.fee_range else tier.name


class StrandsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, strand: Strand) -> str:
        return strand.name

    def clean(self, value):
        chosen = super().clean(value)
        if len(chosen) < COMMITMENT_MINIMUM:
            raise ValidationError(
                f"Choose at least {COMMITMENT_MINIMUM} strands: every partner commits to "
                f"contributing to at least {COMMITMENT_MINIMUM} strands of work."
            )
        return chosen


class JoinForm(SingleLineForm, forms.ModelForm):
    """The public form. ``website`` is a honeypot: hidden from people, filled in by bots."""

    website = forms.CharField(required=False, max_length=200, label="Leave this empty")
    # Longer than six, so "1234567" is told the rule rather than a character count.
    urn = forms.CharField(
        label="URN",
        max_length=20,
        validators=[URN_SIX_DIGITS],
        help_text="Six digits, from Get Information about Schools.",
    )

    class Meta:
        model = Application
        fields = [
            "school_name",
            "urn",
            "phase",
            "number_on_roll",
            "address",
            "head_name",
            "head_email",
            "tier",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"number_on_roll": WholeNumberField}
        help_texts = {"tier": "The fee depends on the school's phase and number on roll."}

    def __init__(self, *args, offer: MembershipOffer, strands, protocols: list[Protocol], **kw):
        super().__init__(*args, **kw)
        self.protocols = protocols
        self.fields["urn"].widget.attrs.update(inputmode="numeric", autocomplete="off")
        self.fields["phase"].queryset = Phase.objects.all()
        self.fields["tier"] = TierChoiceField(
            queryset=offer.tiers.prefetch_related("fees"),
            label="Tier",
            help_text=self.Meta.help_texts["tier"],
            widget=forms.RadioSelect,
        )
        self.fields["strands"] = StrandsField(
            queryset=strands,
            label="Strands the school will contribute to",
            help_text=f"Choose at least {COMMITMENT_MINIMUM}.",
        )
        for protocol in protocols:
            self.fields[f"protocol_{protocol.pk}"] = forms.BooleanField(
                label=f"We accept: {protocol.title}",
                help_text=protocol.description,
                error_messages={"required": f"Accept the protocol “{protocol.title}” to join."},
            )
        website = self.fields.pop("website")
        self.fields["website"] = website
        website.widget.attrs.update(tabindex="-1", autocomplete="off")
        _finish(self, [])

    def clean_urn(self) -> str:
        return (self.cleaned_data.get("urn") or "").strip()

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


class DeclineForm(SingleLineForm, forms.Form):
    message = forms.CharField(
        label="Reason, for the school",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class RenewForm(SingleLineForm, forms.Form):
    def __init__(self, *args, offer: MembershipOffer, strands, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tier"] = TierChoiceField(
            queryset=offer.tiers.prefetch_related("fees"), widget=forms.RadioSelect, label="Tier"
        )
        self.fields["number_on_roll"] = WholeNumberField(
            label="Number on roll", min_value=1, max_value=MAX_ROLL
        )
        self.fields["strands"] = StrandsField(
            queryset=strands,
            label="Strands the school will contribute to",
            help_text=f"Choose at least {COMMITMENT_MINIMUM}.",
        )
        self.fields["purchase_order"] = forms.CharField(
            label="Purchase order number (optional)", max_length=60, required=False
        )
        _finish(self, ["purchase_order"])


class LeaveForm(SingleLineForm, forms.Form):
    reason = forms.CharField(
        label="Why the school is leaving (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
