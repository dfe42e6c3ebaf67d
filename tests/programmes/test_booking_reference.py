"""Booking references: short, unambiguous, one alliance's prefix, unique even when many
bookings are made at the same moment."""

from __future__ import annotations

import re
from functools import partial

import pytest
from django.db import connection

from programmes import models
from programmes.models import REFERENCE_ALPHABET, BookingGroup, new_reference
from programmes.services import booking_create
from tests.races import at_once

pytestmark = pytest.mark.django_db


def test_it_uses_no_letters_or_digits_people_mix_up(demo):
    assert not set("0O1I") & set(REFERENCE_ALPHABET)
    for _ in range(200):
        code = new_reference(demo.southwark).split("-")[1]
        assert len(code) == 4 and set(code) <= set(REFERENCE_ALPHABET)


def test_it_starts_with_the_alliances_short_name(demo, head, bellenden, staff, make_session):
    [booking] = booking_create(
        actor=head, organisation=bellenden, sessions=[make_session()], delegates=staff(1)
    )
    assert re.fullmatch(r"STSA-[2-9A-HJ-NP-Z]{4}", booking.group.reference)
    assert booking.group.alliance == demo.southwark
    assert new_reference(demo.steep).startswith("STEEP-")


def test_it_draws_again_when_the_reference_is_taken(
    head, bellenden, staff, make_session, monkeypatch
):
    first = booking_create(
        actor=head, organisation=bellenden, sessions=[make_session()], delegates=staff(1)
    )[0].group.reference
    draws = iter([first, first, "STSA-NEW2"])
    monkeypatch.setattr("programmes.services.new_reference", lambda _alliance: next(draws))
    [booking] = booking_create(
        actor=head, organisation=bellenden, sessions=[make_session()], delegates=staff(1)
    )
    assert booking.group.reference == "STSA-NEW2"
    assert BookingGroup.objects.filter(reference=first).count() == 1


def test_the_same_reference_may_serve_two_alliances(demo, bellenden):
    for alliance in (demo.southwark, demo.steep):
        BookingGroup.objects.create(
            token=f"t-{alliance.pk}", organisation=bellenden, alliance=alliance, reference="X-2345"
        )
    assert BookingGroup.objects.filter(reference="X-2345").count() == 2


@pytest.mark.django_db(transaction=True)
def test_it_gives_bookings_made_at_once_different_references(
    head, bellenden, staff, make_session, monkeypatch
):
    """With one character (32 references) sixteen bookings at once clash often; each still
    gets a reference of its own."""
    assert connection.vendor == "postgresql"
    monkeypatch.setattr(models, "REFERENCE_LENGTH", 1)
    sessions = [make_session() for _ in range(16)]
    people = staff(16)
    race = at_once(
        [
            partial(
                booking_create,
                actor=head,
                organisation=bellenden,
                sessions=[session],
                delegates=[person],
            )
            for session, person in zip(sessions, people, strict=True)
        ]
    )
    assert race.errors == [] and race.refused == []
    # Those of these sessions: the demo's own bookings have references too. Each booking made
    # has its own (those asked to try again made none).
    made = BookingGroup.objects.filter(bookings__session__in=sessions).distinct()
    references = list(made.values_list("reference", flat=True))
    assert len(references) == len(race.done) == len(set(references))
