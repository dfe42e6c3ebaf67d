"""The benchmark's data generator, at a tiny scale (the benchmark itself is not a test)."""

import pytest
from django.db import connection
from django.urls import reverse

from benchmarks.data import generate
from programmes.models import Booking, Programme, Session

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the generator uses COPY")
def test_it_generates_consistent_data_the_pages_can_show(client, demo):
    loaded = generate(0.0005, log=lambda *args: None)
    alliance = loaded.alliances[0]
    programmes = Programme.objects.filter(alliance=alliance)
    sessions = Session.objects.filter(alliance=alliance)
    assert programmes.count() == 10
    assert sessions.count() == 30
    assert Booking.objects.filter(session__alliance=alliance).count() == loaded.counts["bookings"]
    for session in sessions:
        assert session.bookings.count() == session.places_taken <= session.capacity
    response = client.get(reverse("programmes:catalogue", args=[alliance.slug]))
    assert response.status_code == 200
    assert len(loaded.heads) == 20
