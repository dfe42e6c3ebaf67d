"""The migration that makes one person per school and email folds in the copies that
double-clicked bookings made before, so it applies on a deployment that has them."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from members.models import Person, User
from programmes.models import Booker, Booking

pytestmark = pytest.mark.django_db

migration = importlib.import_module("members.migrations.0007_one_person_per_school_and_email")


@pytest.fixture
def without_the_constraint():
    """The database as it was before the migration (undone with the test's transaction)."""
    [constraint] = [c for c in Person._meta.constraints if c.name.startswith("one_person_per")]
    with connection.schema_editor() as editor:
        editor.remove_constraint(Person, constraint)
    yield lambda: _apply(constraint)


def _apply(constraint) -> None:
    with connection.schema_editor() as editor:
        migration.merge_duplicate_people(apps, editor)
        editor.add_constraint(Person, constraint)


def test_it_folds_copies_into_the_oldest_with_their_bookings(
    without_the_constraint, head, bellenden, make_session
):
    oldest = Person.objects.create(full_name="Nora", email="nora@b.test", organisation=bellenden)
    copies = [
        Person.objects.create(full_name="Nora Q", email=email, organisation=bellenden)
        for email in ("NORA@b.test", "Nora@B.test")
    ]
    blank = [
        Person.objects.create(full_name=f"No email {i}", organisation=bellenden) for i in (1, 2)
    ]
    copies[0].user = User.objects.create_user("nora@b.test")
    copies[0].save()
    sessions = [make_session(), make_session()]
    for person, session in zip(copies, sessions, strict=True):
        Booking.objects.create(
            session=session, delegate=person, organisation=bellenden, status="confirmed"
        )
    Booker.objects.create(organisation=bellenden, person=copies[0], granted_by=head)

    without_the_constraint()

    assert list(Person.objects.filter(email__iexact="nora@b.test")) == [oldest]
    assert Person.objects.filter(pk__in=[p.pk for p in blank]).count() == 2
    assert Booking.objects.filter(delegate=oldest).count() == 2
    oldest.refresh_from_db()
    assert oldest.user.email == "nora@b.test"
    assert Booker.objects.get(person=oldest)


def test_it_stops_with_a_clear_message_when_both_copies_sign_in(without_the_constraint, bellenden):
    for email, sign_in in (("nora@b.test", "nora@b.test"), ("NORA@b.test", "nora.q@b.test")):
        Person.objects.create(
            full_name="Nora",
            email=email,
            organisation=bellenden,
            user=User.objects.create_user(sign_in),
        )
    with pytest.raises(RuntimeError, match=r"share the email nora@b\.test .* Merge them by hand"):
        without_the_constraint()
