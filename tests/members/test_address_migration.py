"""People who accepted an invitation before addresses were verified can still set up two-factor
sign-in: the migration verifies every existing sign-in address.

The migration's function runs on today's tables: migrating the database back to members 0004
and forward again took 23 s of the suite for the same assertion."""

from __future__ import annotations

from importlib import import_module

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps

from members.models import User

pytestmark = pytest.mark.django_db

MIGRATION = import_module("members.migrations.0005_verify_existing_sign_in_addresses")


def test_it_verifies_the_sign_in_address_of_people_invited_before(demo):
    user = User.objects.create_user(email="invited-earlier@demo.test", password="x-long-secret")
    # What allauth left after a password-reset request: the sign-in address, unverified, and an
    # older address the person once had as primary.
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=False)
    EmailAddress.objects.create(user=user, email="old@demo.test", verified=True, primary=True)
    MIGRATION.verify_sign_in_addresses(apps, None)
    addresses = {a.email: (a.verified, a.primary) for a in EmailAddress.objects.filter(user=user)}
    assert addresses == {user.email: (True, True), "old@demo.test": (True, False)}
    # Everyone else's sign-in address too, and each person has one primary address.
    for person in User.objects.exclude(email=""):
        assert EmailAddress.objects.get(user=person, primary=True).email == person.email
