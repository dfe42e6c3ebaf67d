"""What ``base.html`` needs to know of the forms on a page, so no form's template has to ask:
``{% page_errors as errors %}`` for the error summary and the "Error: " title, and
``{% page_has_people_picker as pickers %}`` for the people pickers' script."""

from __future__ import annotations

from django import forms, template

from alliance.form_errors import PageError, errors_of

register = template.Library()


def _forms_in(context: template.Context) -> list[forms.BaseForm]:
    found: dict[int, forms.BaseForm] = {}
    for layer in context.dicts:
        for value in layer.values():
            if isinstance(value, forms.BaseForm):
                found.setdefault(id(value), value)
    return list(found.values())


@register.simple_tag(takes_context=True)
def page_errors(context: template.Context) -> list[PageError]:
    return [error for form in _forms_in(context) for error in errors_of(form)]


@register.simple_tag(takes_context=True)
def page_has_people_picker(context: template.Context) -> bool:
    """Whether a form on the page has a people picker, so only those pages load its script."""
    return any(
        "data-person-picker" in field.widget.attrs
        for form in _forms_in(context)
        for field in form.fields.values()
    )
