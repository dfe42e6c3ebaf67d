"""A programme's page tells a school how many of its staff are booked on it, with a link to
those bookings."""

from __future__ import annotations

import pytest
from django.urls import reverse

from programmes.services import booking_cancel, booking_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(head, bellenden, staff, make_programme, make_session):
    programme = make_programme(title="Zebra phonics")
    first, second = make_session(programme, days=10), make_session(programme, days=20)
    ann, bob, cat, dan = staff(4)
    names = ("Ann Ash", "Bob Birch", "Cat Cedar", "Dan Elm")
    for person, name in zip((ann, bob, cat, dan), names, strict=True):
        person.full_name = name
        person.save()
    booking_create(actor=head, organisation=bellenden, sessions=[first, second], delegates=[ann])
    booking_create(actor=head, organisation=bellenden, sessions=[first], delegates=[bob])
    [cancelled] = booking_create(
        actor=head, organisation=bellenden, sessions=[second], delegates=[dan]
    )
    booking_cancel(actor=head, booking=cancelled)
    other = make_session(make_programme(title="Zebra maths"), days=10)
    booking_create(actor=head, organisation=bellenden, sessions=[other], delegates=[cat])
    return programme, [ann, bob, cat]


def test_it_tells_the_head_how_many_staff_they_have_booked(login, booked):
    programme, _ = booked
    html = login("head").get(programme.get_absolute_url()).content.decode()
    assert "You have booked 2 staff on this programme." in html
    link = reverse("programmes:booking-list", args=["southwark"]) + f"?programme={programme.pk}"
    assert f'href="{link}"' in html


@pytest.mark.parametrize("persona", ["anonymous", "chair", "director"])
def test_it_says_nothing_to_those_whose_school_has_not_booked(login, booked, persona):
    programme, _ = booked
    html = login(persona).get(programme.get_absolute_url()).content.decode()
    assert "You have booked" not in html


def test_the_link_lists_only_that_programmes_bookings(login, booked):
    programme, (ann, bob, cat) = booked
    url = reverse("programmes:booking-list", args=["southwark"])
    html = login("head").get(url, {"programme": programme.pk}).content.decode()
    assert ann.full_name in html and bob.full_name in html
    assert cat.full_name not in html  # booked on another programme
    assert "Only the bookings on" in html
    assert f"?when=past&amp;programme={programme.pk}" in html


def test_it_ignores_another_alliances_or_a_nonsense_programme(login, booked, make_programme, demo):
    *_, cat = booked[1]
    steep = make_programme(alliance=demo.steep)
    url = reverse("programmes:booking-list", args=["southwark"])
    for value in ["x", "99999999", "-1", steep.pk]:
        html = login("head").get(url, {"programme": value}).content.decode()
        assert cat.full_name in html and "Only the bookings on" not in html
