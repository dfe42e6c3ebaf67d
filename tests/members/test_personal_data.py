"""A person's "Download my data" holds their sign-in and record, their SLE or NLE designations
and the invitations sent to their address (issue 23)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.feeds import calendar_feed_reset
from alliance.models import Role
from members.models import Invitation, Organisation, User

pytestmark = pytest.mark.django_db


def _download(login, persona: str) -> dict:
    return login(persona).get(reverse("personal-data-download")).json()


def test_it_says_when_their_calendar_address_was_made_but_never_the_address(login, demo):
    assert _download(login, "head")["profile"]["calendar_address_made_at"] is None
    token = calendar_feed_reset(user=demo.user("head"))
    data = _download(login, "head")
    assert data["profile"]["calendar_address_made_at"]
    assert token not in str(data)


def test_it_gives_an_sle_their_designation(login, demo):
    [designation] = _download(login, "sle")["designations"]
    assert designation["designation"] == "Specialist Leader of Education"
    assert designation["specialisms"]
    assert _download(login, "teacher")["designations"] == []


def test_it_gives_a_person_the_invitations_sent_to_their_address(login, demo):
    bellenden = Organisation.objects.get(name="Bellenden Road Primary School")
    for email, name in (("teacher@demo.test", "Kemi Adeyemi"), ("someone@else.test", "Sol Else")):
        Invitation.objects.create(
            alliance=demo.southwark,
            email=email,
            full_name=name,
            organisation=bellenden,
            role=Role.BOARD_MEMBER,
            invited_by=demo.user("director"),
        )
    data = _download(login, "teacher")
    [invitation] = data["invitations"]
    assert (invitation["full_name"], invitation["role"]) == (
        "Kemi Adeyemi",
        "Strategic board member",
    )
    assert "Sol Else" not in str(data) and "director@demo.test" not in str(data["invitations"])
    assert _download(login, "head")["invitations"] == []


def test_it_still_gives_a_sign_in_with_no_person_record_its_own(client, demo):
    user = User.objects.create_user(email="nobody@example.test", password="x")
    client.force_login(user)
    data = client.get(reverse("personal-data-download")).json()
    assert data["profile"]["sign_in"]["email"] == "nobody@example.test"
    assert data["itt_traineeships"] == [] and data["invitations"] == []
