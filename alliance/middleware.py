"""Make people with wide powers set up two-factor sign-in before they do anything else."""

from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from alliance.models import Role, RoleAssignment
from alliance.permissions import person_of

PRIVILEGED_ROLES = (Role.DIRECTOR, Role.CHAIR, Role.ADMINISTRATOR)


def mfa_required_for(user) -> bool:
    if not settings.MFA_REQUIRED_FOR_PRIVILEGED or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    person = person_of(user)
    return person is not None and (
        RoleAssignment.objects.current().filter(person=person, role__in=PRIVILEGED_ROLES).exists()
    )


def passed_second_factor(request: HttpRequest) -> bool:
    """Whether this session gave an authenticator code, at sign-in or since (allauth records
    each way a session authenticated)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.MFA_REQUIRED_FOR_PRIVILEGED
            and request.user.is_authenticated
            and not request.path.startswith(("/accounts/", "/static/"))
            and mfa_required_for(request.user)
        ):
            if not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists():
                return redirect(reverse("mfa_activate_totp"))
            # A session that signed in with the password alone (before the app was set up, or
            # by a back door) may do its own work, but not the whole site's: code first.
            if request.path.startswith(reverse("admin:index")) and not passed_second_factor(
                request
            ):
                return redirect_to_login(request.get_full_path(), reverse("mfa_reauthenticate"))
        return self.get_response(request)
