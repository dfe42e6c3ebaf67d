"""The booking email sender: each email on its own, so one that fails (a programme title with a
line break, a mail server that says no) is marked, tried again later, and blocks no other."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from alliance.models import OutboxEmail
from alliance.outbox import email_later, emails_send
from governance.models import Meeting, MeetingKind
from governance.services import invitations_send, meeting_call
from programmes.models import Programme
from programmes.services import booking_create
from tests.races import at_once

MINUTE = datetime.timedelta(minutes=1)


def _booked(head, bellenden, staff, make_session, title: str | None = None) -> OutboxEmail:
    """A confirmed booking on a new programme, and its confirmation waiting in the outbox."""
    session = make_session()
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=staff(1))
    if title is not None:
        # As an old form, the admin or a data import could have saved it: past every form.
        Programme.objects.filter(pk=session.programme_id).update(title=title)
    return OutboxEmail.objects.filter(sent_at__isnull=True).latest("pk")


def _due_now(email: OutboxEmail) -> None:
    """Let the back-off pass, as if the scheduler ran again later."""
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() - MINUTE)


@pytest.mark.django_db
def test_one_email_that_fails_does_not_stop_the_others(head, bellenden, staff, make_session):
    before = _booked(head, bellenden, staff, make_session)
    bad = _booked(head, bellenden, staff, make_session, title="Phonics\nfor Year 1")
    after = _booked(head, bellenden, staff, make_session)
    assert emails_send() == 2
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 2
    assert all(s.startswith("Booking confirmed: Test course") for s in subjects)
    for email in (before, after):
        email.refresh_from_db()
        assert email.sent_at is not None
    bad.refresh_from_db()
    assert bad.sent_at is None
    assert bad.attempts == 1
    assert bad.error.startswith("ValueError: Header values may not contain linefeed")
    assert timezone.now() < bad.next_attempt_at <= timezone.now() + MINUTE


@pytest.mark.django_db
def test_a_failed_email_is_tried_again_only_after_its_back_off(
    head, bellenden, staff, make_session
):
    bad = _booked(head, bellenden, staff, make_session, title="Phonics\u2028for Year 1")
    assert emails_send() == 0
    assert emails_send() == 0  # at once: still waiting for its back-off
    bad.refresh_from_db()
    assert bad.attempts == 1
    _due_now(bad)
    assert emails_send() == 0
    bad.refresh_from_db()
    assert bad.attempts == 2
    # Twice as long after the second failure.
    assert timezone.now() + MINUTE < bad.next_attempt_at <= timezone.now() + 2 * MINUTE
    Programme.objects.filter(title__startswith="Phonics").update(title="Phonics for Year 1")
    assert emails_send() == 0  # mended, but not due yet
    _due_now(bad)
    assert emails_send() == 1
    assert [m.subject for m in mail.outbox] == ["Booking confirmed: Phonics for Year 1"]
    bad.refresh_from_db()
    assert bad.sent_at is not None


def test_the_back_off_doubles_up_to_a_day():
    waits = [OutboxEmail.retry_after(n) for n in (1, 2, 3, 4, 11, 12, 20)]
    assert waits[:4] == [MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE]
    assert waits[4] == 1024 * MINUTE
    assert waits[5:] == [datetime.timedelta(days=1)] * 2


@pytest.mark.django_db
def test_it_gives_up_after_the_last_attempt_and_keeps_it_marked_failed(
    head, bellenden, staff, make_session
):
    bad = _booked(head, bellenden, staff, make_session, title="Phonics\r\nfor Year 1")
    OutboxEmail.objects.filter(pk=bad.pk).update(attempts=OutboxEmail.MAX_ATTEMPTS - 1)
    assert emails_send() == 0
    bad.refresh_from_db()
    assert bad.attempts == OutboxEmail.MAX_ATTEMPTS
    assert bad.failed_at is not None
    assert bad.next_attempt_at is None
    assert bad.error
    Programme.objects.filter(title__startswith="Phonics").update(title="Phonics for Year 1")
    assert emails_send() == 0
    assert not mail.outbox


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_each_email_once(demo, head, bellenden, staff, make_session):
    assert connection.vendor == "postgresql"
    emails = [_booked(head, bellenden, staff, make_session) for _ in range(12)]
    race = at_once([emails_send] * 4)
    assert race.errors == [] and race.refused == []
    # Each email sent once, counted by the sender that sent it. Senders skip the rows others
    # hold, so none should wait; one asked to try again would leave what it held unsent and
    # what it sent before uncounted.
    sent = len(mail.outbox)
    assert len({tuple(m.to) for m in mail.outbox}) == sent
    assert (sum(race.done) == sent == 12) if race.busy == 0 else (sum(race.done) <= sent <= 12)
    unsent = OutboxEmail.objects.filter(pk__in=[e.pk for e in emails], sent_at=None)
    assert unsent.count() == 12 - sent


@pytest.mark.django_db
def test_a_reminder_that_fails_does_not_stop_the_others(head, bellenden, staff, make_session):
    good, bad = make_session(days=1.5), make_session(days=1.5)
    for session in (good, bad):
        booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=staff(1))
    Programme.objects.filter(pk=bad.programme_id).update(title="Phonics\nfor Year 1")
    emails_send()
    mail.outbox.clear()
    call_command("process_cpd", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.subject for m in mail.outbox] == [f"Reminder, in two days: {good.programme.title}"]
    failed = OutboxEmail.objects.get(kind="booking.reminder", sent_at=None)
    assert failed.attempts == 1
    assert failed.payload["booking_ids"] == list(bad.bookings.values_list("pk", flat=True))
    OutboxEmail.objects.filter(pk=failed.pk).update(next_attempt_at=timezone.now())
    call_command("process_cpd", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1  # the good one is not sent again


@pytest.mark.django_db
def test_a_failing_meeting_email_does_not_hold_back_booking_emails(
    demo, head, bellenden, staff, make_session
):
    chair, starts = demo.user("chair"), timezone.now() + datetime.timedelta(days=10)
    meeting = meeting_call(
        actor=chair,
        meeting=Meeting(
            alliance=demo.southwark,
            kind=MeetingKind.BOARD,
            title="Board meeting",
            venue="Charles Dickens Primary School",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
        ),
    )
    assert invitations_send(actor=chair, meeting=meeting, base_url="http://testserver/") > 0
    # As the admin could have saved it: a title no email subject can carry.
    Meeting.objects.filter(pk=meeting.pk).update(title="Board\nmeeting")
    session = make_session()
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=staff(1))

    assert emails_send() == 1
    assert [m.subject for m in mail.outbox] == [f"Booking confirmed: {session.programme.title}"]
    failed = OutboxEmail.objects.filter(kind="meeting.invitation", sent_at=None)
    assert failed.exists()
    assert all(e.error.startswith("ValueError") for e in failed)


def test_an_outbox_email_of_a_kind_nobody_can_send_is_refused_before_it_is_kept(db):
    with pytest.raises(ValueError, match="No renderer"):
        email_later(kind="booking.confimred", payloads=[{"booking_ids": [1]}])
    assert not OutboxEmail.objects.filter(kind="booking.confimred").exists()
