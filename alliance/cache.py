"""Cached reads that any change to what they were read from forgets at once, on every worker.

Each namespace keeps a version token in Django's cache (Redis in production, shared by every
worker). Entries are stored with the token they were computed under, and an entry whose token
is not the current one is a miss, so replacing the token (``bump``) forgets the whole namespace
at once. The token is replaced as soon as the change is made (for readers in the same
transaction) and again when its transaction commits, so a value another request read from the
database before the commit cannot be kept under the new token.

A hit costs one round trip to the cache: the token and the entry are fetched together.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Hashable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

_MISSING = object()
_EVERY: list[VersionedCache] = []


def bump_every() -> None:
    """Forget every namespace: after data is loaded past the ORM's signals (COPY, say)."""
    for namespace in _EVERY:
        namespace.bump()


class VersionedCache:
    def __init__(self, name: str, *, seconds: Callable[[], int]) -> None:
        self.name = name
        self.seconds = seconds  # a callable, so tests and settings can change it
        self.version_key = f"{name}-version"
        _EVERY.append(self)

    def version(self) -> str:
        token = cache.get(self.version_key)
        if token is None:
            cache.add(self.version_key, uuid.uuid4().hex, None)
            token = cache.get(self.version_key) or ""
        return token

    def _replace(self) -> None:
        cache.set(self.version_key, uuid.uuid4().hex, None)

    def bump(self) -> None:
        """Forget every entry, now and once the change commits (once per transaction, however
        many rows it changes)."""
        self._replace()
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            return
        pending = (getattr(hook, "__self__", None) for _, hook, _ in connection.run_on_commit)
        if not any(owner is self for owner in pending):
            transaction.on_commit(self._replace)

    def forget_when_changed(self, *models: type[Model]) -> None:
        """Bump whenever a row of these models is saved or deleted."""
        for model in models:
            uid = f"{self.name}-{model._meta.label}"
            post_save.connect(self._forget, sender=model, dispatch_uid=uid)
            post_delete.connect(self._forget, sender=model, dispatch_uid=f"{uid}-delete")

    def _forget(self, sender, **kwargs) -> None:
        self.bump()

    def key(self, *parts: Hashable) -> str:
        digest = hashlib.sha1(repr(parts).encode()).hexdigest()
        return f"{self.name}:{digest}"

    def get(self, *parts: Hashable) -> tuple[str, object]:
        """The current token and the entry stored under it (``None`` when there is none)."""
        key = self.key(*parts)
        found = cache.get_many([self.version_key, key])
        token = found.get(self.version_key) or self.version()
        stored = found.get(key, _MISSING)
        if stored is not _MISSING and stored[0] == token:
            return token, stored[1]
        return token, None

    def set(
        self, token: str, parts: tuple[Hashable, ...], value: object, seconds: int | None = None
    ) -> None:
        limit = self.seconds() if seconds is None else min(seconds, self.seconds())
        cache.set(self.key(*parts), (token, value), limit)

    def get_or_compute(self, parts: tuple[Hashable, ...], compute: Callable[[], object]) -> object:
        token, value = self.get(*parts)
        if value is None:
            value = compute()
            if value is not None:
                self.set(token, parts, value)
        return value
