"""Render the catalogue's filter fields quickly.

The catalogue is the busiest page; Django's widget templates render each <option> through a
template include, which cost more than the rest of the page together. These render the same
Bootstrap markup (label, control, errors) straight from the bound field.
"""

from __future__ import annotations

from html import escape

from django import forms, template
from django.forms import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _errors(field: BoundField) -> str:
    return "".join(
        f'<div class="invalid-feedback d-block" id="{field.auto_id}_error">'
        f"<strong>{conditional_escape(e)}</strong></div>"
        for e in field.errors
    )


@register.simple_tag
def filter_field(field: BoundField) -> SafeString:
    widget = field.field.widget
    invalid = " is-invalid" if field.errors else ""
    described = f' aria-describedby="{field.auto_id}_error"' if field.errors else ""
    if isinstance(widget, forms.CheckboxInput):
        checked = " checked" if field.value() in (True, "on", "true", "True", "1") else ""
        return mark_safe(
            '<div class="mb-3 form-check">'
            f'<input type="checkbox" name="{field.html_name}" id="{field.auto_id}" '
            f'class="form-check-input{invalid}"{checked}{described}>'
            + format_html(
                '<label class="form-check-label" for="{}">{}</label>', field.auto_id, field.label
            )
            + _errors(field)
            + "</div>"
        )
    label = format_html('<label class="form-label" for="{}">{}</label>', field.auto_id, field.label)
    if isinstance(widget, forms.Select):
        current = "" if field.value() is None else str(field.value())
        # Choices are plain strings (codes, names); html.escape is many times faster than
        # Django's lazy-aware escaping, which matters with hundreds of alliances.
        options = "".join(
            f'<option value="{escape(str(value))}"'
            f"{' selected' if str(value) == current else ''}>{escape(str(text))}</option>"
            for value, text in field.field.choices
        )
        control = (
            f'<select name="{field.html_name}" id="{field.auto_id}" '
            f'class="form-select{invalid}"{described}>{options}</select>'
        )
    else:
        kind = widget.input_type
        value = field.value()
        value_attr = "" if value in (None, "") else f' value="{conditional_escape(value)}"'
        extra = "".join(
            f' {k}="{conditional_escape(v)}"' for k, v in widget.attrs.items() if k != "type"
        )
        control = (
            f'<input type="{kind}" name="{field.html_name}" id="{field.auto_id}" '
            f'class="form-control{invalid}"{value_attr}{extra}{described}>'
        )
    return mark_safe(f'<div class="mb-3">{label}{control}{_errors(field)}</div>')
