"""A childminder belongs to no school: signed in, she books STEEP's courses for herself only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alliance.models import Partnership
from members.models import Person, User
from programmes.models import Booking, BookingStatus, Programme, Session
from programmes.services import NewDelegate, booking_cancel, booking_create

pytestmark = pytest.mark.django_db

NETWORK = "Childminders' network"


@pytest.fixture
def childminder(demo) -> Person:
    return demo.user("childminder").person


def _network() -> tuple[Programme, Session]:
    programme = Programme.objects.get(title=NETWORK)
    return programme, programme.sessions.order_by("starts_at").first()


def _book_url(programme: Programme) -> str:
    return reverse("programmes:booking-for-self", args=["steep", programme.pk])


def test_it_lets_a_childminder_book_a_steep_place_for_herself(login, childminder):
    programme, session = _network()
    client = login("childminder")
    detail = client.get(programme.get_absolute_url()).content.decode()
    assert _book_url(programme) in detail
    form = client.get(_book_url(programme), {"session": session.pk}).content.decode()
    assert "Booking a place for yourself, Abi Costa." in form
    assert "£15.00 a session" in form
    response = client.post(_book_url(programme), {"sessions": [session.pk], "token": "t-1"})
    assert response.status_code == 302
    booking = Booking.objects.get(session=session, delegate=childminder)
    assert booking.status == BookingStatus.CONFIRMED
    assert (booking.organisation, booking.booked_by) == (None, childminder)
    # Of no school: the non-member price, as the partnership says nothing otherwise.
    assert (booking.is_member, booking.price_due) == (False, Decimal("15.00"))


def test_it_charges_members_prices_where_the_partnership_says_so(login, childminder):
    Partnership.objects.filter(slug="lewisham").update(independents_pay_member_prices=True)
    programme, session = _network()
    login("childminder").post(_book_url(programme), {"sessions": [session.pk], "token": "t-2"})
    booking = Booking.objects.get(session=session, delegate=childminder)
    assert (booking.is_member, booking.price_due) == (True, Decimal("0.00"))


def test_it_books_nobody_else_from_a_tampered_form(login, childminder, demo):
    programme, session = _network()
    other = Person.objects.filter(organisation__name="Chelwood Nursery School").first()
    login("childminder").post(
        _book_url(programme),
        {
            "sessions": [session.pk],
            "delegates": [other.pk],
            "new_name": "Someone Else",
            "new_email": "else@example.test",
            "token": "t-3",
        },
    )
    assert [b.delegate for b in session.bookings.filter(booked_by=childminder)] == [childminder]


def test_it_refuses_a_childminder_booking_for_anyone_else(childminder, demo):
    _, session = _network()
    other = Person.objects.filter(organisation__name="Chelwood Nursery School").first()
    fellow = Person.objects.create(full_name="Bea Fellow", email="bea@example.test")
    for delegates, new in [
        ([other], []),
        ([fellow], []),
        ([childminder, fellow], []),
        ([], [NewDelegate(full_name="New One", email="new@example.test")]),
    ]:
        with pytest.raises(PermissionDenied):
            booking_create(
                actor=childminder,
                organisation=None,
                sessions=[session],
                delegates=delegates,
                new_delegates=new,
            )
    assert not session.bookings.filter(booked_by=childminder).exists()


def test_it_keeps_a_childminder_off_the_schools_booking_pages(login, demo):
    programme, _ = _network()
    client = login("childminder")
    assert (
        client.get(reverse("programmes:booking-create", args=["steep", programme.pk])).status_code
        == 403
    )
    # Her own bookings open (as "My bookings"); swapping is for a school's colleagues.
    assert client.get(reverse("programmes:booking-list", args=["steep"])).status_code == 200


def test_it_lets_no_one_else_cancel_a_childminders_place(childminder):
    _, session = _network()
    [booking] = booking_create(
        actor=childminder, organisation=None, sessions=[session], delegates=[childminder]
    )
    user = User.objects.create_user(email="bea@example.test", password="x-long-pass-1")
    fellow = Person.objects.create(full_name="Bea Fellow", email=user.email, user=user)
    with pytest.raises(PermissionDenied):
        booking_cancel(actor=fellow, booking=booking)
    assert booking_cancel(actor=childminder, booking=booking).status == BookingStatus.CANCELLED


def test_it_refuses_a_members_only_programme(login, make_programme, make_session, demo):
    programme = make_programme(
        alliance=demo.steep,
        title="Members only course",
        member_price=Decimal("10"),
        non_member_price=Decimal("10"),
        open_to_non_members=False,
    )
    session = make_session(programme)
    client = login("childminder")
    page = client.get(_book_url(programme)).content.decode()
    assert "for schools of South Thames Early Education Partnership only" in page
    refused = client.post(_book_url(programme), {"sessions": [session.pk], "token": "t-4"})
    assert refused.status_code == 200
    assert not session.bookings.exists()
    with pytest.raises(ValidationError):
        booking_create(
            actor=demo.user("childminder").person,
            organisation=None,
            sessions=[session],
            delegates=[demo.user("childminder").person],
        )


# --- Her bookings: the confirmation page, "My bookings", cancelling -----------------------------


def _book_myself(client, token: str = "mine-1"):
    programme, session = _network()
    return session, client.post(_book_url(programme), {"sessions": [session.pk], "token": token})


def _other_childminder(client) -> Person:
    user = User.objects.create_user(email="cara@example.test", password="x-long-pass-1")
    person = Person.objects.create(full_name="Cara Other", email=user.email, user=user)
    client.force_login(user)
    return person


def test_after_booking_a_childminder_sees_the_confirmation_page(login, childminder):
    client = login("childminder")
    session, response = _book_myself(client)
    booking = Booking.objects.get(session=session, delegate=childminder)
    reference = booking.group.reference
    assert reference
    assert response.url == reverse("programmes:booking-confirmation", args=["steep", reference])
    page = client.get(response.url).content.decode()
    assert reference in page
    assert "Booking confirmed" in page
    assert "1 place for yourself" in page or "for yourself" in page
    assert "Total to pay: <strong>£15.00</strong>" in page
    assert "What happens next" in page
    assert "My bookings" in page and "give it to a colleague" not in page
    calendar = client.get(reverse("programmes:booking-calendar", args=["steep", reference]))
    assert calendar.status_code == 200 and b"BEGIN:VEVENT" in calendar.content


def test_my_bookings_lists_hers_with_calendar_and_cancel_and_no_swap(login, childminder):
    client = login("childminder")
    session, _ = _book_myself(client)
    booking = Booking.objects.get(session=session, delegate=childminder)
    page = client.get(reverse("programmes:booking-list", args=["steep"])).content.decode()
    assert "<h1>My bookings</h1>" in page
    assert "Childminders&#x27; network" in page and booking.group.reference in page
    assert reverse("programmes:booking-cancel", args=["steep", booking.pk]) in page
    assert reverse("programmes:booking-calendar", args=["steep", booking.group.reference]) in page
    assert reverse("programmes:booking-swap", args=["steep", booking.pk]) not in page


def test_a_childminder_cancels_her_place_through_the_cancel_page(login, childminder):
    client = login("childminder")
    session, _ = _book_myself(client)
    booking = Booking.objects.get(session=session, delegate=childminder)
    url = reverse("programmes:booking-cancel", args=["steep", booking.pk])
    asked = client.get(url)
    assert asked.status_code == 200 and "My bookings" in asked.content.decode()
    done = client.post(url, follow=True)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert "Cancelled the place of Abi Costa" in done.content.decode()


def test_her_bookings_csv_downloads(login, childminder):
    client = login("childminder")
    _book_myself(client)
    response = client.get(reverse("programmes:booking-export", args=["steep"]))
    assert response.status_code == 200
    assert "my-bookings-" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Abi Costa" in body and NETWORK in body and "No school (books for self)" in body


def test_her_account_menu_leads_to_my_bookings(login, childminder):
    client = login("childminder")
    _book_myself(client)
    page = client.get(reverse("catalogue")).content.decode()
    assert f'href="{reverse("my-bookings")}">My bookings<' in page
    assert client.get(reverse("my-bookings")).url == reverse(
        "programmes:booking-list", args=["steep"]
    )
    head_page = login("head").get(reverse("catalogue")).content.decode()
    assert ">My bookings<" not in head_page


@pytest.mark.parametrize("who", ["other childminder", "head", "steep-director", "director"])
def test_nobody_else_sees_or_cancels_her_booking(login, client, childminder, who):
    session, _ = _book_myself(login("childminder"))
    booking = Booking.objects.get(session=session, delegate=childminder)
    reference = booking.group.reference
    if who == "other childminder":
        _other_childminder(client)
    else:
        login(who)
    for name, args in [
        ("booking-confirmation", [reference]),
        ("booking-calendar", [reference]),
        ("booking-cancel", [booking.pk]),
    ]:
        url = reverse(f"programmes:{name}", args=["steep", *args])
        assert client.get(url).status_code in (403, 404), (who, name)
        assert client.post(url).status_code in (403, 404, 405), (who, name)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    if who == "other childminder":
        listed = client.get(reverse("programmes:booking-list", args=["steep"])).content.decode()
        assert reference not in listed


def test_a_facilitator_of_no_school_is_named_without_a_dangling_comma(
    login, childminder, make_programme
):
    programme = make_programme(alliance=Programme.objects.get(title=NETWORK).alliance)
    programme.facilitators.set([childminder])
    page = login("anonymous").get(programme.get_absolute_url()).content.decode()
    assert "<li>Abi Costa</li>" in page
