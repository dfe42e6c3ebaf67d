"""The feedback emails, built when the outbox sends them (``alliance/outbox.py``): the link to
the form after a session, its one reminder, and the follow-up after a programme."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alliance.outbox import Payload, renderer
from evaluation.models import FeedbackRequest
from evaluation.services import token_of


def feedback_url(feedback_request: FeedbackRequest) -> str:
    path = reverse(
        "evaluation:feedback",
        kwargs={
            "alliance_slug": feedback_request.programme.alliance.slug,
            "token": token_of(feedback_request),
        },
    )
    return f"{settings.PORTAL_URL.rstrip('/')}{path}"


def _email(payload: Payload, subject: str, template: str) -> list[EmailMessage]:
    feedback_request = (
        FeedbackRequest.objects.select_related("programme__alliance", "session", "person")
        .filter(pk=payload["request_id"])
        .first()
    )
    # Answered or closed since it was queued (a reminder late in the outbox), or no address.
    if feedback_request is None or not feedback_request.is_open:
        return []
    if not feedback_request.person.email:
        return []
    context = {
        "request": feedback_request,
        "url": feedback_url(feedback_request),
        "closes": timezone.localtime(feedback_request.expires_at),
    }
    body = render_to_string(template, context)
    title = feedback_request.programme.title
    return [
        EmailMessage(
            subject.format(title=title),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [feedback_request.person.email],
        )
    ]


@renderer("evaluation.feedback")
def feedback_email(payload: Payload) -> list[EmailMessage]:
    return _email(payload, "How was it? {title}", "evaluation/email/feedback.txt")


@renderer("evaluation.feedback_reminder")
def feedback_reminder_email(payload: Payload) -> list[EmailMessage]:
    return _email(payload, "A reminder: how was {title}?", "evaluation/email/feedback.txt")


@renderer("evaluation.follow_up")
def follow_up_email(payload: Payload) -> list[EmailMessage]:
    return _email(
        payload, "Six weeks on from {title}: what has changed?", "evaluation/email/follow_up.txt"
    )
