"""The audit log's filter form; every other form lives with its app."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from alliance.models import AuditKind
from alliance.single_line import SingleLineForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def submit_helper(label: str, action: str = "", name: str = "submit") -> FormHelper:
    """A crispy form with one submit button, posting to ``action`` (empty: the page itself)."""
    helper = FormHelper()
    helper.form_action = action
    # The name gives the button its id: two forms on one page need two names.
    helper.add_input(Submit(name, label))
    return helper


_BAD_DATE = {"invalid": "Enter a date like 2026-09-01."}


class AuditFilterForm(SingleLineForm, forms.Form):
    """The audit log's filters; a GET form. Dates are whole days, both ends included."""

    person = forms.ModelChoiceField(queryset=None, required=False, empty_label="Everyone")
    kind = forms.ChoiceField(required=False, choices=[("", "Everything"), *AuditKind.choices])
    since = forms.DateField(label="From", required=False, widget=DATE, error_messages=_BAD_DATE)
    until = forms.DateField(label="To", required=False, widget=DATE, error_messages=_BAD_DATE)

    def __init__(self, *args, people, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("show", "Show"))

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date must not be before the start date.")
        return data
