"""Shared fixtures: the demo alliances are loaded once into the test database.

Transactional tests (the browser tests) empty the database after each test, so the ``demo``
fixture puts the demo back whenever it is missing: on PostgreSQL it copies it back from a
snapshot taken once after seeding (well under a second), rather than seeding it again (several
seconds each time).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
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


# A schema beside the test database's own: flushing, which empties the tables Django sees on
# its search path, leaves it alone.
SNAPSHOT = "demo_snapshot"
_snapshot_taken = False


def _demo_alliances() -> dict[str, Alliance]:
    return {a.slug: a for a in Alliance.objects.filter(slug__in=["southwark", "steep"])}


def _load_demo() -> Demo:
    alliances = _demo_alliances()  # one query on every test: the demo is almost always there
    if len(alliances) < 2:
        if _snapshot_taken:
            _restore_demo()
        else:
            call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        alliances = _demo_alliances()
    return Demo(southwark=alliances["southwark"], steep=alliances["steep"])


def _tables() -> list[str]:
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def _snapshot_demo() -> None:
    global _snapshot_taken
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SNAPSHOT}")
        for table in _tables():
            cursor.execute(f"CREATE TABLE {SNAPSHOT}.{quote(table)} AS TABLE {quote(table)}")
    _snapshot_taken = True


def _restore_demo() -> None:
    """Put the database back as it was just after seeding, rows, ids and sequences alike."""
    quote = connection.ops.quote_name
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        # Flushing ran post_migrate, which made content types and permissions anew.
        cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in tables)}")
        # Foreign keys are checked at commit (Django makes them deferrable), so any order will do.
        for table in tables:
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {SNAPSHOT}.{quote(table)}")
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _load_demo()
        _snapshot_demo()


@pytest.fixture
def demo(db) -> Demo:
    return _load_demo()


@pytest.fixture
def login(client, demo):
    """Sign the test client in as a demo persona; ``"anonymous"`` stays signed out."""

    def _login(persona: str):
        if settings.SESSION_COOKIE_NAME in client.cookies:
            # Without a session, logout() would make one only to delete it: two queries.
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
