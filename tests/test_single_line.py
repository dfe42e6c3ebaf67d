"""One-line text boxes refuse line breaks, with a message next to the field, in every form."""

from __future__ import annotations

import importlib
import inspect

import pytest
from django import forms
from django.core.exceptions import ValidationError

from alliance.single_line import SingleLineForm, is_single_line, refuse_line_breaks

MESSAGE = "Keep this to one line: remove the line break."
FORM_MODULES = [
    "alliance.forms",
    "governance.forms",
    "members.forms",
    "programmes.forms",
    "strands.forms",
    "membership.forms",  # issue 14
]


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\v", "\f", "\x85", "\u2028", "\u2029"])
def test_it_refuses_every_kind_of_line_break(brk):
    with pytest.raises(ValidationError, match=MESSAGE):
        refuse_line_breaks(f"Phonics{brk}for Year 1")
    refuse_line_breaks("Phonics for Year 1 – “early reading”")


def test_every_form_in_the_portal_refuses_line_breaks_in_its_one_line_fields():
    missing = [
        f"{module}.{name}"
        for module in FORM_MODULES
        for name, form in inspect.getmembers(importlib.import_module(module), inspect.isclass)
        if issubclass(form, forms.BaseForm)
        and form.__module__ == module
        and any(is_single_line(field) for field in form.base_fields.values())
        and not issubclass(form, SingleLineForm)
    ]
    assert missing == []
