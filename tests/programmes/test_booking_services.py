"""Capacity, the waiting list, offers, cancellation deadlines and prices."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from alliance.models import OutboxEmail
from alliance.outbox import emails_send
from members.models import Organisation, Person
from programmes.models import (
    Attendance,
    Booking,
    BookingStatus,
    ProgrammeStatus,
    Session,
    SessionStatus,
)
from programmes.services import (
    NewDelegate,
    booking_cancel,
    booking_create,
    offer_accept,
    offers_expire,
)
from tests.programmes.conftest import in_days

pytestmark = pytest.mark.django_db


def _book(head, bellenden, session, people, **kwargs):
    return booking_create(
        actor=head, organisation=bellenden, sessions=[session], delegates=people, **kwargs
    )


def test_it_confirms_places_until_full_then_puts_people_on_the_waiting_list(
    head, bellenden, staff, make_session
):
    session = make_session(capacity=2)
    bookings = _book(head, bellenden, session, staff(3))
    assert [b.status for b in bookings] == ["confirmed", "confirmed", "waiting"]
    session.refresh_from_db()
    assert (session.places_taken, session.places_left, session.waiting_count) == (2, 0, 1)
    session.programme.refresh_from_db()
    assert session.programme.next_places_left == 0


def test_it_refuses_a_full_session_when_the_waiting_list_is_declined_and_saves_nothing(
    head, bellenden, staff, make_session
):
    session = make_session(capacity=1)
    _book(head, bellenden, session, staff(1))
    with pytest.raises(ValidationError, match="is full"):
        booking_create(
            actor=head,
            organisation=bellenden,
            sessions=[session],
            new_delegates=[NewDelegate("Nora New", "nora@bellenden.test")],
            join_waiting_list=False,
        )
    assert not Person.objects.filter(email="nora@bellenden.test").exists()
    assert session.bookings.count() == 1


def test_it_adds_a_new_member_of_staff_by_name_and_email(head, bellenden, make_session):
    session = make_session()
    [booking] = booking_create(
        actor=head,
        organisation=bellenden,
        sessions=[session],
        new_delegates=[NewDelegate("Nora New", "Nora@Bellenden.test")],
    )
    assert booking.delegate.full_name == "Nora New"
    assert booking.delegate.organisation == bellenden
    assert booking.delegate.email == "nora@bellenden.test"


def test_it_never_gives_one_person_two_places_on_a_session(head, bellenden, staff, make_session):
    session = make_session()
    people = staff(1)
    _book(head, bellenden, session, people)
    with pytest.raises(ValidationError, match="already has a place"):
        _book(head, bellenden, session, people)
    assert session.bookings.count() == 1


def test_it_refuses_staff_of_another_school(head, bellenden, make_session):
    other = Person.objects.create(
        full_name="Someone Else",
        organisation=Organisation.objects.get(name="Albion Street Primary School"),
    )
    with pytest.raises(PermissionDenied):
        _book(head, bellenden, make_session(), [other])


def test_it_refuses_booking_for_a_school_the_actor_does_not_lead(
    demo, bellenden, staff, make_session
):
    director = demo.user("director").person
    with pytest.raises(PermissionDenied):
        _book(director, bellenden, make_session(), staff(1))


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ({"programme_status": ProgrammeStatus.DRAFT}, "not published"),
        ({"programme_status": ProgrammeStatus.CANCELLED}, "cancelled"),
        ({"status": SessionStatus.CANCELLED}, "cancelled"),
        ({"days": -1}, "already taken place"),
        ({"deadline_days": -0.5}, "Bookings for this session have closed"),
    ],
)
def test_it_refuses_sessions_that_are_not_open_with_a_clear_message(
    setup, message, head, bellenden, staff, make_programme, make_session
):
    programme = make_programme(status=setup.pop("programme_status", ProgrammeStatus.PUBLISHED))
    session = make_session(programme, **setup)
    with pytest.raises(ValidationError, match=message):
        _book(head, bellenden, session, staff(1))
    assert not session.bookings.exists()


def test_it_books_every_session_of_a_programme_at_once(
    head, bellenden, staff, make_programme, make_session
):
    programme = make_programme()
    sessions = [make_session(programme, days=d) for d in (10, 20, 30)]
    bookings = booking_create(
        actor=head, organisation=bellenden, sessions=sessions, delegates=staff(2)
    )
    assert len(bookings) == 6
    assert {b.session_id for b in bookings} == {s.pk for s in sessions}


def test_it_charges_members_the_member_price(head, bellenden, staff, make_programme, make_session):
    programme = make_programme(member_price=Decimal("25.00"), non_member_price=Decimal("60.00"))
    [booking] = _book(head, bellenden, make_session(programme), staff(1))
    booking.refresh_from_db()
    assert booking.is_member is True
    assert booking.price_due == Decimal("25.00")


def test_it_charges_non_members_the_non_member_price_where_the_programme_allows(
    demo, head, bellenden, staff, make_programme, make_session
):
    programme = make_programme(
        alliance=demo.steep,
        member_price=Decimal("10.00"),
        non_member_price=Decimal("45.50"),
        open_to_non_members=True,
    )
    [booking] = _book(head, bellenden, make_session(programme), staff(1))
    booking.refresh_from_db()
    assert booking.is_member is False
    assert booking.price_due == Decimal("45.50")


def test_it_refuses_non_members_when_the_programme_is_for_members_only(
    demo, head, bellenden, staff, make_programme, make_session
):
    programme = make_programme(alliance=demo.steep, open_to_non_members=False)
    with pytest.raises(ValidationError, match="schools of the alliance only"):
        _book(head, bellenden, make_session(programme), staff(1))


def test_it_emails_the_booker_and_the_delegate_with_a_calendar_file(
    head, bellenden, staff, make_session, django_capture_on_commit_callbacks
):
    session = make_session()
    [person] = staff(1)
    with django_capture_on_commit_callbacks(execute=True):
        _book(head, bellenden, session, [person])
    assert not mail.outbox
    emails_send()
    [message] = mail.outbox
    assert sorted(message.to) == sorted([person.email, "head@demo.test"])
    assert "Booking confirmed" in message.subject
    [(name, content, mimetype)] = message.attachments
    date = timezone.localtime(session.starts_at).date().isoformat()
    assert (name, mimetype) == (f"{slugify(session.programme.title)}-{date}.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content
    assert session.programme.title in content


def test_it_queues_emails_with_the_booking_and_sends_each_once(
    head, bellenden, staff, make_session
):
    session = make_session(capacity=1)
    first, second = staff(2)
    _book(head, bellenden, session, [first])
    with pytest.raises(ValidationError):
        booking_create(
            actor=head,
            organisation=bellenden,
            sessions=[session],
            delegates=[second],
            join_waiting_list=False,
        )
    # The refused booking rolled back, and its email with it: only the first is queued.
    assert OutboxEmail.objects.filter(sent_at__isnull=True).count() == 1
    assert not mail.outbox
    call_command("send_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.subject for m in mail.outbox] == [f"Booking confirmed: {session.programme.title}"]
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()


def test_it_cancels_before_the_deadline_without_counting_it_late(
    head, bellenden, staff, make_session
):
    session = make_session(deadline_days=5)
    [booking] = _book(head, bellenden, session, staff(1))
    booking = booking_cancel(actor=head, booking=booking)
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancelled_late is False
    session.refresh_from_db()
    assert session.places_taken == 0


def test_it_records_a_cancellation_after_the_deadline_as_late(head, bellenden, staff, make_session):
    session = make_session(capacity=5, days=10, deadline_days=5)
    [booking] = _book(head, bellenden, session, staff(1))
    Session.objects.filter(pk=session.pk).update(booking_deadline=in_days(-1))
    booking = booking_cancel(actor=head, booking=booking)
    assert booking.cancelled_late is True
    assert booking.attendance == Attendance.LATE_CANCELLATION


def test_it_offers_a_freed_place_to_the_first_on_the_waiting_list_for_48_hours(
    head, bellenden, staff, make_session, django_capture_on_commit_callbacks
):
    session = make_session(capacity=1, days=10)
    first, waiting_one, waiting_two = _book(head, bellenden, session, staff(3))
    emails_send()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(actor=head, booking=first)
    emails_send()
    waiting_one.refresh_from_db()
    waiting_two.refresh_from_db()
    assert waiting_one.status == BookingStatus.OFFERED
    assert waiting_two.status == BookingStatus.WAITING
    hold = waiting_one.offer_expires_at - in_days(0)
    assert datetime.timedelta(hours=47) < hold <= datetime.timedelta(hours=48)
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("A place is free for you") for s in subjects)
    session.refresh_from_db()
    assert (session.places_taken, session.waiting_count) == (1, 1)


def test_it_passes_an_expired_offer_to_the_next_person_and_is_safe_to_run_twice(
    head, bellenden, staff, make_session
):
    session = make_session(capacity=1, days=10)
    first, waiting_one, waiting_two = _book(head, bellenden, session, staff(3))
    booking_cancel(actor=head, booking=first)
    later = in_days(2.1)
    assert offers_expire(now=later) == 1
    assert offers_expire(now=later) == 0
    waiting_one.refresh_from_db()
    waiting_two.refresh_from_db()
    assert waiting_one.status == BookingStatus.EXPIRED
    assert waiting_two.status == BookingStatus.OFFERED
    session.refresh_from_db()
    assert (session.places_taken, session.waiting_count) == (1, 0)


def test_it_confirms_an_accepted_offer_but_not_an_expired_one(head, bellenden, staff, make_session):
    session = make_session(capacity=1, days=10)
    first, waiting_one, waiting_two = _book(head, bellenden, session, staff(3))
    booking_cancel(actor=head, booking=first)
    assert offer_accept(actor=head, booking=waiting_one).status == BookingStatus.CONFIRMED
    booking_cancel(actor=head, booking=waiting_one)
    Booking.objects.filter(pk=waiting_two.pk).update(offer_expires_at=in_days(-0.01))
    with pytest.raises(ValidationError, match="expired"):
        offer_accept(actor=head, booking=waiting_two)


def test_it_does_not_offer_places_after_bookings_close(head, bellenden, staff, make_session):
    session = make_session(capacity=1, days=10, deadline_days=5)
    first, waiting = _book(head, bellenden, session, staff(2))
    Session.objects.filter(pk=session.pk).update(booking_deadline=in_days(-1))
    booking_cancel(actor=head, booking=first)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.WAITING


def test_our_bookings_page_leaves_an_expired_offer_to_the_scheduler(
    login, head, bellenden, staff, make_session
):
    session = make_session(capacity=1, days=10)
    first, offered = _book(head, bellenden, session, staff(2))
    booking_cancel(actor=head, booking=first)
    Booking.objects.filter(pk=offered.pk).update(offer_expires_at=in_days(-0.1))
    signed_in = login("head")
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(reverse("programmes:booking-list", args=["southwark"]))
    assert response.status_code == 200
    assert not [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT", "DELETE"))]
    call_command("process_cpd", stdout=io.StringIO())
    offered.refresh_from_db()
    assert offered.status == BookingStatus.EXPIRED


def test_the_process_command_expires_offers_and_sends_reminders_once(
    head, bellenden, staff, make_session
):
    soon = make_session(days=1.5)
    [booking] = _book(head, bellenden, soon, staff(1))
    mail.outbox.clear()
    call_command("process_cpd", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("process_cpd", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reminders = [m for m in mail.outbox if m.subject.startswith("Reminder")]
    assert len(reminders) == 1
    booking.refresh_from_db()
    assert booking.reminder_sent_at is not None
