"""Every form's errors the GOV.UK way: a summary linking to each field, "Error: " in the title,
and required-field messages that say what to do."""

from __future__ import annotations

import importlib
import inspect
import re

import pytest
from django import forms
from django.urls import reverse

from alliance.form_errors import errors_of, required_message
from alliance.single_line import SingleLineForm

pytestmark = pytest.mark.django_db

FORM_MODULES = [
    "alliance.forms",
    "governance.forms",
    "members.forms",
    "programmes.forms",
    "strands.forms",
]


def test_it_words_required_messages_from_the_label():
    assert required_message(forms.EmailField(label="Delegate's email address"), "email") == (
        "Enter delegate's email address"
    )
    assert required_message(forms.CharField(), "full_name") == "Enter full name"
    assert required_message(forms.ChoiceField(label="Strand"), "strand") == "Choose strand"
    assert required_message(forms.CharField(label="URN"), "urn") == "Enter URN"
    assert required_message(forms.FileField(label="Paper"), "file") == "Choose a file for paper"


def test_every_form_in_the_portal_takes_the_wording():
    missing = [
        f"{module}.{name}"
        for module in FORM_MODULES
        for name, form in inspect.getmembers(importlib.import_module(module), inspect.isclass)
        if issubclass(form, forms.BaseForm)
        and form.__module__ == module
        and not issubclass(form, SingleLineForm)
    ]
    assert missing == []


def test_it_keeps_a_message_a_form_words_itself():
    class Reply(SingleLineForm, forms.Form):
        reason = forms.CharField(error_messages={"required": "Say why you cannot come."})

    assert Reply(data={}).errors["reason"] == ["Say why you cannot come."]


def test_a_form_sent_empty_shows_a_summary_linking_to_each_field(login, demo):
    page = login("director").post(
        reverse("programmes:programme-create", args=["southwark"]), {"title": "", "strand": ""}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r"<title>Error: New programme", html)
    summary = html[
        html.index("data-error-summary") : html.index("</ul>", html.index("data-error-summary"))
    ]
    assert '<a class="alert-link" href="#id_title">Enter title</a>' in summary
    assert '<a class="alert-link" href="#id_strand">Choose strand</a>' in summary
    # The same words stand next to the field, too.
    assert html.count("Enter title") == 2


def test_a_page_without_errors_has_no_summary_and_a_plain_title(login, demo):
    html = (
        login("director")
        .get(reverse("programmes:programme-create", args=["southwark"]))
        .content.decode()
    )
    assert "data-error-summary" not in html
    assert "<title>New programme" in html


def test_it_links_an_error_of_a_list_of_checkboxes_to_the_first_of_them():
    class Audiences(SingleLineForm, forms.Form):
        title = forms.CharField(required=False)
        audiences = forms.MultipleChoiceField(
            choices=[("teachers", "Teachers"), ("heads", "Headteachers")],
            widget=forms.CheckboxSelectMultiple,
        )

    errors = errors_of(Audiences(data={"title": "x"}))
    assert [(e.message, e.anchor) for e in errors] == [("Choose audiences", "id_audiences_0")]
