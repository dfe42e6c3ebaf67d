"""Make people with wide powers set up two-factor sign-in before they do anything else."""

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from alliance.models import Role, RoleAssignment

PRIVILEGED_ROLES = (Role.DIRECTOR, Role.CHAIR, Role.ADMINISTRATOR)


def mfa_required_for(user) -> bool:
    if not settings.MFA_REQUIRED_FOR_PRIVILEGED or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return (
        RoleAssignment.objects.current()
        .filter(person__user=user, role__in=PRIVILEGED_ROLES)
        .exists()
    )


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.MFA_REQUIRED_FOR_PRIVILEGED
            and request.user.is_authenticated
            and not request.path.startswith(("/accounts/", "/static/"))
            and mfa_required_for(request.user)
            and not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
