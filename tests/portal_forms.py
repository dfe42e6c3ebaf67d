"""Every form class of the portal, found rather than listed, so that a new app's forms (or a
form written in a new module) are checked by the tests that walk them without anyone adding
them: each module of each installed app that lives in this project, migrations aside."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import cache
from pathlib import Path

import django_filters
from django import forms
from django.apps import apps
from django.conf import settings


def project_apps() -> list:
    """The installed apps whose code is the project's own (not Django's, nor a package's)."""
    base = Path(settings.BASE_DIR).resolve()
    return [app for app in apps.get_app_configs() if Path(app.path).resolve().parent == base]


@cache
def _modules() -> tuple:
    found = []
    for app in project_apps():
        found.append(importlib.import_module(app.name))
        for module in pkgutil.walk_packages([app.path], f"{app.name}."):
            if ".migrations" not in module.name:
                found.append(importlib.import_module(module.name))
    return tuple(found)


def _defined_in_project(base: type) -> list[type]:
    return sorted(
        {
            cls
            for module in _modules()
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, base) and cls.__module__ == module.__name__
        },
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def portal_form_classes() -> list[type[forms.BaseForm]]:
    return _defined_in_project(forms.BaseForm)


def portal_filtersets() -> list[type[django_filters.FilterSet]]:
    return _defined_in_project(django_filters.FilterSet)


def name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"
