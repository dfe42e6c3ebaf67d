"""The benchmark's yardstick books and refuses as a correct booking view must, or its ratio
would flatter the portal (no gunicorn here: the view through the test client)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Person
from programmes.models import Booking, BookingStatus, Programme, Session

pytestmark = [pytest.mark.django_db, pytest.mark.urls("benchmarks.urls")]


@pytest.fixture
def session(demo) -> Session:
    programme = Programme.objects.filter(alliance=demo.southwark, status="published").first()
    starts = timezone.now() + datetime.timedelta(days=20)
    return Session.objects.create(
        alliance=programme.alliance,
        programme=programme,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        booking_deadline=starts,
        venue="Benchmark hall",
        capacity=1,
    )


def _book(client, session, email):
    url = reverse("naive-book", args=[session.pk])
    return client.post(url, {"name": "Ada Lovelace", "email": email})


def test_it_books_the_named_delegate_and_answers_303(login, session):
    head = login("head")
    response = _book(head, session, "ada@bellenden.test")
    assert response.status_code == 303
    booking = Booking.objects.get(session=session)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.delegate.email == "ada@bellenden.test"
    assert booking.organisation_id == booking.booked_by.organisation_id
    assert "Ada Lovelace is booked." in head.get(response["Location"]).content.decode()


def test_it_refuses_when_full_and_saves_nothing(login, session):
    head = login("head")
    assert _book(head, session, "ada@bellenden.test").status_code == 303
    people = Person.objects.count()
    response = _book(head, session, "grace@bellenden.test")
    assert response.status_code == 200
    assert "Sorry, this session is full." in response.content.decode()
    assert Booking.objects.filter(session=session).count() == 1
    assert Person.objects.count() == people


def test_it_shows_a_bad_email_next_to_the_field(login, session):
    response = _book(login("head"), session, "not an email")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Booking.objects.filter(session=session).exists()


def test_it_sends_the_signed_out_to_sign_in(login, session):
    response = _book(login("anonymous"), session, "ada@bellenden.test")
    assert response.status_code == 302
    assert not Booking.objects.filter(session=session).exists()
