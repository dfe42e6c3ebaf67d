"""The outbox: every email the portal sends (bookings, meetings, minutes, invitations).

A service puts an email in the outbox (``email_later``) in the same transaction as the change
it tells of, so nothing is sent for a change that rolls back, nothing is lost if the process dies
after the commit, and no request waits for (or fails with) the mail server. ``emails_send`` (the
``send_emails`` and ``process_cpd`` commands) sends them, each on its own.

An outbox row holds only what the email is about; each app registers a renderer for its kinds
(``@renderer("booking.confirmed")``, imported from its ``AppConfig.ready``) that builds the
messages when it is sent, so an email tells of the data as it is then and one mended after a
failed try goes out mended.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from alliance.models import OutboxEmail

logger = logging.getLogger(__name__)

Payload = dict[str, Any]
Renderer = Callable[[Payload], Iterable[EmailMessage]]

RENDERERS: dict[str, Renderer] = {}


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    """Register the function that builds the messages of one kind of outbox email."""

    def register(render: Renderer) -> Renderer:
        if kind in RENDERERS:
            raise ValueError(f"Two renderers for outbox emails of kind {kind!r}.")
        RENDERERS[kind] = render
        return render

    return register


def email_later(*, kind: str, payloads: Iterable[Payload]) -> None:
    """Put one email per payload in the outbox, in the caller's transaction."""
    if kind not in RENDERERS:
        raise ValueError(f"No renderer for outbox emails of kind {kind!r}.")
    OutboxEmail.objects.bulk_create(OutboxEmail(kind=kind, payload=payload) for payload in payloads)


def emails_send() -> int:
    """Send the emails waiting in the outbox, each on its own; returns how many messages went
    out.

    Each outbox row is claimed under a row lock (others skip it), so running this twice at the
    same time sends nothing twice. An email that fails (a bad title, a mail server that says
    no) is marked with its error and tried again later, and the others go on: one bad email
    never holds back the rest. One of several messages that fails half-way is tried again as a
    whole (a message may then go out twice; none is lost).
    """
    sent = 0
    while True:
        with transaction.atomic():
            now = timezone.now()
            email = (
                OutboxEmail.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True, failed_at__isnull=True)
                .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
                .order_by("pk")
                .first()
            )
            if email is None:
                return sent
            sent += _email_send(email, now)


def _email_send(email: OutboxEmail, now: datetime.datetime) -> int:
    """Send one outbox email, or record why it could not be; the caller holds its row lock."""
    try:
        # A savepoint: a failure while rendering leaves the row free to record it.
        with transaction.atomic():
            messages = list(RENDERERS[email.kind](email.payload))
            sent = mail.mailers.default.send_messages(messages) if messages else 0
    except Exception as error:  # whatever it is, it must not stop the other emails
        logger.exception("Outbox email %s failed (try %s)", email.pk, email.attempts + 1)
        email.attempts += 1
        email.error = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts >= OutboxEmail.MAX_ATTEMPTS:
            email.failed_at, email.next_attempt_at = now, None
        else:
            email.next_attempt_at = now + OutboxEmail.retry_after(email.attempts)
        email.save(update_fields=["attempts", "error", "next_attempt_at", "failed_at"])
        return 0
    email.sent_at = now
    email.save(update_fields=["sent_at"])
    return sent or 0
