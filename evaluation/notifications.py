"""Evaluation emails, built when the outbox sends them (``alliance/outbox.py``): the link to the
feedback form after a session, its one reminder, the follow-up after a programme, and the
certificate."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alliance.outbox import Payload, renderer
from evaluation.certificates import download_path, verify_path
from evaluation.models import Certificate, FeedbackRequest
from evaluation.services import token_of


def portal_url(path: str) -> str:
    """An address on the portal for an email sent by a scheduled command or a register, which
    has no request to take the host from: ``PORTAL_URL``."""
    return f"{settings.PORTAL_URL.rstrip('/')}{path}"


def feedback_url(feedback_request: FeedbackRequest) -> str:
    path = reverse(
        "evaluation:feedback",
        kwargs={
            "alliance_slug": feedback_request.programme.alliance.slug,
            "token": token_of(feedback_request),
        },
    )
    return portal_url(path)


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


# --- Certificates (issue 13, part 2) ---


@renderer("certificate.issued")
def certificate_issued_email(payload: Payload) -> list[EmailMessage]:
    """A delegate's certificate is ready: a link to download it (signed in) and its public
    verification page."""
    certificate = (
        Certificate.objects.select_related("person", "alliance")
        .filter(pk=payload["certificate_id"])
        .exclude(person__email="")
        .first()
    )
    if certificate is None:
        return []
    context = {
        "certificate": certificate,
        "download_url": portal_url(download_path(certificate)),
        "verify_url": portal_url(verify_path(certificate)),
    }
    return [
        EmailMessage(
            subject=f"Your certificate: {certificate.programme_title}",
            body=render_to_string("evaluation/email/certificate_issued.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[certificate.person.email],
        )
    ]
