"""Shared fixtures: the demo alliances are loaded once into the test database.

Transactional tests (the browser tests) empty the database after each test, so the ``demo``
fixture loads the demo again whenever it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command

from alliance.models import Alliance
from members.models import User
from programmes.filters import forget_choices


@dataclass
class Demo:
    southwark: Alliance
    steep: Alliance

    def user(self, key: str) -> User:
        """A demo sign-in by the part of its address before the @, e.g. ``"director"``."""
        return User.objects.get(email=f"{key}@demo.test")


def _load_demo() -> Demo:
    if not Alliance.objects.filter(slug="southwark").exists():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Demo(
        southwark=Alliance.objects.get(slug="southwark"), steep=Alliance.objects.get(slug="steep")
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _load_demo()


@pytest.fixture
def demo(db) -> Demo:
    return _load_demo()


@pytest.fixture
def login(client, demo):
    """Sign the test client in as a demo persona; ``"anonymous"`` stays signed out."""

    def _login(persona: str):
        client.logout()
        if persona != "anonymous":
            client.force_login(demo.user(persona))
        return client

    return _login


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Login rate limits, catalogue pages and booking rights live in the cache, and the
    catalogue's filter choices in the process: start every test without them."""
    cache.clear()
    forget_choices()
    yield
    cache.clear()
    forget_choices()
