"""People who accepted an invitation before addresses were verified can still set up two-factor
sign-in: the migration verifies every existing sign-in address."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from itt.models import Trainee
from members.models import Person, User
from programmes.models import Booking, BookingGroup, Enrolment

pytestmark = pytest.mark.django_db

BEFORE = [("members", "0004_invitation_grant_approval")]
AFTER = [("members", "0005_verify_existing_sign_in_addresses")]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_it_verifies_the_sign_in_address_of_people_invited_before(demo):
    # Before members 0009 everyone belonged to an organisation: the demo's childminder cannot.
    # (Trainees on a fee-funded route belong to no school either: their places, central
    # training enrolments and records go.)
    of_no_school = Person.objects.filter(organisation__isnull=True)
    Booking.objects.filter(delegate__in=of_no_school).delete()
    Enrolment.objects.filter(participant__in=of_no_school).delete()
    BookingGroup.objects.filter(organisation__isnull=True).delete()
    Trainee.objects.filter(person__in=of_no_school).delete()
    of_no_school.delete()
    with connection.cursor() as cursor:  # check the deferred keys now: ALTER TABLE waits on them
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _migrate(BEFORE)
    user = User.objects.create_user(email="invited-earlier@demo.test", password="x-long-secret")
    # What allauth left after a password-reset request: the sign-in address, unverified.
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=False)
    _migrate(AFTER)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (user.email, True, True)
