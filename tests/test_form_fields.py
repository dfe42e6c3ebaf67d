"""What every form of the portal takes (issue 23), each form found by walking every app
(``tests/portal_forms.py``), so that the next app cannot bring the old mistakes back:

- a date is within the years the portal serves (``alliance.models.validate_served_date``):
  0001 for 2001 is a slip, and 9999 made pages that list by term or year fall over;
- text has a length it may not pass: a progress review or a report of 1–2 MB was stored;
- a number is typed in the digits 0 to 9: ``int()`` and ``Decimal()`` (and so Django's number
  fields) also take "٣" and "３", and ``Decimal()`` takes "1e3" for a thousand.

A model form's field counts as guarded when its model field's validators refuse the value,
as the form runs them before anything is saved.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

from alliance.forms import DecimalNumberField, ServedDateField, WholeNumberField
from tests.portal_forms import name, portal_filtersets, portal_form_classes

pytestmark = pytest.mark.django_db

# The longest text the portal keeps: a report, an item's minutes, the impact report's foreword.
LONGEST = 20_000
OUTSIDE_THE_YEARS = {
    forms.DateField: ["0001-01-01", "9999-12-31"],
    forms.DateTimeField: ["0001-01-01 09:00", "9999-12-31 09:00"],
}


def _not_plain_numbers(field: forms.Field) -> list[str]:
    # Django's decimal and float fields are kinds of its IntegerField.
    if isinstance(field, forms.FloatField | forms.DecimalField):
        return ["٣", "３", "1e3", "1E1"]
    return ["٣", "３", "1.0"] if isinstance(field, forms.IntegerField) else []


def _fields() -> Iterator[tuple[str, forms.Field, models.Field | None]]:
    """(where, form field, model field or None) for every field of every form and filter."""
    for form in portal_form_classes():
        model = form._meta.model if issubclass(form, forms.BaseModelForm) else None
        for field_name, field in form.base_fields.items():
            try:
                model_field = model._meta.get_field(field_name) if model else None
            except FieldDoesNotExist:
                model_field = None
            yield f"{name(form)}.{field_name}", field, model_field
    for filterset in portal_filtersets():
        for field_name, each in filterset.base_filters.items():
            # A copy: a filter keeps the field it makes, and the class's own must stay unmade
            # for the filter sets that give it choices when they are made.
            yield f"{name(filterset)}.{field_name}", copy.deepcopy(each).field, None


def _refuses(field: forms.Field, model_field: models.Field | None, value: str) -> bool:
    field = copy.deepcopy(field)
    try:
        cleaned = field.clean(value)
        if model_field is not None:
            model_field.run_validators(cleaned)
    except ValidationError:
        return True
    return False


def _is_text(field: forms.Field) -> bool:
    # A password is hashed, never kept as typed.
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


def test_every_date_field_keeps_to_the_years_the_portal_serves():
    taken = [
        f"{where} takes {value}"
        for where, field, model_field in _fields()
        for kind, values in OUTSIDE_THE_YEARS.items()
        if isinstance(field, kind)
        for value in values
        if not _refuses(field, model_field, value)
    ]
    assert taken == []


def test_every_text_field_has_a_length_it_may_not_pass():
    unbounded = [
        where
        for where, field, model_field in _fields()
        if _is_text(field) and not _refuses(field, model_field, "a" * (LONGEST + 1))
    ]
    assert unbounded == []


def test_every_number_field_takes_the_digits_0_to_9_only():
    taken = [
        f"{where} takes {value!r}"
        for where, field, model_field in _fields()
        for value in _not_plain_numbers(field)
        if not _refuses(field, model_field, value)
    ]
    assert taken == []


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        (WholeNumberField(), " 260 ", 260),
        (WholeNumberField(min_value=0), "0", 0),
        (DecimalNumberField(max_digits=5, decimal_places=1), "0.5", None),
        (DecimalNumberField(max_digits=5, decimal_places=1), "12", None),
        (ServedDateField(), "2026-09-01", None),
    ],
)
def test_the_shared_fields_take_what_people_type(field, typed, expected):
    cleaned = field.clean(typed)
    assert cleaned == expected if expected is not None else cleaned is not None


def test_a_number_field_says_what_to_type():
    # Django's own words first ("Enter a whole number."), then how.
    for field, typed, message in [
        (WholeNumberField(), "٢٦٠", "Enter a whole number. Use the digits 0 to 9."),
        (DecimalNumberField(), "1e3", "Enter a number. Use the digits 0 to 9 and a point"),
        # A sign is refused in the field's own words.
        (WholeNumberField(min_value=1), "-3", "greater than or equal to 1"),
    ]:
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
        assert message in refused.value.messages[0]
