"""Forms of cohort programmes (issue 15): applying, the lead's decision, withdrawing and
deferring. The rules themselves are in ``programmes/cohorts.py``; these word the answers."""

from __future__ import annotations

from django import forms

from alliance.single_line import SingleLineForm
from members.models import Person
from programmes.models import EnrolmentDecision, Programme


class ApplyForm(SingleLineForm, forms.Form):
    """A participant's application; a head chooses which of their staff (or themselves)."""

    participant = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Who is applying",
        error_messages={
            "required": "Choose who is applying.",
            "invalid_choice": "Choose who is applying.",
        },
    )
    note = forms.CharField(
        label="Why this programme (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A few lines for the programme's lead: your role now and what you hope for.",
    )
    purchase_order = forms.CharField(
        label="Purchase order number (optional)", required=False, max_length=40
    )

    def __init__(self, *args, people=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if people is None:  # applying for themselves: nothing to choose
            del self.fields["participant"]
        else:
            self.fields["participant"].queryset = people


class DecisionForm(SingleLineForm, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[c for c in EnrolmentDecision.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose accept, waiting list or decline."},
    )
    message = forms.CharField(
        label="Message to the applicant (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(SingleLineForm, forms.Form):
    reason = forms.CharField(
        label="Reason for withdrawing",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter the reason for withdrawing."},
    )


class DeferForm(SingleLineForm, forms.Form):
    to = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        label="Later cohort",
        empty_label="Choose a cohort",
        error_messages={
            "required": "Choose the later cohort to defer to.",
            "invalid_choice": "Choose a later cohort of the same programme.",
        },
    )
    reason = forms.CharField(
        label="Reason for deferring",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter the reason for deferring."},
    )

    def __init__(self, *args, cohorts: list[Programme], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = Programme.objects.filter(pk__in=[p.pk for p in cohorts])
        self.fields["to"].label_from_instance = _cohort_label


def _cohort_label(programme: Programme) -> str:
    left = programme.cohort_places_left
    return f"{programme.title} ({left} place{'s' if left != 1 else ''} left)"
