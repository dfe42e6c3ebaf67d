"""The invitation emails, built when the outbox sends them (``alliance/outbox.py``): the link to
accept, and the word to a school's head that a new head waits for their confirmation."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from alliance.outbox import Payload, renderer
from members.confirming import heads_of
from members.models import Invitation, InvitationState, User


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


@renderer("invitation.confirm_head")
def confirm_head_email(payload: Payload) -> list[EmailMessage]:
    """To the school's current heads (any alliance), or the site administrators where it has
    none: a new head waits for their confirmation. Nothing once it has been decided."""
    invitation = Invitation.objects.select_related("alliance", "organisation").get(
        pk=payload["invitation_id"]
    )
    if invitation.state != InvitationState.AWAITING_APPROVAL:
        return []
    heads = list(heads_of(invitation.organisation_id))
    addresses = {_address(a.person) for a in heads} - {""}
    if not addresses:
        addresses = set(
            User.objects.filter(is_superuser=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    path = reverse("headship-confirmations")
    context = {
        "invitation": invitation,
        "heads": heads,
        "link": f"{payload['base_url'].rstrip('/')}{path}",
    }
    return [
        EmailMessage(
            subject=f"Confirm the new head of {invitation.organisation.name}",
            body=render_to_string("members/email/confirm_head.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        )
        for address in sorted(a.lower() for a in addresses)
    ]


def _address(person) -> str:
    if person.email:
        return person.email
    return person.user.email if person.user_id else ""
