"""One-line text boxes refuse line breaks, with a message next to the field, in every form."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from alliance.single_line import SingleLineForm, is_single_line, refuse_line_breaks
from sle.forms import InterviewForm
from tests.portal_forms import name, portal_form_classes, project_apps

MESSAGE = "Keep this to one line: remove the line break."


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\v", "\f", "\x85", "\u2028", "\u2029"])
def test_it_refuses_every_kind_of_line_break(brk):
    with pytest.raises(ValidationError, match=MESSAGE):
        refuse_line_breaks(f"Phonics{brk}for Year 1")
    refuse_line_breaks("Phonics for Year 1 – “early reading”")


def test_the_walk_finds_every_apps_forms():
    # Found, not listed: each app of the project (a new one too) and each module of it, such
    # as those the list this replaced left out.
    walked = {cls.__module__ for cls in portal_form_classes()}
    with_forms = {
        f"{app.name}.forms" for app in project_apps() if Path(app.path, "forms.py").exists()
    }
    assert with_forms - walked == set()
    assert {"itt.training_forms", "programmes.cohort_forms", "sle.forms"} <= walked


def test_every_form_in_the_portal_refuses_line_breaks_in_its_one_line_fields():
    missing = [
        name(form)
        for form in portal_form_classes()
        if any(is_single_line(field) for field in form.base_fields.values())
        and not issubclass(form, SingleLineForm)
    ]
    assert missing == []


def test_the_sle_forms_refuse_a_line_break_in_their_one_line_boxes():
    form = InterviewForm(
        {"interviewed_on": "2026-11-02", "panel": "Ann Lee\nBcc: all", "notes": "Strong."}
    )
    assert form.errors["panel"] == [MESSAGE]
