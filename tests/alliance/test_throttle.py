"""Public pages that take a code or a token cannot be asked without limit."""

from __future__ import annotations

import pytest

from alliance.throttle import PUBLIC_TOKEN_PAGES_PER_MINUTE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "/certificates/ABCD-EFGH-JKLM/",
        "/invitations/not-a-token/",
        "/southwark/meetings/reply/not-a-token/",
        "/calendar/not-a-token.ics",
    ],
)
def test_it_asks_a_guesser_to_wait_after_a_minutes_worth_of_tries(client, demo, address):
    answers = {client.get(address).status_code for _ in range(PUBLIC_TOKEN_PAGES_PER_MINUTE)}
    assert 429 not in answers
    refused = client.get(address)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Please wait a minute" in refused.content.decode()
    # Someone else, at another address, is not held up by the guesser.
    assert client.get(address, REMOTE_ADDR="192.0.2.7").status_code != 429
