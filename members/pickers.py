"""People pickers: one search field instead of a long list of checkboxes or options.

The fields render an ordinary ``<select>`` (so the form posts, and the server checks, the same
values with or without JavaScript) marked ``data-person-picker``; ``static/js/people-picker.js``
turns it into GOV.UK's accessible autocomplete. Each option reads "name — school, roles", so
people with the same name are told apart. Give the field a queryset from
``members.selectors.people_for_picker`` so the roles come without a query per person.
"""

from __future__ import annotations

from django import forms

from members.models import Person


def picker_label(person: Person) -> str:
    roles = [a.title for a in getattr(person, "picker_roles", [])]
    roles += [d.get_kind_display() for d in getattr(person, "picker_designations", [])]
    school = person.organisation.name if person.organisation_id else ""
    details = ", ".join(part for part in [school, *dict.fromkeys(roles)] if part)
    return f"{person.full_name} — {details}" if details else person.full_name


class PersonPickerField(forms.ModelChoiceField):
    widget = forms.Select(attrs={"data-person-picker": ""})

    def label_from_instance(self, person: Person) -> str:
        return picker_label(person)


class PeoplePickerField(forms.ModelMultipleChoiceField):
    widget = forms.SelectMultiple(attrs={"data-person-picker": ""})

    def label_from_instance(self, person: Person) -> str:
        return picker_label(person)
