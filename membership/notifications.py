"""The membership emails, built when the outbox sends them (``alliance/outbox.py``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from alliance.models import RoleAssignment
from alliance.outbox import Payload, renderer
from membership.models import Application, ApplicationState, Renewal


def _link(name: str, **kwargs: object) -> str:
    return f"{settings.PORTAL_URL.rstrip('/')}{reverse(name, kwargs=kwargs)}"


def _message(subject: str, template: str, context: dict, to: list[str]) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )


def _application(payload: Payload) -> Application:
    return Application.objects.select_related("alliance", "tier", "offer__academic_year").get(
        pk=payload["application_id"]
    )


@renderer("membership.acknowledged")
def acknowledged_email(payload: Payload) -> list[EmailMessage]:
    """To the head who applied: we have it, and what happens next."""
    application = _application(payload)
    return [
        _message(
            f"Your application to join {application.alliance.name}",
            "membership/email/acknowledged.txt",
            {"application": application},
            [application.head_email],
        )
    ]


@renderer("membership.decided")
def decided_email(payload: Payload) -> list[EmailMessage]:
    """The director's decision; an approval's sign-in link comes in the invitation email."""
    application = _application(payload)
    approved = application.state == ApplicationState.APPROVED
    words = "welcome to" if approved else "your application to join"
    return [
        _message(
            f"{application.school_name}: {words} {application.alliance.name}",
            "membership/email/decided.txt",
            {"application": application, "approved": approved},
            [application.head_email],
        )
    ]


@renderer("membership.renewal")
def renewal_email(payload: Payload) -> list[EmailMessage]:
    """The request to renew (or a reminder of it), to the school's heads."""
    renewal = Renewal.objects.select_related(
        "alliance", "organisation", "offer__academic_year"
    ).get(pk=payload["renewal_id"])
    heads = RoleAssignment.objects.headships().filter(
        alliance=renewal.alliance, organisation=renewal.organisation
    )
    addresses = sorted({a.person.email for a in heads.select_related("person") if a.person.email})
    if not addresses:
        return []  # no head to ask: the director's renewals page shows it
    reminder = payload.get("reminder", False)
    year = renewal.offer.academic_year
    subject = f"{renewal.organisation}: renew the membership for {year}"
    subject = f"Reminder: {subject}" if reminder else subject
    context = {
        "renewal": renewal,
        "reminder": reminder,
        "link": _link("membership:renewal", alliance_slug=renewal.alliance.slug, pk=renewal.pk),
    }
    return [_message(subject, "membership/email/renewal.txt", context, addresses)]
