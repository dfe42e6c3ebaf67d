"""Whatever a statement waits for past the lock timeout, the person is asked to try again."""

from __future__ import annotations

import pytest

from alliance.locks import BUSY, Busy
from alliance.models import Alliance

pytestmark = pytest.mark.django_db(transaction=True)


def test_any_statement_kept_waiting_is_answered_busy_not_a_database_error(demo, row_held):
    row_held(demo.southwark)
    with pytest.raises(Busy):
        Alliance.objects.filter(pk=demo.southwark.pk).update(name="Renamed")


def test_a_page_that_did_not_expect_to_wait_says_try_again_not_500(client, demo, row_held):
    # Signing in writes the person's last sign-in on their row, held here by someone else.
    row_held(demo.user("head"))
    response = client.post(
        "/accounts/login/", {"login": "head@demo.test", "password": "alliance-demo"}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert BUSY in response.content.decode()
