"""Writes of feedback: asking after a session and after a programme, answering, reminding, and a
programme's own questions.

Links carry a token that is an HMAC of what the request is for, under the site's secret key, and
the table keeps only its digest: the email (built when the outbox sends it, and again for the
reminder) can work the link out again, and a copy of the database opens no form.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from alliance.locks import lock_all, lock_one
from alliance.outbox import email_later
from alliance.permissions import AlliancePerms
from evaluation.models import (
    MAX_OWN_QUESTIONS,
    Answer,
    FeedbackRequest,
    FeedbackResponse,
    Question,
    QuestionKind,
    RequestKind,
    token_digest,
)
from programmes.models import Attendance, Booking, Programme, Session, SessionStatus
from programmes.selectors import completions

OPEN_FOR = datetime.timedelta(days=14)
REMIND_AFTER = datetime.timedelta(days=3)
FOLLOW_UP_AFTER = datetime.timedelta(weeks=6)
# A programme completed longer ago than this when the follow-up fell due is not asked about: the
# scheduler was down, or the programme ended before the portal asked follow-ups at all.
FOLLOW_UP_WINDOW = datetime.timedelta(days=28)


class FeedbackClosed(Exception):
    """The link is wrong, already answered or past its date: the form answers 404."""


def request_token(*, kind: str, booking_id: int, programme_id: int, person_id: int) -> str:
    """The token in a request's link, worked out from what the request is for (one of each is
    allowed: the unique constraints), so a reminder can carry the same link as the first email."""
    subject = f"{kind}:{booking_id}" if kind == RequestKind.SESSION else f"{kind}:{programme_id}"
    return salted_hmac(
        "evaluation.feedback", f"{subject}:{person_id}", algorithm="sha256"
    ).hexdigest()


def token_of(feedback_request: FeedbackRequest) -> str:
    return request_token(
        kind=feedback_request.kind,
        booking_id=feedback_request.booking_id,
        programme_id=feedback_request.programme_id,
        person_id=feedback_request.person_id,
    )


def feedback_request_new(
    kind: str, booking: Booking, programme_id: int, now: datetime.datetime
) -> FeedbackRequest:
    """A request (unsaved) for the delegate of ``booking``, open for 14 days from ``now``."""
    token = request_token(
        kind=kind,
        booking_id=booking.pk,
        programme_id=programme_id,
        person_id=booking.delegate_id,
    )
    return FeedbackRequest(
        kind=kind,
        booking=booking,
        programme_id=programme_id,
        session_id=booking.session_id if kind == RequestKind.SESSION else None,
        person_id=booking.delegate_id,
        token_digest=token_digest(token),
        created_at=now,
        expires_at=now + OPEN_FOR,
    )


def feedback_requests_create(
    *, session: Session, attended: list[Booking], now: datetime.datetime | None = None
) -> int:
    """Ask each delegate newly marked present for feedback on the session, once per place.

    Runs in the register's transaction. Two saves of the register at once each see the delegate
    as newly present; the bookings' row locks (the register's update holds them) make the second
    wait for the first, and then it finds the request made and asks nothing more."""
    now = now or timezone.now()
    ids = sorted(booking.pk for booking in attended)
    if not ids:
        return 0
    lock_all(Booking.objects.filter(pk__in=ids).order_by("pk"))
    asked = set(
        FeedbackRequest.objects.filter(kind=RequestKind.SESSION, booking_id__in=ids).values_list(
            "booking_id", flat=True
        )
    )
    made = FeedbackRequest.objects.bulk_create(
        feedback_request_new(RequestKind.SESSION, booking, session.programme_id, now)
        for booking in sorted(attended, key=lambda b: b.pk)
        if booking.pk not in asked
    )
    email_later(kind="evaluation.feedback", payloads=[{"request_id": r.pk} for r in made])
    return len(made)


def feedback_request_open(token: str, *, lock: bool = False) -> FeedbackRequest:
    """The open request of a link, or ``FeedbackClosed``."""
    requests = FeedbackRequest.objects.select_related(
        "programme__alliance", "session", "person"
    ).filter(token_digest=token_digest(token))
    try:
        found = lock_one(requests, of=("self",)) if lock else requests.get()
    except FeedbackRequest.DoesNotExist as exc:
        raise FeedbackClosed from exc
    if not found.is_open:
        raise FeedbackClosed
    return found


@dataclass(frozen=True)
class Answers:
    overall: int | None = None
    usefulness: int | None = None
    will_change: str = ""
    anything_else: str = ""
    pupils_changed: str = ""
    # The programme's own questions: question id → 1–5 or text.
    own: dict[int, int | str] | None = None


@transaction.atomic
def feedback_submit(*, token: str, answers: Answers) -> FeedbackResponse:
    """Record a delegate's answers, once: a second post of the same link (a double click, a
    second tab) waits for the first and then finds the link used."""
    feedback_request = feedback_request_open(token, lock=True)
    response = FeedbackResponse(
        request=feedback_request,
        overall=answers.overall,
        usefulness=answers.usefulness,
        will_change=answers.will_change,
        anything_else=answers.anything_else,
        pupils_changed=answers.pupils_changed,
    )
    response.full_clean()
    response.save()
    questions = {
        q.pk: q for q in Question.objects.filter(programme_id=feedback_request.programme_id)
    }
    own = []
    for question_id, value in (answers.own or {}).items():
        question = questions.get(question_id)
        if question is None or value in (None, ""):
            continue
        if question.kind == QuestionKind.SCALE:
            own.append(Answer(response=response, question=question, scale=value))
        else:
            own.append(Answer(response=response, question=question, text=value))
    for answer in own:
        answer.full_clean(exclude=["response"])
    Answer.objects.bulk_create(own)
    feedback_request.answered_at = timezone.now()
    feedback_request.save(update_fields=["answered_at"])
    return response


@transaction.atomic
def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """One reminder for a session's feedback three days on, if unanswered and still open. Each
    request is claimed in the same transaction as its email, so running this twice at once
    reminds nobody twice."""
    now = now or timezone.now()
    due = list(
        FeedbackRequest.objects.filter(
            kind=RequestKind.SESSION,
            answered_at__isnull=True,
            reminded_at__isnull=True,
            created_at__lte=now - REMIND_AFTER,
            expires_at__gt=now,
        )
        .order_by("pk")
        .select_for_update(skip_locked=True)
    )
    ids = [r.pk for r in due]
    FeedbackRequest.objects.filter(pk__in=ids).update(reminded_at=now)
    email_later(kind="evaluation.feedback_reminder", payloads=[{"request_id": pk} for pk in ids])
    return len(ids)


def follow_ups_create(*, now: datetime.datetime | None = None) -> int:
    """Ask each delegate who completed a programme six weeks ago what has changed for their
    pupils: once per programme and person. Completing is ``programmes.selectors.completions``
    (every session not cancelled attended, a one-day course its one session; or a cohort's
    enrolment marked completed)."""
    now = now or timezone.now()
    held = ~Q(sessions__status=SessionStatus.CANCELLED)
    due = (
        Programme.objects.annotate(ended_at=Max("sessions__ends_at", filter=held))
        .filter(
            ended_at__lte=now - FOLLOW_UP_AFTER,
            ended_at__gt=now - FOLLOW_UP_AFTER - FOLLOW_UP_WINDOW,
        )
        .values_list("pk", flat=True)
    )
    return sum(_follow_ups_for(programme_id, now) for programme_id in due)


@transaction.atomic
def _follow_ups_for(programme_id: int, now: datetime.datetime) -> int:
    # The programme's row lock keeps two runs of the scheduler from asking twice.
    lock_one(Programme.objects.all(), pk=programme_id)
    not_asked = completions(
        Programme.objects.filter(pk=programme_id),
        now=now,
        unless_in=FeedbackRequest.objects.filter(kind=RequestKind.FOLLOW_UP),
    )
    # Each completer's place on the last session they attended is the booking the follow-up
    # hangs on.
    last_places = {}
    for booking in (
        Booking.objects.filter(
            session__programme_id=programme_id,
            attendance=Attendance.ATTENDED,
            delegate_id__in=[person for _, person in not_asked],
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .order_by("delegate_id", "session__starts_at", "pk")
    ):
        last_places[booking.delegate_id] = booking
    made = FeedbackRequest.objects.bulk_create(
        feedback_request_new(RequestKind.FOLLOW_UP, booking, programme_id, now)
        for booking in last_places.values()
    )
    email_later(kind="evaluation.follow_up", payloads=[{"request_id": r.pk} for r in made])
    return len(made)


# --- the programme's own questions -----------------------------------------------------------


def _refuse_unless_manager(perms: AlliancePerms, programme: Programme) -> None:
    if perms.alliance is None or programme.alliance_id != perms.alliance.pk:
        raise PermissionDenied
    if not perms.may_manage_strand(programme.strand_id):
        raise PermissionDenied


@transaction.atomic
def question_add(*, perms: AlliancePerms, programme: Programme, kind: str, text: str) -> Question:
    """Add one of the programme's own questions: five at most, counted under the programme's
    row lock so that two managers adding at once cannot make six."""
    _refuse_unless_manager(perms, programme)
    lock_one(Programme.objects.all(), pk=programme.pk)
    count = Question.objects.filter(programme=programme).count()
    if count >= MAX_OWN_QUESTIONS:
        raise ValidationError(
            f"A programme has at most {MAX_OWN_QUESTIONS} questions of its own: "
            "remove one before adding another."
        )
    question = Question(programme=programme, kind=kind, text=text, position=count + 1)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_edit(*, perms: AlliancePerms, question: Question, kind: str, text: str) -> Question:
    _refuse_unless_manager(perms, question.programme)
    if kind != question.kind and question.answers.exists():
        # A scale's answers would be read as text, or the other way round.
        raise ValidationError(
            {"kind": "This question has answers already: keep its kind, or add a new question."}
        )
    question.kind, question.text = kind, text
    question.full_clean()
    question.save(update_fields=["kind", "text"])
    return question


@transaction.atomic
def question_remove(*, perms: AlliancePerms, question: Question) -> None:
    """Remove a question, and the answers given to it."""
    _refuse_unless_manager(perms, question.programme)
    question.delete()
