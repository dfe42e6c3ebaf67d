"""GOV.UK-style form errors, in one place for every form in the portal.

A required field left empty says what to do ("Enter the title", "Choose a strand"), worded from
its label, so no form has to spell it out. ``base.html`` lists a page's errors in a summary at
the top, each linking to its field, and starts the title with "Error: " (the ``page_errors``
tag in ``alliance/templatetags/form_errors.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst

# Django's own wording, which says what is wrong but not what to do.
_DEFAULT_REQUIRED = str(forms.Field.default_error_messages["required"])

_CHOSEN = (forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField, forms.NullBooleanField)


def _lower_first(label: str) -> str:
    # "URN" and "SLE" keep their capitals; "Email address" becomes "email address".
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def required_message(field: forms.Field, name: str) -> str:
    """What to do about an empty required field, from its label: "Enter …" or "Choose …"."""
    label = _lower_first(str(field.label or capfirst(name.replace("_", " "))))
    if isinstance(field, forms.FileField):
        return f"Choose a file for {label}"
    if isinstance(field, _CHOSEN):
        return f"Choose {label}"
    return f"Enter {label}"


def word_required_messages(form: forms.BaseForm) -> None:
    """Give every field still on Django's "This field is required." a message saying what to do;
    a form that words its own keeps it."""
    for name, field in form.fields.items():
        if str(field.error_messages.get("required", "")) == _DEFAULT_REQUIRED:
            field.error_messages = {
                **field.error_messages,
                "required": required_message(field, name),
            }


@dataclass(frozen=True)
class PageError:
    message: str
    anchor: str  # the id of the control to jump to


def errors_of(form: forms.BaseForm) -> list[PageError]:
    """A bound form's errors in the order its fields are shown, the form's own ones first."""
    if not form.is_bound or not form.errors:
        return []
    first_field = next(iter(form), None)
    fallback = first_field.id_for_label if first_field is not None else ""
    found = [PageError(str(message), fallback) for message in form.non_field_errors()]
    for bound in form:
        # Radio buttons and checkbox lists have no one control: jump to the first of them.
        own = bound.id_for_label or (f"{bound.auto_id}_0" if bound.auto_id else "")
        anchor = fallback if bound.is_hidden else (own or fallback)
        found += [PageError(str(message), anchor) for message in bound.errors]
    return found


def attach_errors(form: Any, error: ValidationError) -> None:
    """Show a service's refusal next to the field it concerns, or above the form when it names
    no field of this form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
