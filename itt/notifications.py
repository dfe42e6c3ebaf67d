"""The trainee's sign-in invitation, built when the outbox sends it (``alliance/outbox.py``).

A trainee holds no role, so the members' invitation (which grants one) does not fit: their
sign-in is made when they start training and the email carries allauth's link to choose a
password, made at sending time so that it is fresh."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from alliance.outbox import Payload, renderer
from itt.models import Trainee


@renderer("itt_trainee_welcome")
def trainee_welcome_email(payload: Payload) -> list[EmailMessage]:
    trainee = Trainee.objects.select_related(
        "person__user", "partnership__alliance", "academic_year"
    ).get(pk=payload["trainee_id"])
    user = trainee.person.user
    base = payload["base_url"].rstrip("/")
    if payload.get("new") and not user.has_usable_password():
        path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    else:
        path = reverse("account_login")
    context = {"trainee": trainee, "link": f"{base}{path}", "new": payload.get("new")}
    message = EmailMessage(
        subject=f"Your training with {trainee.partnership.name} on Alliance Portal",
        body=render_to_string("itt/email/trainee_welcome.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    return [message]
