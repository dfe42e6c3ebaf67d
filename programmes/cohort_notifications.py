"""Emails about cohort enrolments (issue 15), through the outbox: the head's endorsement link,
the lead's decision (with the whole series as one calendar file when accepted), offers from the
waiting list, withdrawals and deferrals."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from alliance.models import RoleAssignment
from alliance.outbox import Payload, renderer
from programmes.cohorts import endorse_token, scheduled_sessions
from programmes.models import Enrolment
from programmes.notifications import calendar_file_name, sessions_ics

SUBJECTS = {
    "endorse": "Please endorse {name}'s application: {title}",
    "accepted": "Place confirmed: {title}",
    "waiting": "On the waiting list: {title}",
    "declined": "Application not accepted: {title}",
    "offered": "A place is free for you: {title}",
    "withdrawn": "Withdrawn: {title}",
    "deferred": "Deferred to a later cohort: {title}",
}


def portal_url(path: str) -> str:
    return f"{settings.PORTAL_URL.rstrip('/')}{path}"


def _address(person) -> str:
    if person is None:
        return ""
    if person.email:
        return person.email
    return person.user.email if person.user_id else ""


def _heads(enrolment: Enrolment) -> list[str]:
    heads = RoleAssignment.objects.headships().filter(
        organisation_id=enrolment.organisation_id, alliance_id=enrolment.alliance_id
    )
    return [_address(r.person) for r in heads.select_related("person__user")]


def _recipients(kind: str, enrolment: Enrolment) -> list[str]:
    if kind == "endorse":
        addresses = _heads(enrolment)
    else:
        addresses = [_address(enrolment.participant), _address(enrolment.applied_by)]
    return sorted({a.lower() for a in addresses if a})


def enrolment_emails(kind: str, payload: Payload) -> list[EmailMessage]:
    enrolment = (
        Enrolment.objects.select_related(
            "programme__alliance", "participant__user", "organisation", "applied_by__user"
        )
        .filter(pk=payload["enrolment_id"])
        .first()
    )
    if enrolment is None:
        return []
    recipients = _recipients(kind, enrolment)
    if not recipients:
        return []
    programme = enrolment.programme
    slug = programme.alliance.slug
    context = {
        "enrolment": enrolment,
        "programme": programme,
        "sessions": scheduled_sessions(programme),
        "endorse_url": portal_url(
            reverse("programmes:enrolment-endorse-link", args=[slug, endorse_token(enrolment)])
        ),
        "enrolment_url": portal_url(
            reverse("programmes:enrolment-detail", args=[slug, enrolment.pk])
        ),
    }
    message = EmailMessage(
        subject=SUBJECTS[kind].format(title=programme.title, name=enrolment.participant.full_name),
        body=render_to_string(f"programmes/cohort/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    if kind in {"accepted", "deferred"} and context["sessions"]:
        message.attach(
            calendar_file_name(context["sessions"]),
            sessions_ics(context["sessions"]),
            "text/calendar",
        )
    return [message]


def _register(kind: str) -> None:
    renderer(f"enrolment.{kind}")(lambda payload: enrolment_emails(kind, payload))


for _kind in SUBJECTS:
    _register(_kind)
