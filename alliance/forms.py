"""The fields every app types numbers and dates with, and the audit log's filter form; every
other form lives with its app."""

from __future__ import annotations

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError

from alliance.models import AuditKind, validate_served_date
from alliance.params import ascii_digits
from alliance.single_line import SingleLineForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A number with a point, in the digits 0 to 9: no exponent ("1e3"), no other script.
PLAIN_DECIMAL = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


class ServedDateField(forms.DateField):
    """A date in the years the portal serves: 0001 for 2001 is a slip, and 9999 no plan."""

    default_validators = [validate_served_date]


class ServedDateTimeField(forms.DateTimeField):
    default_validators = [validate_served_date]


class WholeNumberField(forms.IntegerField):
    """A whole number typed in the digits 0 to 9. Django's ``IntegerField``, like ``int()``,
    also takes "٣" (Arabic-Indic) and "３" (fullwidth): a second spelling of the same number,
    which a check comparing what was typed would miss. A minus sign is left for the field's
    lowest value to refuse in its own words."""

    default_error_messages = {"invalid": "Enter a whole number. Use the digits 0 to 9."}

    def to_python(self, value: object) -> int | None:
        if isinstance(value, str) and (value := value.strip()):
            try:
                ascii_digits(value.removeprefix("-"))
            except ValidationError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)


class DecimalNumberField(forms.DecimalField):
    """A number such as 0.5 or 12, typed in the digits 0 to 9 with an optional point. Django's
    ``DecimalField``, like ``Decimal()``, also takes "1e3" (a thousand), "٣" and "３"."""

    default_error_messages = {
        "invalid": "Enter a number. Use the digits 0 to 9 and a point, such as 1.5."
    }

    def to_python(self, value: object):
        if isinstance(value, str):
            value = value.strip()
            if value and not PLAIN_DECIMAL.fullmatch(value):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        number = super().to_python(value)
        # Django's step check works in floats, where a number past 1e308 is infinity and
        # math.remainder() fails on it (a 500): nobody types such a number, so say so first.
        if number is not None and number.adjusted() > 300:
            raise ValidationError("Enter a smaller number.", code="max_value")
        return number


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
    since = ServedDateField(label="From", required=False, widget=DATE, error_messages=_BAD_DATE)
    until = ServedDateField(label="To", required=False, widget=DATE, error_messages=_BAD_DATE)

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
