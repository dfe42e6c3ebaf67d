from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: the director or the administrator invites people."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
