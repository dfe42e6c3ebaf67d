"""Headteachers let members of their staff book CPD for the school."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.models import AcademicYear, Role, RoleAssignment
from members.models import Person, User
from programmes.models import Booker, BookingStatus
from tests.programmes.conftest import book_through_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_manager(bellenden) -> Person:
    user = User.objects.create_user(email="office@bellenden.test", password="x-long-pass-1")
    return Person.objects.create(
        user=user, full_name="Olive Office", email=user.email, organisation=bellenden
    )


def _allow(client, person):
    return client.post(
        reverse("programmes:booker-create", args=["southwark"]), {"person": person.pk}, follow=True
    )


def test_it_lets_an_allowed_member_of_staff_book_and_see_the_schools_bookings(
    login, client, office_manager, staff, make_session
):
    response = _allow(login("head"), office_manager)
    assert "Olive Office may now book CPD for the school." in response.content.decode()
    session = make_session()
    [teacher] = staff(1)
    client.force_login(office_manager.user)
    book = book_through_check(
        client, session.programme_id, {"sessions": [session.pk], "delegates": [teacher.pk]}
    )
    assert book.status_code == 302
    booking = session.bookings.get()
    assert (booking.status, booking.booked_by) == (BookingStatus.CONFIRMED, office_manager)
    page = client.get(reverse("programmes:booking-list", args=["southwark"]))
    assert teacher.full_name in page.content.decode()


def test_it_refuses_staff_who_are_not_allowed(client, office_manager, make_session):
    session = make_session()
    client.force_login(office_manager.user)
    url = reverse("programmes:booking-create", args=["southwark", session.programme_id])
    assert client.get(url).status_code == 403


def test_it_stops_a_removed_booker(login, client, office_manager, make_session):
    head = login("head")
    _allow(head, office_manager)
    booker = Booker.objects.get(person=office_manager)
    head.post(reverse("programmes:booker-delete", args=["southwark", booker.pk]))
    assert not Booker.objects.exists()
    client.force_login(office_manager.user)
    url = reverse("programmes:booking-create", args=["southwark", make_session().programme_id])
    assert client.get(url).status_code == 403


def test_it_only_allows_the_heads_own_staff_who_sign_in(login, bellenden, staff):
    [no_sign_in] = staff(1)
    response = _allow(login("head"), no_sign_in)
    assert "Choose a member of your staff who signs in" in response.content.decode()
    assert not Booker.objects.exists()


def test_it_refuses_another_heads_booker_removal(login, office_manager):
    _allow(login("head"), office_manager)
    booker = Booker.objects.get()
    response = login("chair").post(
        reverse("programmes:booker-delete", args=["southwark", booker.pk])
    )
    assert response.status_code == 404
    assert Booker.objects.exists()


def test_it_lets_a_head_allow_a_member_of_staff_who_was_headteacher_last_year(
    login, demo, bellenden, office_manager
):
    # Heading a school is a role of one academic year: last year's acting head is staff now.
    last_year, _ = AcademicYear.objects.get_or_create(
        start_year=AcademicYear.current().start_year - 1
    )
    RoleAssignment.objects.create(
        alliance=demo.southwark,
        academic_year=last_year,
        person=office_manager,
        role=Role.HEADTEACHER,
        organisation=bellenden,
        starts_on=last_year.starts_on,
    )
    response = _allow(login("head"), office_manager)
    assert "Olive Office may now book CPD for the school." in response.content.decode()
