"""Cached reads are forgotten as soon as what they were read from changes."""

from __future__ import annotations

import pytest
from django.db import transaction

from alliance.cache import VersionedCache
from alliance.models import Alliance

pytestmark = pytest.mark.django_db


def _cache() -> VersionedCache:
    return VersionedCache("test-namespace", seconds=lambda: 60)


def test_it_keeps_an_entry_until_the_namespace_is_bumped():
    cache = _cache()
    reads = []
    assert cache.get_or_compute(("a",), lambda: reads.append(1) or "first") == "first"
    assert cache.get_or_compute(("a",), lambda: reads.append(1) or "second") == "first"
    assert len(reads) == 1
    cache.bump()
    assert cache.get_or_compute(("a",), lambda: "third") == "third"


def test_it_forgets_entries_at_once_and_again_when_the_change_commits(
    django_capture_on_commit_callbacks,
):
    cache = _cache()
    cache.get_or_compute(("a",), lambda: "before")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        cache.bump()
        assert cache.get_or_compute(("a",), lambda: "during") == "during"
        # Another request may still read the old rows now and store what it read ...
    # ... but the commit forgets that too.
    assert cache.get_or_compute(("a",), lambda: "after") == "after"


def test_a_bumped_scope_leaves_the_other_scopes_warm():
    cache = _cache()
    cache.get_or_compute(("page",), lambda: "southwark", scope=1)
    cache.get_or_compute(("page",), lambda: "steep", scope=2)
    cache.bump(1)
    assert cache.get_or_compute(("page",), lambda: "southwark again", scope=1) == "southwark again"
    assert cache.get_or_compute(("page",), lambda: "recomputed", scope=2) == "steep"
    cache.bump()  # the whole namespace
    assert cache.get_or_compute(("page",), lambda: "recomputed", scope=2) == "recomputed"


def test_it_shows_a_renamed_alliance_on_its_pages_at_once(client, demo):
    assert "Southwark Teaching School Alliance" in client.get("/southwark/").content.decode()
    alliance = Alliance.objects.get(slug="southwark")
    alliance.name = "Southwark Schools Partnership"
    alliance.save()
    assert "Southwark Schools Partnership" in client.get("/southwark/").content.decode()


def test_it_answers_404_for_an_alliance_that_no_longer_exists(client, demo):
    Alliance.objects.create(slug="brief", name="A brief alliance")
    assert client.get("/brief/").status_code == 200
    Alliance.objects.get(slug="brief").delete()
    assert client.get("/brief/").status_code == 404
