"""The scheduler's work: one reminder three days on, and the follow-up six weeks after a
delegate completes a programme, once."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alliance.outbox import emails_send
from evaluation.models import FeedbackRequest, FeedbackResponse, RequestKind
from evaluation.services import follow_ups_create, reminders_send, token_of
from programmes.models import Enrolment, EnrolmentStatus, Programme, ProgrammeFormat

DAY = datetime.timedelta(days=1)


def test_it_reminds_once_after_three_days_only_those_who_have_not_answered(make_course, mark):
    course = make_course(delegates=2)
    quiet, answered = course.delegates
    mark(course.sessions[0], {quiet: "attended", answered: "attended"})
    asked = {r.person_id: r for r in FeedbackRequest.objects.filter(session=course.sessions[0])}
    FeedbackResponse.objects.create(request=asked[answered.pk], overall=4, usefulness=4)
    asked[answered.pk].answered_at = timezone.now()
    asked[answered.pk].save()
    emails_send()
    mail.outbox.clear()
    now = timezone.now()
    assert reminders_send(now=now + 3 * DAY - datetime.timedelta(minutes=1)) == 0
    assert reminders_send(now=now + 3 * DAY + datetime.timedelta(minutes=1)) == 1
    assert reminders_send(now=now + 4 * DAY) == 0
    emails_send()
    assert [m.to for m in mail.outbox] == [[quiet.email]]
    assert "reminder" in mail.outbox[0].subject.lower()


def test_no_reminder_once_the_link_has_closed(make_course, mark):
    course = make_course(delegates=1)
    mark(course.sessions[0], {course.delegates[0]: "attended"})
    assert reminders_send(now=timezone.now() + 15 * DAY) == 0


def test_the_follow_up_goes_six_weeks_after_completing_to_those_who_completed(make_course, mark):
    course = make_course(sessions=2, delegates=3, ended_days_ago=0)
    completer, missed_one, absent = course.delegates
    first, last = course.sessions
    mark(first, {completer: "attended", missed_one: "attended", absent: "absent"})
    mark(last, {completer: "attended", missed_one: "absent", absent: "absent"})
    ended = last.ends_at
    assert follow_ups_create(now=ended + 42 * DAY - datetime.timedelta(minutes=1)) == 0
    assert follow_ups_create(now=ended + 42 * DAY + datetime.timedelta(minutes=1)) == 1
    assert follow_ups_create(now=ended + 43 * DAY) == 0
    follow_up = FeedbackRequest.objects.get(kind=RequestKind.FOLLOW_UP, programme=course.programme)
    assert follow_up.person == completer
    assert follow_up.booking.session == last
    mail.outbox.clear()
    emails_send()
    follow_ups = [m for m in mail.outbox if "what has changed" in m.subject]
    assert [m.to for m in follow_ups] == [[completer.email]]


def test_a_cohort_completer_who_missed_the_last_day_is_asked_too(make_course, mark):
    course = make_course(sessions=2, delegates=2, ended_days_ago=0)
    programme = course.programme
    Programme.objects.filter(pk=programme.pk).update(
        format=ProgrammeFormat.COHORT, cohort_places=5, sessions_may_miss=1
    )
    completed, still_on = course.delegates
    first, last = course.sessions
    for person, status in ((completed, EnrolmentStatus.COMPLETED), (still_on, "accepted")):
        Enrolment.objects.create(
            alliance_id=programme.alliance_id,
            programme=programme,
            participant=person,
            organisation=person.organisation,
            status=status,
        )
    mark(first, {completed: "attended", still_on: "attended"})
    mark(last, {completed: "absent", still_on: "absent"})
    assert follow_ups_create(now=last.ends_at + 43 * DAY) == 1
    follow_up = FeedbackRequest.objects.get(kind=RequestKind.FOLLOW_UP, programme=programme)
    assert (follow_up.person, follow_up.booking.session) == (completed, first)


def test_a_one_day_course_is_completed_by_its_session(make_course, mark):
    course = make_course(delegates=1, ended_days_ago=0)
    mark(course.sessions[0], {course.delegates[0]: "attended"})
    assert follow_ups_create(now=course.sessions[0].ends_at + 43 * DAY) == 1


def test_the_follow_up_form_asks_one_question(client, make_course, mark):
    course = make_course(delegates=1, ended_days_ago=50)
    mark(course.sessions[0], {course.delegates[0]: "attended"})
    follow_ups_create()
    follow_up = FeedbackRequest.objects.get(kind=RequestKind.FOLLOW_UP, programme=course.programme)
    url = reverse("evaluation:feedback", args=["southwark", token_of(follow_up)])
    page = client.get(url)
    assert "What has changed for your pupils since?" in page.text
    assert "Overall, how was the session?" not in page.text
    refused = client.post(url, {"pupils_changed": ""}).text
    assert "Enter what has changed for your pupils since?" in refused
    assert client.post(url, {"pupils_changed": "They write at length."}).status_code == 302
    assert follow_up.response.pupils_changed == "They write at length."


def test_the_command_runs_twice_harmlessly(make_course, mark):
    course = make_course(delegates=1, ended_days_ago=50)
    mark(course.sessions[0], {course.delegates[0]: "attended"})
    call_command("process_evaluation")
    call_command("process_evaluation")
    assert FeedbackRequest.objects.filter(programme=course.programme).count() == 2
