"""Many people doing the same thing at the same moment, on PostgreSQL, each on their own
connection, and what each of them was answered.

A person kept waiting past the lock timeout is answered "busy, try again" (``Busy``): that is a
designed outcome, as a refusal is, and a machine under load gives more of them. Anything else
that goes wrong is an error, and a race test asserts there is none.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import HttpResponse
from django.test import Client

from alliance.locks import BUSY, Busy

# Long enough for every thread to start on a busy machine; a thread that never arrives breaks
# the barrier and shows as an error rather than hanging the suite.
START_TIMEOUT = 60


@dataclass
class Race:
    done: list[Any] = field(default_factory=list)
    refused: list[ValidationError | PermissionDenied] = field(default_factory=list)
    busy: int = 0
    errors: list[BaseException] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return len(self.done) + len(self.refused) + self.busy


def at_once(calls: Sequence[Callable[[], Any]]) -> Race:
    """Run every call in its own thread, all released together; each call's return value is in
    ``done``, its refusal in ``refused``, a lock timeout counted in ``busy``."""
    race = Race()
    lock = threading.Lock()
    start = threading.Barrier(len(calls), timeout=START_TIMEOUT)

    def run(call: Callable[[], Any]) -> None:
        try:
            start.wait()
            result = call()
        except Busy:
            with lock:
                race.busy += 1
        except (ValidationError, PermissionDenied) as refusal:
            with lock:
                race.refused.append(refusal)
        except BaseException as error:  # any other failure fails the race's test
            with lock:
                race.errors.append(error)
        else:
            with lock:
                race.done.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return race


def post(client: Client, path: str, data: dict[str, Any]) -> HttpResponse:
    """``client.post`` as a call for ``at_once``. A view shows ``Busy`` on the page it renders,
    as the form's error: that page counts as busy; any other response is done."""
    response = client.post(path, data)
    if BUSY in response.content.decode():
        raise Busy
    return response
