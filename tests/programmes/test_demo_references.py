"""The demo's bookings look like those the booking form makes: in booking groups with a
reference, so "Our bookings" shows the reference and one calendar file per booking."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from programmes.models import ACTIVE_STATUSES, Booking, BookingGroup

pytestmark = pytest.mark.django_db


def test_every_active_demo_booking_has_a_group_with_a_reference(demo):
    active = Booking.objects.filter(status__in=ACTIVE_STATUSES).select_related("group")
    assert active.count() > 20
    assert [b.pk for b in active if b.group is None or not b.group.reference] == []
    # One school's places on one programme are one booking, of that school and alliance.
    for booking in active:
        assert booking.group.organisation_id == booking.organisation_id
        assert booking.group.alliance_id == booking.session.alliance_id


def test_seeding_the_demo_again_makes_no_second_group(demo):
    groups = sorted(BookingGroup.objects.values_list("token", "reference"))
    bookings = sorted(Booking.objects.values_list("pk", "group_id"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(BookingGroup.objects.values_list("token", "reference")) == groups
    assert sorted(Booking.objects.values_list("pk", "group_id")) == bookings


def test_the_demo_heads_bookings_show_their_references(login):
    page = login("chair").get(reverse("programmes:booking-list", args=["southwark"]))
    listed = page.context["bookings"].bookings
    assert listed
    html = page.content.decode()
    for booking in listed:
        reference = booking.group.reference
        assert f'Booking <span class="text-nowrap">{reference}</span>' in html
        if booking.session.alliance_id == booking.group.alliance_id:
            assert reverse("programmes:booking-calendar", args=["southwark", reference]) in html
