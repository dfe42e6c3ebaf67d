from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from alliance.forms import DATE, DecimalNumberField, ServedDateField
from alliance.single_line import SingleLineForm
from members.models import Phase, Specialism
from programmes.models import Programme
from sle.models import DesignationRound, ReviewOutcome, SleApplication


class RoundForm(SingleLineForm, forms.ModelForm):
    specialisms = forms.ModelMultipleChoiceField(
        queryset=Specialism.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        label="Specialisms sought",
        error_messages={"required": "Choose at least one specialism"},
    )
    phases = forms.ModelMultipleChoiceField(
        queryset=Phase.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        label="Phases sought",
        error_messages={"required": "Choose at least one phase"},
    )

    class Meta:
        model = DesignationRound
        fields = ["title", "specialisms", "phases", "closes_on", "training_programme"]
        widgets = {"closes_on": DATE}

    def __init__(self, *args, alliance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["training_programme"].queryset = Programme.objects.filter(
            alliance=alliance
        ).order_by("title")
        if self.instance.pk:
            self.initial.setdefault("specialisms", list(self.instance.specialisms.all()))
            self.initial.setdefault("phases", list(self.instance.phases.all()))

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise forms.ValidationError("Enter a closing date that is today or later.")
        return closes_on


class ApplicationForm(SingleLineForm, forms.ModelForm):
    class Meta:
        model = SleApplication
        fields = ["specialism", "phase", "experience", "statement"]
        widgets = {
            "experience": forms.Textarea(attrs={"rows": 4}),
            "statement": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, designation_round: DesignationRound, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Offered: those sought. A forged choice of another is refused by the service, next to
        # the field, like every other rule of the round.
        self.fields["specialism"].queryset = Specialism.objects.order_by("name")
        self.sought_specialisms = designation_round.specialisms.order_by("name")
        self.fields["specialism"].widget.choices = [("", "Choose a specialism")] + [
            (s.pk, s.name) for s in self.sought_specialisms
        ]
        self.fields["phase"].queryset = Phase.objects.order_by("position")
        self.fields["phase"].widget.choices = [("", "Choose a phase")] + [
            (p.pk, p.name) for p in designation_round.phases.order_by("position")
        ]


class SupportForm(SingleLineForm, forms.Form):
    supports = forms.TypedChoiceField(
        label="Does the school support this application?",
        choices=[("yes", "Yes, we support it"), ("no", "No, we do not support it")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Seen by the director and the applicant. Needed when you do not support it.",
    )


class ShortlistForm(SingleLineForm, forms.Form):
    shortlisted = forms.TypedChoiceField(
        label="Shortlist for interview?",
        choices=[("yes", "Shortlist"), ("no", "Do not shortlist")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason (emailed to the applicant when not shortlisted)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class InterviewForm(SingleLineForm, forms.Form):
    interviewed_on = ServedDateField(label="Interview date", widget=DATE)
    panel = forms.CharField(label="Interview panel", max_length=300, help_text="Names and roles.")
    notes = forms.CharField(
        label="Interview notes", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class OutcomeForm(SingleLineForm, forms.Form):
    designate = forms.TypedChoiceField(
        label="Outcome",
        choices=[("yes", "Designate as an SLE"), ("no", "Do not designate")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    days_released = DecimalNumberField(
        label="Days a year the school releases them",
        help_text="As agreed with the head. Needed to designate.",
        min_value=Decimal("0.5"),
        max_value=Decimal("190"),
        decimal_places=1,
        required=False,
    )
    feedback = forms.CharField(
        label="Feedback to the applicant (emailed)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class ReviewForm(SingleLineForm, forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome of this year's review",
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Needed when the designation ends.",
    )


class DirectoryForm(SingleLineForm, forms.Form):
    q = forms.CharField(
        label="Name or specialism contains",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    specialism = forms.ModelChoiceField(
        queryset=Specialism.objects.order_by("name"),
        required=False,
        empty_label="All specialisms",
    )
    phase = forms.ModelChoiceField(
        queryset=Phase.objects.order_by("position"),
        to_field_name="code",
        required=False,
        empty_label="All phases",
    )
    available = forms.BooleanField(label="Available this term", required=False)
