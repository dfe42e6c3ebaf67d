"""The code an authenticator app shows now (RFC 6238), for tests that sign in with two factors."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def open_totp_set_up(client, password: str):
    """The authenticator set-up page, after confirming the password as allauth asks."""
    client.post(reverse("account_reauthenticate"), {"password": password})
    return client.get(reverse("mfa_activate_totp"), follow=True)
