"""Booking keeps its queries few and constant under the session lock, and still keeps everything
right: the catalogue's copy of the next session, duplicates refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Person
from programmes.models import Booking, Programme, Session
from programmes.services import NewDelegate, booking_create
from tests.programmes.conftest import confirm_answers

pytestmark = pytest.mark.django_db


def _next(programme: Programme) -> tuple:
    programme.refresh_from_db()
    return programme.next_starts_at, programme.next_places_left


def test_it_keeps_the_catalogue_copy_of_the_next_session_right(
    head, bellenden, staff, make_programme, make_session
):
    programme = make_programme()
    soon = make_session(programme, capacity=5, days=10)
    later = make_session(programme, capacity=5, days=20)
    assert _next(programme) == (soon.starts_at, 5)
    booking_create(actor=head, organisation=bellenden, sessions=[later], delegates=staff(2))
    assert _next(programme) == (soon.starts_at, 5)  # the next session is untouched
    booking_create(actor=head, organisation=bellenden, sessions=[soon], delegates=staff(3))
    assert _next(programme) == (soon.starts_at, 2)
    booking_create(actor=head, organisation=bellenden, sessions=[soon, later], delegates=staff(2))
    assert _next(programme) == (soon.starts_at, 0)
    assert later.bookings.count() == 4


def test_it_refuses_a_new_delegate_who_already_has_a_place_and_saves_nothing(
    head, bellenden, make_session
):
    session = make_session()
    nora = NewDelegate(full_name="Nora Quinn", email="nora@bellenden.test")
    booking_create(actor=head, organisation=bellenden, sessions=[session], new_delegates=[nora])
    again = NewDelegate(full_name="Nora Quinn", email="NORA@bellenden.test")
    with pytest.raises(ValidationError, match="Nora Quinn already has a place"):
        booking_create(
            actor=head, organisation=bellenden, sessions=[session], new_delegates=[again]
        )
    assert Booking.objects.filter(session=session).count() == 1
    assert Person.objects.filter(email="nora@bellenden.test").count() == 1


@pytest.mark.parametrize("sessions", [1, 12])
def test_a_booking_makes_the_same_few_queries_however_many_sessions_and_staff(
    sessions, login, staff, make_programme, make_session, django_assert_max_num_queries
):
    programme = make_programme()
    booked = [make_session(programme, days=10 + d) for d in range(sessions)]
    people = staff(40)
    client = login("head")
    url = reverse("programmes:booking-create", args=["southwark", programme.pk])
    assert client.get(url).status_code == 200  # as a head would, before posting
    check = client.post(
        reverse("programmes:booking-check", args=["southwark", programme.pk]),
        {
            "sessions": [s.pk for s in booked],
            "delegates": [people[0].pk],
            "join_waiting_list": "on",
        },
    )
    url = reverse("programmes:booking-confirm", args=["southwark", programme.pk])
    # The session, the user with their person, the schools and memberships (booking rights,
    # read afresh: no cache pays for them), the programme, its sessions and the staff chosen;
    # then under the lock: the sessions, their counts, the bookings, the catalogue's copy and
    # the emails (and a savepoint here); the booking group that makes a repeated post
    # harmless, and the audit log's entry.
    with django_assert_max_num_queries(16):
        response = client.post(url, confirm_answers(check))
    assert response.status_code == 302
    assert Booking.objects.filter(session__programme=programme).count() == sessions


def test_it_refuses_a_session_removed_since_the_form_was_shown(
    head, bellenden, staff, make_programme, make_session
):
    programme = make_programme()
    kept = make_session(programme, days=10)
    removed = make_session(programme, days=20)
    Session.objects.filter(pk=removed.pk).delete()  # by the strand lead, as the head chose
    with pytest.raises(ValidationError, match="just been removed"):
        booking_create(
            actor=head, organisation=bellenden, sessions=[kept, removed], delegates=staff(1)
        )
    assert not Booking.objects.filter(session=kept).exists()
