"""Check your answers before booking, then a confirmation page: the check page never writes,
shows each delegate on each session with its price and the total, keeps every answer when
something is changed, and a stale or tampered confirm books nothing."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alliance.outbox import emails_send
from members.models import Organisation, Person
from programmes.models import Booking, BookingGroup, BookingStatus, Programme
from programmes.services import booking_create
from tests.programmes.conftest import book_url, confirm_answers

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(captured) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITES) and "django_session" not in q["sql"]
    ]


def _input(html: str, name: str, value: object) -> str:
    """The tag of a checkbox on the form, to see whether it is ticked."""
    [tag] = re.findall(rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*>', html)
    return tag


def _answers(session, people) -> dict:
    return {
        "sessions": [session.pk],
        "delegates": [p.pk for p in people],
        "join_waiting_list": "on",
    }


@pytest.fixture
def two_by_two(login, staff, make_programme, make_session):
    """The head's answers: two of the staff on both sessions of a £50 course."""
    programme = make_programme(member_price=Decimal("50"), non_member_price=Decimal("80"))
    sessions = [make_session(programme, days=10), make_session(programme, days=20)]
    people = staff(2)
    data = {
        "sessions": [s.pk for s in sessions],
        "delegates": [p.pk for p in people],
        "join_waiting_list": "on",
        "purchase_order": "PO-4471",
        "token": "two-by-two",
    }
    return programme, sessions, people, data


def test_it_shows_each_delegate_on_each_session_and_the_member_total_and_writes_nothing(
    login, two_by_two
):
    programme, sessions, _people, data = two_by_two
    client = login("head")
    with CaptureQueriesContext(connection) as captured:
        page = client.post(book_url(programme.pk, "check"), data)
    assert _writes(captured) == []
    assert not Booking.objects.filter(session__programme=programme).exists()
    html = page.content.decode()
    assert "Check your answers" in html
    assert "2 people on 2 sessions (4 places)" in html
    assert html.count("£50.00") >= 4 and "(member price)" in html
    assert "Total to pay: <strong>£200.00</strong>" in html
    assert "PO-4471" in html
    for session in sessions:
        deadline = timezone.localtime(session.booking_deadline)
        assert f"before <strong>{deadline:%-d %B %Y, %H:%M}</strong>" in html
    assert "After that it is a late cancellation: the place is still charged" in html


def test_it_charges_a_school_outside_the_alliance_the_non_member_price(
    demo, login, staff, make_programme, make_session
):
    programme = make_programme(
        alliance=demo.steep,
        member_price=Decimal("20"),
        non_member_price=Decimal("35"),
        open_to_non_members=True,
    )
    session = make_session(programme)
    url = reverse("programmes:booking-check", args=["steep", programme.pk])
    data = {"sessions": [session.pk], "delegates": [p.pk for p in staff(2)]}
    html = login("head").post(url, data).content.decode()
    assert "£35.00 (non-member price)" in html
    assert "Total to pay: <strong>£70.00</strong>" in html


def test_it_says_who_goes_onto_the_waiting_list_and_charges_only_the_places(
    login, staff, make_programme, make_session
):
    programme = make_programme(member_price=Decimal("50"))
    session = make_session(programme, capacity=1)
    people = staff(2)
    data = {
        "sessions": [session.pk],
        "delegates": [p.pk for p in people],
        "join_waiting_list": "on",
    }
    html = login("head").post(book_url(programme.pk, "check"), data).content.decode()
    assert "Waiting list" in html
    assert "1 place goes onto the waiting list" in html
    assert "Total to pay: <strong>£50.00</strong> for 1 confirmed place" in html


def _change_answers(check_page) -> tuple[str, dict[str, list[str]]]:
    """Where the check page's "Change" buttons post, and the hidden answers they post."""
    page = check_page.content.decode()
    form = page.split('id="change-answers"')[1].split("</form>")[0]
    [action] = re.findall(r'action="([^"]+)"', form)
    answers: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form):
        answers.setdefault(name, []).append(html.unescape(value))
    return html.unescape(action), answers


def test_change_takes_the_head_back_to_the_form_with_every_answer_kept(login, staff, make_session):
    session = make_session()
    [teacher] = staff(1)
    client = login("head")
    data = {
        "sessions": [session.pk],
        "delegates": [teacher.pk],
        "new_name": "Nora Quinn",
        "new_email": "nora@bellenden.test",
        "purchase_order": "PO-9",
        "token": "kept-token",
    }
    check = client.post(book_url(session.programme_id, "check"), data)
    action, answers = _change_answers(check)
    response = client.post(action, answers)
    assert response.status_code == 200
    form = response.content.decode()
    assert "checked" in _input(form, "sessions", session.pk)
    assert "checked" in _input(form, "delegates", teacher.pk)
    assert 'value="Nora Quinn"' in form and 'value="nora@bellenden.test"' in form
    assert 'value="PO-9"' in form and 'value="kept-token"' in form
    # Shown again to be changed, not refused: no error on any field.
    assert "is-invalid" not in form


def test_no_name_or_email_of_a_delegate_goes_into_a_url(login, staff, make_session):
    """Query strings end up in server logs and browser history: answers travel by POST."""
    session = make_session()
    [teacher] = staff(1)
    client = login("head")
    data = {
        "sessions": [session.pk],
        "delegates": [teacher.pk],
        "new_name": "Nora Quinn",
        "new_email": "nora@bellenden.test",
        "token": "url-token",
    }
    check = client.post(book_url(session.programme_id, "check"), data)
    action, answers = _change_answers(check)
    again = client.post(action, answers)
    for page in (check, again):
        urls = re.findall(r'(?:href|action|formaction)="([^"]*)"', page.content.decode())
        assert urls
        for url in (html.unescape(u) for u in urls):
            for personal in ("Nora", "Quinn", "nora", "bellenden.test", "delegates="):
                assert personal not in url, url


def test_only_confirm_books_and_the_confirmation_page_says_it_in_people_and_sessions(
    login, two_by_two, django_capture_on_commit_callbacks
):
    programme, _sessions, people, data = two_by_two
    client = login("head")
    check = client.post(book_url(programme.pk, "check"), data)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(book_url(programme.pk, "confirm"), confirm_answers(check), follow=True)
    group = BookingGroup.objects.get(token="two-by-two")
    assert group.purchase_order == "PO-4471"
    html = done.content.decode()
    assert group.reference in html
    assert "2 people on 2 sessions (4 places)" in html
    assert f"{people[0].full_name} (2 sessions)" in html
    assert "Total to pay: <strong>£200.00</strong>" in html
    assert "A reminder is emailed two days before each session." in html
    emails_send()
    assert mail.outbox and all(group.reference in m.body for m in mail.outbox)
    page = client.get(reverse("programmes:booking-list", args=["southwark"])).content.decode()
    assert group.reference in page
    csv = client.get(reverse("programmes:booking-export", args=["southwark"]))
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "Booking reference,Purchase order,Price due" in body.splitlines()[0]
    assert f"{group.reference},PO-4471,50.00" in body


def test_it_refuses_a_confirm_when_the_price_has_changed_since_the_check(login, two_by_two):
    programme, _sessions, _people, data = two_by_two
    client = login("head")
    check = client.post(book_url(programme.pk, "check"), data)
    Programme.objects.filter(pk=programme.pk).update(member_price=Decimal("60"))
    response = client.post(book_url(programme.pk, "confirm"), confirm_answers(check))
    html = response.content.decode()
    assert "The price has changed since you checked: it is now £60.00 a place" in html
    assert "Total to pay: <strong>£240.00</strong>" in html  # the page checked again
    assert not Booking.objects.filter(session__programme=programme).exists()
    assert not BookingGroup.objects.filter(token="two-by-two").exists()


def test_it_refuses_a_lower_price_typed_into_the_hidden_field(login, two_by_two):
    programme, _sessions, _people, data = two_by_two
    client = login("head")
    answers = confirm_answers(client.post(book_url(programme.pk, "check"), data))
    answers["price"] = ["0.00"]
    html = client.post(book_url(programme.pk, "confirm"), answers).content.decode()
    assert "The price has changed since you checked" in html
    assert not Booking.objects.filter(session__programme=programme).exists()


def test_it_refuses_a_confirm_when_the_session_filled_since_the_check(
    login, head, bellenden, staff, make_programme, make_session
):
    programme = make_programme()
    session = make_session(programme, capacity=2)
    client = login("head")
    data = {
        "sessions": [session.pk],
        "delegates": [p.pk for p in staff(2)],
        "join_waiting_list": "on",
    }
    check = client.post(book_url(programme.pk, "check"), data)
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=staff(1))
    html = client.post(book_url(programme.pk, "confirm"), confirm_answers(check)).content.decode()
    assert "Places have changed since you checked: 1 place would be confirmed now, not 2." in html
    assert "1 place goes onto the waiting list" in html
    assert session.bookings.count() == 1
    session.refresh_from_db()
    assert (session.places_taken, session.waiting_count) == (1, 0)


def test_it_refuses_a_delegate_changed_to_another_schools_person(login, two_by_two):
    programme, _sessions, _people, data = two_by_two
    client = login("head")
    answers = confirm_answers(client.post(book_url(programme.pk, "check"), data))
    other = Person.objects.create(
        full_name="Not Mine",
        organisation=Organisation.objects.get(name="Albion Street Primary School"),
    )
    answers["delegates"] = [str(other.pk)]
    response = client.post(book_url(programme.pk, "confirm"), answers)
    assert response.status_code == 403
    assert not Booking.objects.filter(session__programme=programme).exists()


def test_the_confirmation_shows_who_waits(login, staff, make_programme, make_session):
    programme = make_programme()
    session = make_session(programme, capacity=1)
    people = staff(2)
    client = login("head")
    data = {
        "sessions": [session.pk],
        "delegates": [p.pk for p in people],
        "join_waiting_list": "on",
    }
    check = client.post(book_url(programme.pk, "check"), data)
    html = client.post(
        book_url(programme.pk, "confirm"), confirm_answers(check), follow=True
    ).content.decode()
    assert f"On the waiting list:</strong> {people[1].full_name} (1 session)" in html
    assert session.bookings.filter(status=BookingStatus.WAITING).count() == 1


def test_another_school_cannot_see_a_booking_by_its_reference(login, two_by_two):
    programme, _sessions, _people, data = two_by_two
    client = login("head")
    check = client.post(book_url(programme.pk, "check"), data)
    client.post(book_url(programme.pk, "confirm"), confirm_answers(check))
    reference = BookingGroup.objects.get(token="two-by-two").reference
    for name in ("programmes:booking-confirmation", "programmes:booking-calendar"):
        url = reverse(name, args=["southwark", reference])
        assert login("chair").get(url).status_code == 404
        assert login("head").get(url).status_code == 200
