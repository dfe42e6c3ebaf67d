"""Every model that holds a person is either read by a section of "Download my data" (and so
anonymised by the same declaration) or left out on purpose, with why (issue 23)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from alliance.personal_data import Held, personal_data_held, personal_data_left_out_models
from members.models import Person, User

# Fields ending in "_name" that name a thing, not a person.
NOT_A_PERSONS_NAME = {
    "short_name": "an alliance's short name",
    "school_name": "the name of a school applying to join",
    "first_post_name": "the school of a trainee's first post, outside the portal",
    "original_name": "the file name an upload came with",
}


def _project_models() -> list[type[models.Model]]:
    """The models of the portal's own apps (those in the project's folder, not its venv)."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        model
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base
        for model in config.get_models()
    ]


def _holds_a_name_or_email(field: models.Field) -> bool:
    if isinstance(field, models.EmailField):
        return True
    if not isinstance(field, models.CharField) or field.choices:
        return False
    name = field.name
    return name in ("full_name", "first_name", "last_name") or (
        name.endswith("_name") and name not in NOT_A_PERSONS_NAME
    )


def _people_in(model: type[models.Model]) -> list[str]:
    """The fields of ``model`` that link to a person or sign-in, or hold a name or address."""
    return [
        field.name
        for field in model._meta.get_fields()
        # Not the other end of someone else's relation: that model is walked on its own.
        if not (field.auto_created and not field.concrete)
        and (
            (field.is_relation and field.related_model in (Person, User))
            or _holds_a_name_or_email(field)
        )
    ]


def _held_models() -> set[type[models.Model]]:
    return {held.model for _section, held in personal_data_held()}


def test_it_knows_every_model_of_the_portal():
    labels = {model._meta.label for model in _project_models()}
    # The walk below would pass vacuously if it found no apps.
    assert {"members.Person", "itt.Trainee", "sle.SleApplication", "finance.Invoice"} <= labels


def test_it_finds_a_section_or_a_reason_for_every_model_holding_a_person():
    held, left_out = _held_models(), personal_data_left_out_models()
    missing = [
        f"{model._meta.label} ({', '.join(_people_in(model))})"
        for model in _project_models()
        if _people_in(model) and model not in held and model not in left_out
    ]
    assert not missing, (
        "These models hold a person but no section of 'Download my data' reads them: add them "
        "to a personal_data_section(..., models=[Held(...)]) in their app's personal_data.py, or "
        "declare them with personal_data_left_out(Model, why): " + "; ".join(missing)
    )


def test_it_never_both_reads_and_leaves_out_a_model():
    both = _held_models() & set(personal_data_left_out_models())
    assert not both, sorted(model._meta.label for model in both)


def test_it_says_why_of_each_model_left_out():
    for model, why in personal_data_left_out_models().items():
        assert len(why) > 60, f"{model._meta.label}: say why it is left out, and what it holds"


def _field_at_end_of(model: type[models.Model], lookup: str) -> models.Field:
    field = None
    for part in lookup.split("__"):
        field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        if field.is_relation:
            model = field.related_model
    return field


def _leads_to_a_person(model: type[models.Model], lookup: str) -> bool:
    if lookup == "pk":
        return model is Person
    field = _field_at_end_of(model, lookup)
    return field.is_relation and field.related_model is Person


@pytest.mark.parametrize(
    ("section", "held"),
    personal_data_held(),
    ids=[f"{section}:{held.model._meta.label}" for section, held in personal_data_held()],
)
def test_it_declares_how_each_model_read_belongs_to_a_person(section: str, held: Held):
    label = held.model._meta.label
    assert held.lookups or held.email, f"{section}: how does a {label} belong to a person?"
    for lookup in held.lookups:
        assert _leads_to_a_person(held.model, lookup), f"{label}.{lookup} is not a Person"
    if held.email:
        field = _field_at_end_of(held.model, held.email)
        assert isinstance(field, models.EmailField), f"{label}.{held.email} is not an address"
    declared = {*held.names, *held.emails, *held.blanks, *held.mentions, *held.kept}
    for name in declared:
        held.model._meta.get_field(name)  # a typo raises FieldDoesNotExist
    for name in held.kept:
        assert len(held.kept[name]) > 30, f"{label}.{name}: say why it is kept"


@pytest.mark.parametrize(
    ("section", "held"),
    personal_data_held(),
    ids=[f"{section}:{held.model._meta.label}" for section, held in personal_data_held()],
)
def test_it_overwrites_or_keeps_with_a_reason_every_copy_of_a_name_or_address(
    section: str, held: Held
):
    """A model a section reads that keeps its own copy of a name or an address says what
    anonymising does with it: overwritten, or kept and why."""
    declared = {*held.names, *held.emails, *held.blanks, *held.mentions, *held.kept}
    copies = [
        field.name
        for field in held.model._meta.concrete_fields
        if _holds_a_name_or_email(field) and field.name not in declared
    ]
    assert not copies, (
        f"{held.model._meta.label} keeps {', '.join(copies)}: name them in its Held's names, "
        "emails or blanks (anonymising overwrites them) or in kept, with why"
    )
