"""Shared fixtures: the demo alliances are loaded once into the test database.

Transactional tests (the browser tests, races) commit what they do. After each one, the tables
it wrote to (noted by a trigger on every table) are copied back from a snapshot taken once after
seeding: milliseconds, where emptying every table and copying all of them back took a second
or two. ``TEST_TODAY`` runs the whole suite as if it were another day (see ``pytest_configure``).
"""

from __future__ import annotations

import datetime
import os
import threading
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, connections, transaction
from django.db.models import Model
from django.test import TransactionTestCase
from django.utils import timezone

from alliance.models import AcademicYear, Alliance
from alliance.terms import term_weekday
from members.models import User
from programmes.filters import forget_choices

LONDON = ZoneInfo("Europe/London")


def test_today() -> datetime.datetime | None:
    """The moment ``TEST_TODAY`` names: a day (``2027-09-01``, taken at noon) or a day and
    time (``2027-09-01T23:30``), in London; None when the suite runs on the real day."""
    given = os.environ.get("TEST_TODAY", "").strip()
    if not given:
        return None
    moment = datetime.datetime.fromisoformat(given if "T" in given else f"{given}T12:00")
    return moment.replace(tzinfo=LONDON)


def pytest_configure(config: pytest.Config) -> None:
    """``TEST_TODAY=2027-09-01 scripts/test`` runs the whole suite as if it were that day: the
    clock starts there and moves on (each xdist worker sets its own, before the demo is seeded,
    so the demo is built around that day too). A test about a particular day freezes its own
    clock on top (``time_machine.travel``)."""
    moment = test_today()
    if moment is not None:
        time_machine.travel(moment, tick=True).start()


def pytest_report_header(config: pytest.Config) -> str:
    moment = test_today()
    if moment is None:
        return f"today: {datetime.date.today()} (the real day; TEST_TODAY=YYYY-MM-DD to choose one)"
    return f"today: {moment:%A %Y-%m-%d %H:%M} London (TEST_TODAY)"


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
    """Copy every table into the snapshot schema, and mark each table so that a write to it is
    noted in ``demo_snapshot.changed`` (a write rolled back takes its note with it)."""
    global _snapshot_taken
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SNAPSHOT}")
        for table in _tables():
            cursor.execute(f"CREATE TABLE {SNAPSHOT}.{quote(table)} AS TABLE {quote(table)}")
        cursor.execute(f"CREATE TABLE {SNAPSHOT}.changed (name text PRIMARY KEY)")
        cursor.execute(
            f"""CREATE FUNCTION {SNAPSHOT}.note_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {SNAPSHOT}.changed VALUES (TG_TABLE_NAME) ON CONFLICT DO NOTHING;
                RETURN NULL;
            END $$"""
        )
        _mark_tables(cursor)
    _snapshot_taken = True


def _mark_tables(cursor) -> None:
    quote = connection.ops.quote_name
    for table in _tables():
        cursor.execute(
            f"CREATE OR REPLACE TRIGGER {SNAPSHOT}_changed "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quote(table)} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {SNAPSHOT}.note_change()"
        )


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
        _reset_sequences(cursor)
        # A test that migrated may have made tables anew, without their mark.
        _mark_tables(cursor)
        cursor.execute(f"DELETE FROM {SNAPSHOT}.changed")
    ContentType.objects.clear_cache()


def _reset_sequences(cursor) -> None:
    cursor.execute("; ".join(connection.ops.sequence_reset_sql(no_style(), apps.get_models())))


def _restore_changes() -> None:
    """After a test that committed: put back only the tables it wrote to. Emptying and
    refilling a few tables takes milliseconds where flushing all of them (Django's way, then
    post_migrate, then the snapshot copied back) took a second or two."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = %s", [f"{SNAPSHOT}_changed"])
        if cursor.fetchone()[0] != len(_tables()):
            return _restore_demo()
        # Writing the rows back is no change to note, and checks no foreign key: the snapshot
        # is whole, and the tables not written to are as it has them.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(f"DELETE FROM {SNAPSHOT}.changed RETURNING name")
        changed = [name for (name,) in cursor.fetchall()]
        for table in changed:
            cursor.execute(f"DELETE FROM {quote(table)}")
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {SNAPSHOT}.{quote(table)}")
        if changed:
            _reset_sequences(cursor)
    ContentType.objects.clear_cache()


_flush = TransactionTestCase._fixture_teardown


def _fixture_teardown(self: TransactionTestCase) -> None:
    if _snapshot_taken:
        _restore_changes()
    else:
        _flush(self)


# Transactional tests (browser tests, races) end by putting the demo back, not by emptying the
# database (``TestCase``, which rolls back instead, has its own ``_fixture_teardown``).
TransactionTestCase._fixture_teardown = _fixture_teardown


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _load_demo()
        _snapshot_demo()


@pytest.fixture
def demo(db) -> Demo:
    return _load_demo()


@pytest.fixture
def autumn_term(demo) -> datetime.datetime:
    """Stop the clock late in the autumn term of the academic year the demo was seeded in, on a
    school day: where the demo's year is anchored (deployments from early October, the autumn
    placements and their reviews), so a test of "this term" reads the demo the same whichever
    day the suite runs (``TEST_TODAY``). The clock moves on from there."""
    year = AcademicYear.start_year_for(timezone.localdate())
    moment = datetime.datetime.combine(
        term_weekday(datetime.date(year, 11, 24)), datetime.time(10), tzinfo=LONDON
    )
    with time_machine.travel(moment, tick=True):
        yield moment


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
