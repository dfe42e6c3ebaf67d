"""A booking that waits too long for a session someone else holds is told to try again."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connections

from alliance.locks import BUSY
from programmes.models import Booking
from tests.programmes.conftest import book_through_check

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_waits_the_configured_time_for_a_lock():
    with connections["default"].cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == f"{settings.LOCK_TIMEOUT_MS // 1000}s"


def test_it_asks_the_head_to_try_again_when_the_session_is_busy(
    login, staff, make_session, row_held
):
    session = make_session()
    [teacher] = staff(1)
    row_held(session)
    response = book_through_check(
        login("head"), session.programme_id, {"sessions": [session.pk], "delegates": [teacher.pk]}
    )
    assert response.status_code == 200
    assert BUSY in response.content.decode()
    assert not Booking.objects.filter(delegate=teacher).exists()
