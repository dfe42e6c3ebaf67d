"""Two directors (or one double click) approving, and a school sending its form twice at once:
one membership, one invoice, one application (PostgreSQL, many threads)."""

from __future__ import annotations

from functools import partial

import pytest
from django.db import connection
from django.test import Client

from members.models import Invitation, Membership
from membership.models import Application
from membership.services import application_approve
from tests.races import at_once, post

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 16


def test_many_approvals_at_once_make_one_membership_and_one_invoice(demo, started):
    assert connection.vendor == "postgresql"
    application = Application.objects.get(alliance=demo.southwark, urn="100851")
    director = demo.user("director")
    approve = partial(
        application_approve, actor=director, application=application, base_url="http://x/"
    )
    race = at_once([approve] * THREADS)
    # Under load a director may wait past the lock timeout and be asked to try again (Busy):
    # that, and only that, is an acceptable answer to all but one of them (the first to take
    # the application's lock waits for nobody).
    assert race.errors == [] and race.refused == []
    assert race.busy < THREADS
    assert Membership.objects.filter(organisation__urn="100851").count() == 1
    assert Invitation.objects.filter(email="head@lyndhurst-grove.example").count() == 1
    assert len(started) == 1


def test_one_form_sent_many_times_at_once_makes_one_application(demo, join_data, join_url):
    # Each from its own address, as from several browsers.
    browsers = [Client(REMOTE_ADDR=f"10.0.0.{n}") for n in range(1, THREADS + 1)]
    race = at_once([partial(post, browser, join_url, join_data) for browser in browsers])
    assert race.errors == []
    # One application, thanked for once, unless every post was asked to try again.
    thanked = [response for response in race.done if response.status_code == 302]
    made = Application.objects.filter(urn="100861").count()
    assert len(thanked) == made == min(1, THREADS - race.busy)
