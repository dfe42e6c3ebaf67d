"""A chair double-clicking Approve (or two chairs at once) sends the invitation once."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import connection

from alliance.models import Role
from alliance.outbox import emails_send
from members.models import Invitation, Organisation
from members.services import invitation_approve

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 16


def test_it_emails_once_when_many_approve_the_same_grant_at_once(demo):
    assert connection.vendor == "postgresql"
    invitation = Invitation.objects.create(
        alliance=demo.southwark,
        email="ada@demo.test",
        full_name="Ada Lovelace",
        organisation=Organisation.objects.get(name="Crampton Primary School"),
        role=Role.ADMINISTRATOR,
        needs_approval=True,
        invited_by=demo.user("director"),
    )
    chair = demo.user("chair")
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []

    def approve() -> None:
        try:
            start.wait()
            invitation_approve(actor=chair, invitation=invitation, base_url="http://testserver/")
        except BaseException as error:  # any failure must fail the test below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert emails_send() == 1
    assert [message.to for message in mail.outbox] == [["ada@demo.test"]]
    invitation.refresh_from_db()
    assert invitation.approved_by == chair
