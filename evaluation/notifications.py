"""Evaluation emails, built when the outbox sends them (``alliance/outbox.py``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from alliance.env import env_str
from alliance.outbox import Payload, renderer
from evaluation.certificates import download_path, verify_path
from evaluation.models import Certificate


def portal_url(path: str) -> str:
    """An address on the portal for an email sent by a scheduled command, which has no request
    to take the host from: ``PORTAL_URL`` (e.g. ``https://portal.example.org``)."""
    base = getattr(settings, "PORTAL_URL", None) or env_str("PORTAL_URL", "http://127.0.0.1:8000")
    return f"{base.rstrip('/')}{path}"


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
