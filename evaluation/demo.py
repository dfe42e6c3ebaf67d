"""Demo: Southwark's past academic year (2025/26) of CPD, with registers, the feedback delegates
gave after each session and their answers six weeks after completing a programme.

Keyed on (alliance, title): running it again changes nothing. Dates are Wednesdays in term time.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from alliance.demo import DemoAlliance
from evaluation.models import (
    Answer,
    FeedbackRequest,
    FeedbackResponse,
    Question,
    QuestionKind,
    RequestKind,
)
from evaluation.services import FOLLOW_UP_AFTER, feedback_request_new
from members.models import Person
from programmes.models import (
    Attendance,
    Audience,
    Booking,
    BookingStatus,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Session,
)
from strands.models import StrandKind

# (strand, kind, title, summary, audiences, session dates, delegates, facilitator persona)
PAST_YEAR = [
    (
        StrandKind.CPD,
        ProgrammeKind.CPD,
        "Outdoor learning in the early years",
        "A day in the forest school at Crampton: planning continuous provision outdoors.",
        ["early-years"],
        ["2025-10-08"],
        14,
        None,
    ),
    (
        StrandKind.CPD,
        ProgrammeKind.CPD,
        "Marking and feedback that moves learning on",
        "Three twilights on the alliance's marking and feedback research, with gap tasks.",
        ["teachers"],
        ["2025-11-12", "2026-01-21", "2026-03-11"],
        12,
        "cpd-lead",
    ),
    (
        StrandKind.CPD,
        ProgrammeKind.CPD,
        "Teaching assistants: keep-up phonics sessions",
        "Running daily keep-up sessions so that no child falls behind in phonics.",
        ["teaching-assistants"],
        ["2026-02-04", "2026-04-22"],
        10,
        "sle",
    ),
    (
        StrandKind.LEADERSHIP,
        ProgrammeKind.NETWORK,
        "Middle leaders' network 2025/26",
        "Termly network for subject and phase leaders: leading change across a team.",
        ["middle-leaders"],
        ["2025-10-15", "2026-02-25", "2026-05-13"],
        9,
        None,
    ),
]

WILL_CHANGE = [
    "Use whole-class feedback sheets instead of writing comments in every book.",
    "Start each lesson with a five-minute retrieval quiz on last week's learning.",
    "Give the children time in the lesson to act on feedback, with a purple pen.",
    "Plan one outdoor session a week for maths, starting with measuring in the garden.",
    "Model the sentence stems before group talk, not after.",
    "Run keep-up phonics straight after the main lesson with the same sounds.",
    "Share the success criteria with the TAs before the lesson, not during it.",
    "Ask fewer questions and wait longer for answers.",
]
ANYTHING_ELSE = [
    "The gap task between sessions made me actually try it: please keep that.",
    "More time to talk to colleagues from other schools would be welcome.",
    "The venue was cold in the afternoon.",
    "Really practical — I used the planning template the next day.",
    "Could the slides be shared before the session?",
    "",
    "",
]
PUPILS_CHANGED = [
    "My Year 4s now correct their own work before they hand it in; their edits are better.",
    "The children in my keep-up group went from 12 to 31 sounds since January.",
    "Reception spend far longer on a task outdoors; the quieter children talk more there.",
    "Marking takes me half the time and the children respond to feedback in the lesson.",
    "The team's book looks are calmer: we look at what pupils did with the feedback.",
    "Pupils who were behind in phonics passed the screening check this summer.",
]
# Overall and usefulness answers, in turn: mostly 4s and 5s, as real CPD feedback is.
SCALES = [(5, 5), (4, 4), (5, 4), (4, 5), (3, 3), (5, 5), (4, 3), (2, 3), (5, 4), (4, 4)]


def _at(day: str, hour: int) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour, 0))
    )


def _delegates(demo: DemoAlliance, count: int, offset: int) -> list[Person]:
    """Staff of the alliance's schools other than Bellenden Road (whose head is a persona)."""
    staff = list(
        Person.objects.filter(
            organisation__memberships__alliance=demo.alliance,
            organisation__organisation_type="school",
            user__isnull=True,
        )
        .exclude(organisation__name="Bellenden Road Primary School")
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    if not staff:
        return []
    return [staff[(offset + n) % len(staff)] for n in range(min(count, len(staff)))]


def _request(kind: str, booking: Booking, programme: Programme, asked_at) -> FeedbackRequest:
    feedback_request = feedback_request_new(kind, booking, programme.pk, asked_at)
    if kind == RequestKind.SESSION:
        feedback_request.reminded_at = asked_at + datetime.timedelta(days=3)
    feedback_request.save()
    return feedback_request


def _programme(demo: DemoAlliance, row, index: int, head: dict) -> None:
    strand, kind, title, summary, audiences, days, count, facilitator = row
    programme, created = Programme.objects.get_or_create(
        alliance=demo.alliance,
        title=title,
        defaults={
            "strand": demo.strands[strand],
            "kind": kind,
            "summary": summary,
            "description": summary,
            "led_by": demo.organisations["Crampton Primary School"],
            "member_price": Decimal("60") * len(days),
            "non_member_price": Decimal("90") * len(days),
            "status": ProgrammeStatus.PUBLISHED,
        },
    )
    if not created:
        return
    programme.audiences.set(Audience.objects.filter(code__in=audiences))
    if facilitator:
        programme.facilitators.set([demo.people[facilitator]])
    own = None
    if len(days) > 2:
        own = Question.objects.create(
            programme=programme,
            kind=QuestionKind.SCALE,
            text="How confident are you to try this in your own classroom?",
            position=1,
        )
    delegates = _delegates(demo, count, index * 5)
    sessions = []
    for day in days:
        starts = _at(day, 9 if len(days) == 1 else 16)
        sessions.append(
            Session.objects.create(
                alliance=demo.alliance,
                programme=programme,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=6 if len(days) == 1 else 2),
                booking_deadline=starts - datetime.timedelta(days=2),
                venue="Crampton Primary School, training room",
                capacity=max(count + 2, 12),
                places_taken=len(delegates),
            )
        )
    seq = 0
    completed: list[Booking] = []
    for person_number, person in enumerate(delegates):
        last_place, every_session = None, True
        for number, session in enumerate(sessions):
            # Every seventh delegate missed the last session, so did not complete.
            absent = person_number % 7 == 6 and number == len(sessions) - 1
            booking = Booking.objects.create(
                session=session,
                delegate=person,
                organisation_id=person.organisation_id,
                booked_by=head.get(person.organisation_id),
                status=BookingStatus.CONFIRMED,
                attendance=Attendance.ABSENT if absent else Attendance.ATTENDED,
                created_at=session.starts_at - datetime.timedelta(days=30),
            )
            if absent:
                every_session = False
                continue
            last_place = booking
            feedback = _request(RequestKind.SESSION, booking, programme, session.ends_at)
            seq += 1
            # About three in four answer.
            if seq % 4 != 0:
                _answer(feedback, seq, own)
        if every_session:
            completed.append(last_place)
    for n, booking in enumerate(completed):
        asked_at = sessions[-1].ends_at + FOLLOW_UP_AFTER
        follow_up = _request(RequestKind.FOLLOW_UP, booking, programme, asked_at)
        if n % 3 != 2:
            follow_up.answered_at = asked_at + datetime.timedelta(days=2)
            follow_up.save(update_fields=["answered_at"])
            FeedbackResponse.objects.create(
                request=follow_up,
                pupils_changed=PUPILS_CHANGED[(n + index) % len(PUPILS_CHANGED)],
                submitted_at=follow_up.answered_at,
            )


def _answer(feedback: FeedbackRequest, seq: int, own: Question | None) -> None:
    overall, usefulness = SCALES[seq % len(SCALES)]
    answered_at = feedback.created_at + datetime.timedelta(days=1 + seq % 4)
    feedback.answered_at = answered_at
    feedback.save(update_fields=["answered_at"])
    response = FeedbackResponse.objects.create(
        request=feedback,
        overall=overall,
        usefulness=usefulness,
        will_change=WILL_CHANGE[seq % len(WILL_CHANGE)] if seq % 3 else "",
        anything_else=ANYTHING_ELSE[seq % len(ANYTHING_ELSE)],
        submitted_at=answered_at,
    )
    if own is not None:
        Answer.objects.create(response=response, question=own, scale=max(overall - 1, 1) + seq % 2)


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    heads = {
        a.organisation_id: a.person
        for a in southwark.alliance.role_assignments.filter(role="headteacher")
    }
    for index, row in enumerate(PAST_YEAR):
        _programme(southwark, row, index, heads)
