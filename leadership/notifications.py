"""The leadership pipeline's email, built when the outbox sends it: an invitation to apply for a
cohort, sent to someone in the talent pool."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from alliance.outbox import Payload, renderer
from leadership.models import Nomination
from programmes.models import Programme


@renderer("leadership.invitation")
def invitation_email(payload: Payload) -> list[EmailMessage]:
    nomination = (
        Nomination.objects.select_related("person", "alliance")
        .filter(pk=payload["nomination_id"])
        .exclude(person__email="")
        .first()
    )
    programme = Programme.objects.filter(pk=payload["programme_id"]).first()
    if nomination is None or programme is None:
        return []
    # An email has no request to take the host from: the portal's address from the settings.
    url = f"{settings.PORTAL_URL.rstrip('/')}{programme.get_absolute_url()}"
    context = {
        "nomination": nomination,
        "programme": programme,
        "url": url,
        "invited_by": payload.get("invited_by", ""),
    }
    body = render_to_string("leadership/email/invitation.txt", context)
    return [
        EmailMessage(
            f"An invitation to apply: {programme.title}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [nomination.person.email],
        )
    ]
