"""Issue 23: a role granted by one alliance gives nothing in another that did not grant it.

Chelwood Nursery School is STEEP's. A stranger made its head by Southwark alone may book STEEP's
open courses for it and sees and cancels what they booked, but never the places Chelwood's head
in STEEP booked, nor who that head lets book (``programmes.rights``)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from alliance.models import AcademicYear, Role, RoleAssignment
from members.models import Organisation, Person, User
from programmes import cohorts
from programmes.models import Booker, Booking, BookingStatus
from programmes.rights import rights_of
from programmes.services import booker_allow, booker_remove, booking_cancel, booking_create

pytestmark = pytest.mark.django_db


def _person(chelwood, name: str, email: str, *, signs_in: bool = True) -> Person:
    user = (
        User.objects.create_user(email=email, password="a-long-pass-phrase") if signs_in else None
    )
    return Person.objects.create(full_name=name, email=email, organisation=chelwood, user=user)


def _head(person: Person, alliance) -> Person:
    year = AcademicYear.current()
    RoleAssignment.objects.create(
        alliance=alliance,
        academic_year=year,
        person=person,
        role=Role.HEADTEACHER,
        organisation=person.organisation,
        starts_on=year.starts_on,
    )
    return person


@pytest.fixture
def chelwood(demo) -> Organisation:
    return Organisation.objects.get(name="Chelwood Nursery School")


@pytest.fixture
def steep_head(demo, chelwood) -> Person:
    return _head(_person(chelwood, "Rita Okonjo", "rita@chelwood.example"), demo.steep)


@pytest.fixture
def stranger(demo, chelwood) -> Person:
    """Made Chelwood's head by Southwark only (an application approved there)."""
    return _head(_person(chelwood, "Mallory Stranger", "mallory@lyndhurst.example"), demo.southwark)


@pytest.fixture
def steep_session(demo, make_programme, make_session):
    return make_session(make_programme(alliance=demo.steep, open_to_non_members=True))


@pytest.fixture
def steep_booking(chelwood, steep_head, steep_session) -> Booking:
    """A place Chelwood's head in STEEP booked on STEEP's course."""
    teacher = _person(chelwood, "Tessa Chelwood", "tessa@chelwood.example", signs_in=False)
    [booking] = booking_create(
        actor=steep_head, organisation=chelwood, sessions=[steep_session], delegates=[teacher]
    )
    return booking


def _url(name: str, alliance: str = "steep", **kwargs) -> str:
    return reverse(f"programmes:{name}", kwargs={"alliance_slug": alliance, **kwargs})


def _as(client, person: Person):
    client.force_login(person.user)
    return client


def test_a_head_granted_by_another_alliance_cannot_read_its_schools_bookings(
    client, stranger, steep_booking
):
    client = _as(client, stranger)
    for alliance in ("steep", "southwark"):
        page = client.get(_url("booking-list", alliance))
        assert page.status_code == 200
        assert "Tessa Chelwood" not in page.content.decode()
        export = b"".join(client.get(_url("booking-export", alliance)).streaming_content)
        assert b"Tessa Chelwood" not in export
    reference = steep_booking.group.reference
    assert client.get(_url("booking-confirmation", reference=reference)).status_code == 404
    assert client.get(_url("booking-calendar", reference=reference)).status_code == 404


def test_a_head_granted_by_another_alliance_cannot_cancel_its_schools_bookings(
    client, stranger, steep_booking
):
    client = _as(client, stranger)
    url = _url("booking-cancel", pk=steep_booking.pk)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert client.post(_url("booking-swap", pk=steep_booking.pk)).status_code == 404
    with pytest.raises(PermissionDenied):
        booking_cancel(actor=stranger, booking=steep_booking)
    steep_booking.refresh_from_db()
    assert steep_booking.status == BookingStatus.CONFIRMED


def test_the_head_the_alliance_granted_reads_and_cancels_them(client, steep_head, steep_booking):
    client = _as(client, steep_head)
    assert "Tessa Chelwood" in client.get(_url("booking-list")).content.decode()
    assert client.get(_url("booking-cancel", pk=steep_booking.pk)).status_code == 200
    assert client.post(_url("booking-cancel", pk=steep_booking.pk)).status_code == 302
    steep_booking.refresh_from_db()
    assert steep_booking.status == BookingStatus.CANCELLED


def test_a_head_granted_elsewhere_books_open_courses_and_sees_and_cancels_their_own(
    client, chelwood, stranger, steep_booking, steep_session
):
    colleague = _person(chelwood, "Colin Chelwood", "colin@chelwood.example", signs_in=False)
    [mine] = booking_create(
        actor=stranger, organisation=chelwood, sessions=[steep_session], delegates=[colleague]
    )
    client = _as(client, stranger)
    page = client.get(_url("booking-list")).content.decode()
    assert "Colin Chelwood" in page and "Tessa Chelwood" not in page
    assert client.post(_url("booking-cancel", pk=mine.pk)).status_code == 302
    mine.refresh_from_db()
    assert mine.status == BookingStatus.CANCELLED


def test_staff_who_may_book_are_the_granting_alliances(
    client, demo, chelwood, steep_head, stranger, steep_booking
):
    # Chelwood's head in STEEP lets a member of staff book; their right stands in STEEP.
    office = _person(chelwood, "Olu Office", "olu@chelwood.example")
    booker = booker_allow(
        actor=steep_head, alliance=demo.steep, organisation=chelwood, person=office
    )
    assert "Tessa Chelwood" in _as(client, office).get(_url("booking-list")).content.decode()
    # The stranger neither sees nor removes them, on either alliance's pages.
    client = _as(client, stranger)
    for alliance in ("steep", "southwark"):
        assert "Olu Office" not in client.get(_url("booking-list", alliance)).content.decode()
        assert client.post(_url("booker-delete", alliance, pk=booker.pk)).status_code == 404
    with pytest.raises(PermissionDenied):
        booker_remove(actor=stranger, alliance=demo.southwark, booker=booker)
    with pytest.raises(PermissionDenied):
        booker_allow(actor=stranger, alliance=demo.steep, organisation=chelwood, person=office)
    assert Booker.objects.filter(pk=booker.pk).exists()


def test_someone_the_stranger_lets_book_sees_no_more_than_the_stranger(
    client, demo, chelwood, stranger, steep_booking
):
    accomplice = _person(chelwood, "Ann Accomplice", "ann@lyndhurst.example")
    booker_allow(actor=stranger, alliance=demo.southwark, organisation=chelwood, person=accomplice)
    assert rights_of(accomplice).books_for(chelwood.pk)
    client = _as(client, accomplice)
    assert "Tessa Chelwood" not in client.get(_url("booking-list")).content.decode()
    assert client.get(_url("booking-cancel", pk=steep_booking.pk)).status_code == 404


def test_the_programme_page_counts_only_the_bookings_they_see(
    client, steep_head, stranger, steep_booking, steep_session
):
    url = reverse(
        "programmes:programme-detail",
        kwargs={"alliance_slug": "steep", "pk": steep_session.programme_id},
    )
    assert "You have booked 1 staff" in _as(client, steep_head).get(url).content.decode()
    assert 'id="staff-booked"' not in _as(client, stranger).get(url).content.decode()


def test_a_head_granted_elsewhere_neither_sees_nor_endorses_staff_applications_to_its_cohorts(
    client, demo, chelwood, steep_head, stranger, make_cohort
):
    teacher = _person(chelwood, "Tessa Chelwood", "tessa@chelwood.example")
    programme = make_cohort(alliance=demo.steep, open_to_non_members=True)
    enrolment = cohorts.apply(actor=teacher, programme=programme, participant=teacher)
    client = _as(client, stranger)
    detail = _url("enrolment-detail", pk=enrolment.pk)
    assert client.get(detail).status_code == 404
    assert client.post(_url("enrolment-endorse", pk=enrolment.pk)).status_code == 404
    assert "Tessa Chelwood" not in client.get(_url("my-programmes")).content.decode()
    with pytest.raises(PermissionDenied):
        cohorts.endorse(actor=stranger, enrolment=enrolment)
    with pytest.raises(PermissionDenied):
        cohorts.apply(actor=stranger, programme=programme, participant=teacher)
    # Chelwood's head in STEEP follows and endorses it.
    client = _as(client, steep_head)
    assert "Tessa Chelwood" in client.get(_url("my-programmes")).content.decode()
    assert client.post(_url("enrolment-endorse", pk=enrolment.pk)).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.endorsed_by == steep_head
