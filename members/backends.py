"""Sign-in backends that load the signed-in person with the user.

Nearly every signed-in request asks who the person is (permissions, booking rights, the account
menu); fetching the person in the same statement as the user saves a query on each of them."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend

from members.models import User


def _user_with_person(backend: ModelBackend, user_id: object) -> User | None:
    user = User.objects.select_related("person").filter(pk=user_id).first()
    return user if user is not None and backend.user_can_authenticate(user) else None


class PersonModelBackend(ModelBackend):
    def get_user(self, user_id: object) -> User | None:
        return _user_with_person(self, user_id)


class PersonAuthenticationBackend(AuthenticationBackend):
    """allauth's backend (sign-in by email), with the person loaded as above."""

    def get_user(self, user_id: object) -> User | None:
        return _user_with_person(self, user_id)
