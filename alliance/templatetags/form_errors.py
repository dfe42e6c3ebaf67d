"""``{% page_errors as errors %}``: every error of the forms on the page, for ``base.html``'s
error summary and its "Error: " title, so each form gets them without its template asking."""

from __future__ import annotations

from django import forms, template

from alliance.form_errors import PageError, errors_of

register = template.Library()


@register.simple_tag(takes_context=True)
def page_errors(context: template.Context) -> list[PageError]:
    found: list[PageError] = []
    seen: set[int] = set()
    for layer in context.dicts:
        for value in layer.values():
            if isinstance(value, forms.BaseForm) and id(value) not in seen:
                seen.add(id(value))
                found += errors_of(value)
    return found
