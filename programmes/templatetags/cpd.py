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


def _field_errors(field: BoundField) -> str:
    if not field.errors:
        return ""
    items = "".join(f"<p><strong>{conditional_escape(e)}</strong></p>" for e in field.errors)
    return f'<div id="{field.auto_id}_error" class="invalid-feedback d-block">{items}</div>'


@register.simple_tag
def form_field(field: BoundField) -> SafeString:
    """A booking form field in the same Bootstrap markup as crispy-forms, without its dozens of
    template includes per field (the booking form is re-shown on every refused booking).

    Handles the widgets the booking form uses: check boxes for a list of model choices, a single
    check box, and text-like inputs."""
    widget = field.field.widget
    errors = _field_errors(field)
    invalid = " is-invalid" if field.errors else ""
    described = (
        f' aria-invalid="true" aria-describedby="{field.auto_id}_error"' if field.errors else ""
    )
    label = conditional_escape(field.label)
    if isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = {str(v) for v in (field.value() or [])}
        model_field = field.field
        if getattr(model_field, "listed", None) is not None:
            choices = [(obj.pk, model_field.label_from_instance(obj)) for obj in model_field.listed]
        elif hasattr(model_field, "queryset"):
            # A plain list: ModelChoiceIterator would open a server-side cursor per field.
            choices = [
                (obj.pk, model_field.label_from_instance(obj)) for obj in model_field.queryset
            ]
        else:
            choices = list(model_field.choices)
        boxes = []
        for index, (value, text) in enumerate(choices):
            box_id = f"{field.auto_id}_{index}"
            checked = " checked" if str(value) in chosen else ""
            boxes.append(
                '<div class="form-check">'
                f'<input type="checkbox" class="form-check-input{invalid}" '
                f'name="{field.html_name}" value="{escape(str(value))}" id="{box_id}"{checked}>'
                f'<label for="{box_id}" class="form-check-label">{conditional_escape(text)}</label>'
                "</div>"
            )
        required = " requiredField" if field.field.required else ""
        asterisk = '<span class="asteriskField">*</span>' if field.field.required else ""
        return mark_safe(
            f'<div id="div_{field.auto_id}" class="mb-3"><fieldset>'
            f'<legend class="form-label{required} fs-6">{label}{asterisk}</legend>'
            f"<div>{''.join(boxes)}</div>{errors}</fieldset></div>"
        )
    if isinstance(widget, forms.CheckboxInput):
        checked = " checked" if field.value() in (True, "on", "true", "True", "1") else ""
        return mark_safe(
            f'<div class="mb-3"><div id="div_{field.auto_id}" class="form-check">'
            f'<input type="checkbox" name="{field.html_name}" '
            f'class="checkboxinput form-check-input{invalid}" id="{field.auto_id}"'
            f"{checked}{described}>"
            f'<label for="{field.auto_id}" class="form-check-label">{label}</label>'
            f"{errors}</div></div>"
        )
    value = field.value()
    value_attr = "" if value in (None, "") else f' value="{conditional_escape(value)}"'
    kind = widget.input_type
    maxlength = getattr(field.field, "max_length", None)
    maxlength_attr = f' maxlength="{maxlength}"' if maxlength else ""
    return mark_safe(
        f'<div id="div_{field.auto_id}" class="mb-3">'
        f'<label for="{field.auto_id}" class="form-label">{label}</label>'
        f'<input type="{kind}" name="{field.html_name}"{value_attr}{maxlength_attr} '
        f'class="{kind}input form-control{invalid}"{described} id="{field.auto_id}">'
        f"{errors}</div>"
    )
