"""A chair double-clicking Approve (or two chairs at once) sends the invitation once."""

from __future__ import annotations

from functools import partial

import pytest
from django.core import mail
from django.db import connection

from alliance.models import Role
from alliance.outbox import emails_send
from members.models import Invitation, Organisation
from members.services import invitation_approve
from tests.races import at_once

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
    approve = partial(
        invitation_approve, actor=chair, invitation=invitation, base_url="http://testserver/"
    )
    race = at_once([approve] * THREADS)
    # A second approval changes nothing and refuses nobody.
    assert race.errors == [] and race.refused == []
    # One email, unless every approval was asked to try again (then none, and not approved).
    once = min(1, THREADS - race.busy)
    assert emails_send() == once
    assert [message.to for message in mail.outbox] == [["ada@demo.test"]] * once
    invitation.refresh_from_db()
    assert invitation.approved_by == (chair if once else None)
