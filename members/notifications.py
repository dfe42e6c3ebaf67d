"""The invitation email, built when the outbox sends it (``alliance/outbox.py``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from alliance.outbox import Payload, renderer
from members.models import Invitation


@renderer("invitation")
def invitation_email(payload: Payload) -> list[EmailMessage]:
    """The link to accept an invitation (sent once it needs no one's approval)."""
    invitation = Invitation.objects.select_related("alliance").get(pk=payload["invitation_id"])
    path = reverse("invitation-accept", kwargs={"token": invitation.token})
    context = {"invitation": invitation, "link": f"{payload['base_url'].rstrip('/')}{path}"}
    message = EmailMessage(
        subject=f"You are invited to {invitation.alliance.name} on Alliance Portal",
        body=render_to_string("members/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    return [message]
