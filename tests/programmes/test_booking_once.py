"""A booking form posted twice (a double click, a retry) books once, and one new member of
staff is one person however often, however fast, and in whatever case their email is typed."""

from __future__ import annotations

import re
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from members.models import Organisation, Person
from programmes.models import Booking, BookingStatus
from programmes.services import NewDelegate, booking_create
from tests.programmes.conftest import book_through_check, book_url, confirm_answers
from tests.races import at_once, post

NORA = {"new_name": "Nora Quinn", "new_email": "nora.quinn@bellenden.test"}


def _book_url(session) -> str:
    return reverse("programmes:booking-create", args=["southwark", session.programme_id])


def _token(client: Client, session) -> str:
    """The token of the booking form, as the page shows it."""
    html = client.get(_book_url(session)).content.decode()
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def _noras(bellenden) -> int:
    return Person.objects.filter(organisation=bellenden, email__iexact=NORA["new_email"]).count()


@pytest.mark.django_db
def test_it_books_once_when_confirm_is_posted_twice(login, bellenden, make_session):
    session = make_session()
    client = login("head")
    data = {"sessions": [session.pk], **NORA, "token": _token(client, session)}
    check = client.post(book_url(session.programme_id, "check"), data)
    confirm = book_url(session.programme_id, "confirm")
    first = client.post(confirm, confirm_answers(check), follow=True)
    second = client.post(confirm, confirm_answers(check), follow=True)
    reference = session.bookings.get().group.reference
    for response in (first, second):
        assert response.redirect_chain[-1][0] == reverse(
            "programmes:booking-confirmation", args=["southwark", reference]
        )
        assert "Nora Quinn (1 session)" in response.content.decode()
    assert _noras(bellenden) == 1
    assert session.bookings.count() == 1
    session.refresh_from_db()
    assert session.places_taken == 1


@pytest.mark.django_db
def test_a_second_form_still_books_again(login, staff, make_programme, make_session):
    programme = make_programme()
    one, two = make_session(programme, days=10), make_session(programme, days=20)
    client = login("head")
    person = staff(1)[0]
    for session in (one, two):
        data = {"sessions": [session.pk], "delegates": [person.pk], "token": _token(client, one)}
        assert book_through_check(client, one.programme_id, data).status_code == 302
    assert Booking.objects.filter(delegate=person).count() == 2


@pytest.mark.django_db
def test_it_shows_nothing_of_a_booking_made_with_someone_elses_form(login, make_session):
    session = make_session()
    token = _token(login("head"), session)
    book_through_check(
        login("head"), session.programme_id, {"sessions": [session.pk], **NORA, "token": token}
    )
    chair = login("chair")  # headteacher of another school, who somehow has the token
    response = book_through_check(
        chair,
        session.programme_id,
        {
            "sessions": [session.pk],
            "new_name": "Ann Other",
            "new_email": "ann@x.test",
            "token": token,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This booking form has expired. Open it again to book." in html
    assert "Nora Quinn" not in html
    assert list(session.bookings.values_list("delegate__full_name", flat=True)) == ["Nora Quinn"]
    assert not Person.objects.filter(full_name="Ann Other").exists()


@pytest.mark.django_db
def test_it_books_the_existing_person_whatever_the_case_of_the_email(head, bellenden, make_session):
    nora = Person.objects.create(
        full_name="Nora Quinn", email="Nora.Quinn@Bellenden.test", organisation=bellenden
    )
    session = make_session()
    [booking] = booking_create(
        actor=head,
        organisation=bellenden,
        sessions=[session],
        new_delegates=[NewDelegate(full_name="Nora Q", email="NORA.QUINN@bellenden.TEST")],
    )
    assert booking.delegate == nora
    assert _noras(bellenden) == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_person_with_the_same_email_at_a_school(bellenden):
    Person.objects.create(full_name="Nora", email="nora@bellenden.test", organisation=bellenden)
    Person.objects.create(full_name="No email", organisation=bellenden)
    Person.objects.create(full_name="No email either", organisation=bellenden)
    other = Organisation.objects.get(name="Albion Street Primary School")
    Person.objects.create(full_name="Nora", email="nora@bellenden.test", organisation=other)
    with pytest.raises(ValidationError, match="already has that email address"):
        Person(full_name="Nora", email="NORA@bellenden.test", organisation=bellenden).full_clean()


@pytest.mark.django_db(transaction=True)
def test_it_books_once_when_the_same_form_is_posted_eight_times_at_once(
    demo, bellenden, make_session
):
    assert connection.vendor == "postgresql"
    session = make_session(capacity=5)
    user = demo.user("head")
    shown, *tabs = [Client() for _ in range(9)]  # the form shown, then posted from eight tabs
    for client in (shown, *tabs):
        client.force_login(user)
    data = {"sessions": [session.pk], **NORA, "token": _token(shown, session)}
    answers = confirm_answers(shown.post(book_url(session.programme_id, "check"), data))
    confirm = book_url(session.programme_id, "confirm")
    race = at_once([partial(post, tab, confirm, answers) for tab in tabs])
    assert race.errors == []
    # Booked once, unless every post was asked to try again; every post answered otherwise is
    # taken to that one booking's confirmation.
    made = list(session.bookings.select_related("group"))
    assert len(made) == _noras(bellenden) == min(1, len(tabs) - race.busy)
    if made:
        confirmation = reverse(
            "programmes:booking-confirmation", args=["southwark", made[0].group.reference]
        )
        assert [r.get("Location") for r in race.done] == [confirmation] * len(race.done)
    session.refresh_from_db()
    assert session.places_taken == len(made)


@pytest.mark.django_db(transaction=True)
def test_two_bookings_adding_the_same_new_person_at_once_make_one_person(
    demo, head, bellenden, make_session
):
    sessions = [make_session(capacity=5) for _ in range(8)]  # eight programmes
    nora = NewDelegate(full_name="Nora Quinn", email=NORA["new_email"].upper())
    race = at_once(
        [
            partial(
                booking_create,
                actor=head,
                organisation=bellenden,
                sessions=[session],
                new_delegates=[nora],
            )
            for session in sessions
        ]
    )
    assert race.errors == [] and race.refused == []
    # Every booking answered made its place, all for one Nora (none if all were busy).
    assert _noras(bellenden) == min(1, len(race.done))
    bookings = Booking.objects.filter(session__in=sessions, status=BookingStatus.CONFIRMED)
    assert bookings.count() == len(race.done)
    assert bookings.values("delegate").distinct().count() == min(1, len(race.done))


@pytest.mark.django_db
def test_it_says_who_already_has_a_place_whatever_the_case_of_the_email(
    head, bellenden, make_session
):
    Person.objects.create(
        full_name="Nora Quinn", email="Nora.Quinn@Bellenden.test", organisation=bellenden
    )
    session = make_session()
    again = NewDelegate(full_name="Nora Quinn", email=NORA["new_email"])
    booking_create(actor=head, organisation=bellenden, sessions=[session], new_delegates=[again])
    with pytest.raises(ValidationError, match="Nora Quinn already has a place"):
        booking_create(
            actor=head, organisation=bellenden, sessions=[session], new_delegates=[again]
        )
    assert session.bookings.count() == 1


@pytest.mark.django_db
def test_it_says_so_when_the_forms_token_is_not_one_it_made(login, staff, make_session):
    session = make_session()
    data = {"sessions": [session.pk], "delegates": [staff(1)[0].pk], "token": "x" * 65}
    for step in ("check", "confirm"):
        response = login("head").post(book_url(session.programme_id, step), data)
        assert "This booking form has expired. Open it again to book." in response.content.decode()
    assert not session.bookings.exists()
