"""Email backends for tests: real Django backends, configured through ``MAILERS``."""

from __future__ import annotations

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend

REFUSING = {"default": {"BACKEND": "tests.mail_backends.MailServerDown"}}


class MailServerDown(BaseEmailBackend):
    """A mail server that cannot be reached: every send raises, as SMTP would."""

    def send_messages(self, email_messages) -> int:
        raise SMTPServerDisconnected("Connection unexpectedly closed")
