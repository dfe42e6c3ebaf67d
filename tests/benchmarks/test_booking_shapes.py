"""The benchmark times the write: "Confirm booking" as the check page posts it. Its bodies
must book, or it would time a refusal."""

import pytest

from benchmarks.__main__ import _booking_shapes, _new_session
from programmes.models import BookingStatus

pytestmark = pytest.mark.django_db


def test_the_benchmarks_booking_post_confirms_a_place(demo, login):
    session = _new_session(10)
    [(method, path, _cookie, body)] = _booking_shapes([("", "csrf")], session, "test")
    response = login("head").generic(
        method, path, body.replace("__N__", "1"), "application/x-www-form-urlencoded"
    )
    assert (response.status_code, path.endswith("/book/confirm/")) == (302, True)
    [booking] = session.bookings.all()
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.group.reference in response["Location"]
