"""SLE designation emails, built when the outbox sends them (``alliance/outbox.py``): the link
asking the applicant's head for their support, and the outcome with the director's feedback."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from alliance.models import RoleAssignment
from alliance.outbox import Payload, renderer
from sle.models import ApplicationStatus, SleApplication
from sle.services import SUPPORT_LINK_DAYS, support_token


def support_url(application: SleApplication) -> str:
    path = reverse(
        "sle:support",
        kwargs={
            "alliance_slug": application.round.alliance.slug,
            "token": support_token(application),
        },
    )
    return f"{settings.PORTAL_URL.rstrip('/')}{path}"


def _application(payload: Payload) -> SleApplication | None:
    return (
        SleApplication.objects.select_related(
            "round__alliance", "applicant", "school", "specialism", "phase"
        )
        .filter(pk=payload["application_id"])
        .first()
    )


@renderer("sle.support_requested")
def render_support_requested(payload: Payload) -> list[EmailMessage]:
    application = _application(payload)
    # Answered (or decided) since it was queued: nothing to ask.
    if application is None or application.status != ApplicationStatus.AWAITING_SUPPORT:
        return []
    heads = (
        RoleAssignment.objects.headships()
        .filter(alliance=application.round.alliance, organisation=application.school)
        .select_related("person")
    )
    emails = sorted({h.person.email for h in heads if h.person.email})
    if not emails:
        return []
    context = {
        "application": application,
        "url": support_url(application),
        "days": SUPPORT_LINK_DAYS,
    }
    body = render_to_string("sle/email/support_requested.txt", context)
    subject = f"Will you support {application.applicant.full_name}'s SLE application?"
    return [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, emails)]


@renderer("sle.outcome")
def render_outcome(payload: Payload) -> list[EmailMessage]:
    application = _application(payload)
    if application is None or not application.applicant.email:
        return []
    body = render_to_string("sle/email/outcome.txt", {"application": application})
    subject = f"Your SLE application: {application.get_status_display().lower()}"
    return [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [application.applicant.email])]
