"""Cached reads that any change to what they were read from forgets at once, on every worker.

Each namespace keeps version tokens in Django's cache (Redis in production, shared by every
worker): one for the whole namespace and one per scope (an alliance, say). Entries are stored
with the tokens they were computed under, and an entry whose tokens are not the current ones is
a miss, so replacing a token (``bump``) forgets that scope, or the whole namespace, at once. A
token is replaced as soon as the change is made (for readers in the same transaction) and again
when its transaction commits, so a value another request read from the database before the
commit cannot be kept under the new token.

A hit costs one round trip to the cache: the tokens and the entry are fetched together.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Hashable
from functools import partial

from django.conf import settings
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
        _EVERY.append(self)

    def is_off(self) -> bool:
        """Switched off by name in ``CACHES_OFF``: the benchmark measures each cache's worth."""
        return self.name in getattr(settings, "CACHES_OFF", ())

    def _version_key(self, scope: Hashable | None) -> str:
        return f"{self.name}-version" if scope is None else f"{self.name}-version:{scope}"

    def _version(self, scope: Hashable | None) -> str:
        key = self._version_key(scope)
        token = cache.get(key)
        if token is None:
            cache.add(key, uuid.uuid4().hex, None)
            token = cache.get(key) or ""
        return token

    def _replace(self, scopes: tuple[Hashable | None, ...]) -> None:
        cache.set_many({self._version_key(s): uuid.uuid4().hex for s in scopes}, None)

    def bump(self, *scopes: Hashable) -> None:
        """Forget every entry of these scopes (of every scope when none is given), now and once
        the change commits: one round trip to the cache each time, however many scopes."""
        if self.is_off():
            return
        replaced = scopes or (None,)
        self._replace(replaced)
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(partial(self._replace, replaced))

    def forget_when_changed(self, *models: type[Model]) -> None:
        """Bump the whole namespace whenever a row of these models is saved or deleted."""
        for model in models:
            uid = f"{self.name}-{model._meta.label}"
            post_save.connect(self._forget, sender=model, dispatch_uid=uid)
            post_delete.connect(self._forget, sender=model, dispatch_uid=f"{uid}-delete")

    def _forget(self, sender, **kwargs) -> None:
        self.bump()

    def key(self, scope: Hashable | None, *parts: Hashable) -> str:
        digest = hashlib.sha1(repr((scope, *parts)).encode()).hexdigest()
        return f"{self.name}:{digest}"

    def get(self, *parts: Hashable, scope: Hashable | None = None) -> tuple[str, object]:
        """The current token and the entry stored under it (``None`` when there is none)."""
        if self.is_off():
            return "", None
        scopes = [None] if scope is None else [None, scope]
        version_keys = [self._version_key(s) for s in scopes]
        key = self.key(scope, *parts)
        found = cache.get_many([*version_keys, key])
        token = ":".join(
            found.get(version_key) or self._version(s)
            for s, version_key in zip(scopes, version_keys, strict=True)
        )
        stored = found.get(key, _MISSING)
        if stored is not _MISSING and stored[0] == token:
            return token, stored[1]
        return token, None

    def set(
        self,
        token: str,
        parts: tuple[Hashable, ...],
        value: object,
        seconds: int | None = None,
        *,
        scope: Hashable | None = None,
    ) -> None:
        if self.is_off():
            return
        limit = self.seconds() if seconds is None else min(seconds, self.seconds())
        cache.set(self.key(scope, *parts), (token, value), limit)

    def get_or_compute(
        self,
        parts: tuple[Hashable, ...],
        compute: Callable[[], object],
        *,
        scope: Hashable | None = None,
    ) -> object:
        token, value = self.get(*parts, scope=scope)
        if value is None:
            value = compute()
            if value is not None:
                self.set(token, parts, value, scope=scope)
        return value
