"""A booking that waits too long for a session someone else holds is told to try again."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.urls import reverse

from alliance.locks import BUSY
from programmes.models import Booking, Session

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def held():
    """Hold a session's row lock from another connection until the test ends."""
    release = threading.Event()
    taken = threading.Event()

    def hold(session_pk: int) -> None:
        try:
            with transaction.atomic():
                Session.objects.select_for_update().get(pk=session_pk)
                taken.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    threads: list[threading.Thread] = []

    def start(session: Session) -> None:
        thread = threading.Thread(target=hold, args=(session.pk,))
        thread.start()
        threads.append(thread)
        assert taken.wait(timeout=10)

    yield start
    release.set()
    for thread in threads:
        thread.join()


def test_it_waits_the_configured_time_for_a_lock():
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == f"{settings.LOCK_TIMEOUT_MS // 1000}s"


def test_it_asks_the_head_to_try_again_when_the_session_is_busy(
    login, staff, make_session, held
):
    session = make_session()
    [teacher] = staff(1)
    held(session)
    # The same rule, a shorter wait: the test need not sit out the full five seconds.
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '300ms'")
    try:
        response = login("head").post(
            reverse("programmes:booking-create", args=["southwark", session.programme_id]),
            {"sessions": [session.pk], "delegates": [teacher.pk]},
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert response.status_code == 200
    assert BUSY in response.content.decode().replace("&#x27;", "'")
    assert not Booking.objects.filter(delegate=teacher).exists()
