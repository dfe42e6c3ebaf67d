"""One rule for every one-line text box in the portal: no line breaks.

A line break in a title or a name breaks what is built from it (an email's subject, a calendar
file, a CSV row), so forms refuse one with a message next to the field. Forms take it from
``SingleLineForm``; ``tests/test_single_line.py`` checks that every form in the portal does.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.widgets import Input

from alliance.form_errors import word_required_messages

# Every character str.splitlines() breaks at: CR, LF, the vertical tab and form feed, the file,
# group and record separators, NEL, and the Unicode line and paragraph separators.
LINE_BREAK = re.compile("[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
ONE_LINE = "Keep this to one line: remove the line break."


def refuse_line_breaks(value: object) -> None:
    if isinstance(value, str) and LINE_BREAK.search(value):
        raise ValidationError(ONE_LINE, code="line_break")


def is_single_line(field: forms.Field) -> bool:
    """A text field typed into a one-line box (not a textarea, nor a choice)."""
    return isinstance(field, forms.CharField) and isinstance(field.widget, Input)


class SingleLineForm:
    """Mix into a form (before ``forms.Form`` or ``forms.ModelForm``): its one-line text
    fields, declared or made from the model, refuse line breaks. Being the mixin every form
    has, it also words the required-field messages (``alliance/form_errors.py``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        word_required_messages(self)
        for field in self.fields.values():
            if is_single_line(field):
                field.validators.append(refuse_line_breaks)


class SingleLineModelForm(SingleLineForm, forms.ModelForm):
    """For ``ModelAdmin.form``: the admin's one-line boxes follow the same rule."""
