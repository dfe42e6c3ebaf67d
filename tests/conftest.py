"""Shared fixtures: the demo alliances are loaded once into the test database.

Transactional tests (the browser tests) empty the database after each test, so the ``demo``
fixture loads the demo again whenever it is missing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.models import Model

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


@pytest.fixture
def row_held():
    """Hold a row's lock from another connection until the test ends, and make this test's own
    connection wait 0.3 s for a lock (the rule is the same, the test need not sit out 5 s).
    Needs ``django_db(transaction=True)``: the other connection sees only committed rows."""
    release, taken = threading.Event(), threading.Event()
    threads: list[threading.Thread] = []

    def hold(instance: Model) -> None:
        try:
            with transaction.atomic():
                type(instance).objects.select_for_update().get(pk=instance.pk)
                taken.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    def start(instance: Model) -> None:
        threads.append(threading.Thread(target=hold, args=(instance,)))
        threads[-1].start()
        assert taken.wait(timeout=10)

    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '300ms'")
    yield start
    release.set()
    for thread in threads:
        thread.join()
    with connection.cursor() as cursor:
        cursor.execute("RESET lock_timeout")
