"""Who is asked for feedback, and how often: the register's delegates marked present, once."""

from __future__ import annotations

from functools import partial

import pytest
from django.core import mail
from django.db import connection

from alliance.models import OutboxEmail
from alliance.outbox import emails_send
from alliance.permissions import perms_for
from evaluation.models import FeedbackRequest
from programmes.models import Booking
from programmes.services import attendance_mark
from tests.races import at_once


def test_it_emails_a_link_to_each_delegate_marked_present_and_nobody_else(make_course, mark):
    course = make_course(delegates=3)
    present, absent, late = course.delegates
    session = course.sessions[0]
    mark(session, {present: "attended", absent: "absent", late: "late_cancellation"})
    emails_send()
    assert [m.to for m in mail.outbox] == [[present.email]]
    message = mail.outbox[0]
    assert course.programme.title in message.subject
    assert "/southwark/evaluation/feedback/" in message.body
    assert FeedbackRequest.objects.filter(session=session).count() == 1


def test_it_asks_once_however_often_the_register_is_saved(make_course, mark):
    course = make_course(delegates=2)
    session, (first, second) = course.sessions[0], course.delegates
    mark(session, {first: "attended"})
    mark(session, {first: "attended", second: "attended"})
    mark(session, {first: "absent"})
    mark(session, {first: "attended"})
    emails_send()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    assert FeedbackRequest.objects.filter(session=session).count() == 2


@pytest.mark.django_db(transaction=True)
def test_it_asks_once_when_two_people_save_the_register_at_the_same_moment(
    make_course, demo, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks")
    course = make_course(delegates=4)
    session = course.sessions[0]
    marks = {b.pk: "attended" for b in Booking.objects.filter(session=session)}
    director = perms_for(demo.user("director").person, demo.southwark)
    race = at_once([partial(attendance_mark, perms=director, session=session, marks=marks)] * 2)
    assert race.errors == [] and race.refused == []
    # Each delegate asked once, unless both savers were asked to try again (then nobody yet).
    asked = 4 if race.done else 0
    assert FeedbackRequest.objects.filter(session=session).count() == asked
    assert OutboxEmail.objects.filter(kind="evaluation.feedback").count() == asked
