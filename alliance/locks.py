"""Row locks that wait a few seconds at most, then ask the person to try again.

Every ``select_for_update`` that may wait goes through ``lock_one`` or ``lock_all``. How long a
lock may be waited for is one setting, ``LOCK_TIMEOUT_MS``, given to PostgreSQL as the
connection's ``lock_timeout`` (see ``alliance/settings.py``): a statement kept waiting longer
fails, its transaction is rolled back and the person sees ``BUSY`` next to the form, never a 500.
Setting it on the connection rather than with ``SET LOCAL`` costs no query per lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.db.models import Model, QuerySet
from django.shortcuts import render

BUSY = "Someone else is changing this at the same moment. Please try again in a few seconds."
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout expires


class Busy(ValidationError):
    """The rows were held by someone else for longer than the lock timeout."""

    def __init__(self) -> None:
        super().__init__(BUSY, code="busy")


@contextmanager
def _busy_when_timed_out() -> Iterator[None]:
    try:
        yield
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise Busy from error
        raise


def lock_one[M: Model](queryset: QuerySet[M], *, of: Sequence[str] = (), **lookup: object) -> M:
    """``queryset.select_for_update().get(**lookup)``, refusing with ``Busy`` after the timeout."""
    with _busy_when_timed_out():
        return queryset.select_for_update(of=tuple(of)).get(**lookup)


def lock_all[M: Model](queryset: QuerySet[M]) -> list[M]:
    """Every row of ``queryset``, locked in its order (give one, so that two callers never
    deadlock), refusing with ``Busy`` after the timeout."""
    with _busy_when_timed_out():
        return list(queryset.select_for_update())


def busy_when_timed_out(execute, sql, params, many, context):
    """Every statement, not only ``lock_one``'s, may wait past the lock timeout: an insert waits
    on another's uncommitted duplicate (a booking form's token, a certificate, a join form sent
    twice). Each is refused with ``Busy`` alike, never a bare database error."""
    with _busy_when_timed_out():
        return execute(sql, params, many, context)


def watch_for_lock_timeouts(sender, connection, **kwargs) -> None:
    """On each new connection (``connection_created``)."""
    if connection.vendor == "postgresql" and busy_when_timed_out not in connection.execute_wrappers:
        connection.execute_wrappers.append(busy_when_timed_out)


class BusyMiddleware:
    """A page whose view did not answer ``Busy`` itself (next to a form's field) says so with
    a 503 and Retry-After, rather than a 500."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Busy):
            return None
        response = render(request, "busy.html", {"message": BUSY}, status=503)
        response["Retry-After"] = "5"
        return response
