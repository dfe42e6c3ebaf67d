"""Who may grant which role: below their own, never to themselves, privileged ones approved."""

import datetime
import html
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alliance.models import AcademicYear, Role, RoleAssignment
from alliance.outbox import emails_send
from members.models import Invitation, InvitationState, Organisation, User
from members.services import invitation_create
from tests.permission_table import PERSONAS

pytestmark = pytest.mark.django_db

PASSWORDS = {"password1": "a-long-secret-phrase", "password2": "a-long-secret-phrase"}


def _form(**overrides) -> dict:
    data = {
        "full_name": "Ada Lovelace",
        "email": "ada@demo.test",
        "job_title": "",
        "organisation": Organisation.objects.get(name="Crampton Primary School").pk,
        "role": Role.BOARD_MEMBER,
        "strand": "",
        "funded_days": "0",
        "funded_period": "week",
    }
    data.update(overrides)
    return data


def _url(name: str, **kwargs) -> str:
    return reverse(f"members:{name}", kwargs={"alliance_slug": "southwark", **kwargs})


def _accept_url(invitation: Invitation) -> str:
    return reverse("invitation-accept", kwargs={"token": invitation.token})


def _role_field_errors(page: str) -> str:
    """The error text crispy-forms renders next to the role field."""
    match = re.search(r'id="error_1_id_role"[^>]*>(.*?)</span>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


def _invite_administrator(login) -> Invitation:
    login("director").post(_url("invitation-create"), _form(role=Role.ADMINISTRATOR))
    return Invitation.objects.get(email="ada@demo.test")


def _page(response) -> str:
    return html.unescape(response.content.decode())


# Below their own role ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CHAIR, Role.DIRECTOR, Role.ADMINISTRATOR])
def test_it_refuses_an_administrator_granting_a_role_not_below_their_own(demo, login, role):
    response = login("administrator").post(_url("invitation-create"), _form(role=role))
    assert response.status_code == 200
    assert _role_field_errors(response.content.decode()) == (
        "You may invite people only to roles below your own."
    )
    assert not Invitation.objects.filter(email="ada@demo.test").exists()
    assert emails_send() == 0
    assert mail.outbox == []


def test_it_refuses_a_role_above_the_inviter_in_the_service_too(demo):
    invitation = Invitation(
        full_name="Ada Lovelace",
        email="ada@demo.test",
        organisation=Organisation.objects.get(name="Crampton Primary School"),
        role=Role.DIRECTOR,
    )
    with pytest.raises(ValidationError) as error:
        invitation_create(
            actor=demo.user("administrator"),
            alliance=demo.southwark,
            invitation=invitation,
            base_url="http://testserver/",
        )
    assert error.value.message_dict == {
        "role": ["You may invite people only to roles below your own."]
    }
    assert not Invitation.objects.filter(email="ada@demo.test").exists()


def _offered_roles(page: str) -> list[str]:
    select = re.search(r'<select name="role".*?</select>', page, re.S).group(0)
    return [value for value in re.findall(r'<option value="([^"]*)"', select) if value]


def test_it_offers_only_the_roles_below_the_inviter(demo, login):
    page = login("administrator").get(_url("invitation-create")).content.decode()
    assert _offered_roles(page) == [
        Role.STRATEGIC_LEAD,
        Role.BOARD_MEMBER,
        Role.FINANCE_HOLDER,
        Role.HEADTEACHER,
    ]
    page = login("director").get(_url("invitation-create")).content.decode()
    assert Role.ADMINISTRATOR in _offered_roles(page)
    assert Role.DIRECTOR not in _offered_roles(page)
    assert Role.CHAIR not in _offered_roles(page)


# Never themselves ----------------------------------------------------------------------------


def test_it_refuses_an_administrator_inviting_themself_as_chair(demo, login):
    client = login("administrator")
    response = client.post(
        _url("invitation-create"), _form(email="administrator@demo.test", role=Role.CHAIR)
    )
    assert "You may invite people only to roles below your own." in _page(response)
    assert not Invitation.objects.filter(email="administrator@demo.test").exists()
    assert emails_send() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("address", ["administrator@demo.test", "Administrator@Demo.TEST"])
def test_it_refuses_an_inviter_inviting_themself_to_any_role(demo, login, address):
    response = login("administrator").post(
        _url("invitation-create"), _form(email=address, role=Role.BOARD_MEMBER)
    )
    page = _page(response)
    assert "You cannot invite yourself; ask someone else to." in page
    assert not Invitation.objects.filter(email="administrator@demo.test").exists()
    assert emails_send() == 0
    assert mail.outbox == []


def test_it_refuses_an_invitation_to_another_address_of_the_inviter(demo, login):
    administrator = demo.user("administrator")
    administrator.emailaddress_set.create(email="sunita.home@demo.test")
    response = login("administrator").post(
        _url("invitation-create"), _form(email="sunita.home@demo.test")
    )
    assert "You cannot invite yourself; ask someone else to." in _page(response)
    assert not Invitation.objects.filter(email="sunita.home@demo.test").exists()


# A second person approves chair, director and administrator ----------------------------------


def test_it_holds_a_privileged_grant_until_a_chair_approves_it(demo, login, client):
    response = login("director").post(
        _url("invitation-create"), _form(role=Role.ADMINISTRATOR), follow=True
    )
    assert "it is sent once a chair approves it" in _page(response)
    invitation = Invitation.objects.get(email="ada@demo.test")
    assert invitation.state == InvitationState.AWAITING_APPROVAL
    assert emails_send() == 0
    assert mail.outbox == []

    client.logout()
    page = _page(client.post(_accept_url(invitation), PASSWORDS))
    assert "waiting for a chair of the alliance to approve it" in page
    assert not User.objects.filter(email="ada@demo.test").exists()

    chair = login("chair")
    assert "Ada Lovelace" in _page(chair.get(_url("invitation-approval-list")))
    response = chair.post(_url("invitation-approve", pk=invitation.pk), follow=True)
    assert "Approved: the invitation is sent to ada@demo.test." in _page(response)
    chair.post(_url("invitation-approve", pk=invitation.pk))  # a double click
    assert emails_send() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@demo.test"]
    invitation.refresh_from_db()
    assert invitation.approved_by == demo.user("chair")
    assert invitation.approved_at is not None
    assert "Ada Lovelace" not in _page(chair.get(_url("invitation-approval-list")))

    client.logout()
    client.post(_accept_url(invitation), PASSWORDS)
    assert RoleAssignment.objects.current().get(person__user__email="ada@demo.test").role == (
        Role.ADMINISTRATOR
    )


def test_it_tells_the_chair_the_last_day_to_decide_on_a_grant(demo, login):
    invitation = _invite_administrator(login)
    invitation.expires_at = datetime.datetime(2031, 3, 4, 12, tzinfo=datetime.UTC)
    invitation.save(update_fields=["expires_at"])
    page = _page(login("chair").get(_url("invitation-approval-list")))
    assert "Last day" in page
    assert "4 Mar 2031" in page


def test_it_links_the_chair_to_the_grants_awaiting_approval(demo, login):
    page = login("chair").get(reverse("alliance:role-home", kwargs={"alliance_slug": "southwark"}))
    assert _url("invitation-approval-list") in page.content.decode()


def test_it_does_not_let_the_inviter_approve_their_own_grant(demo, login):
    director = demo.user("director")
    RoleAssignment.objects.create(
        alliance=demo.southwark,
        academic_year=AcademicYear.current(),
        person=director.person,
        role=Role.CHAIR,
        starts_on=timezone.localdate(),
    )
    invitation = _invite_administrator(login)
    response = login("director").post(_url("invitation-approve", pk=invitation.pk), follow=True)
    assert "You sent this invitation, so another chair" in _page(response)
    invitation.refresh_from_db()
    assert invitation.approved_at is None
    assert invitation.state == InvitationState.AWAITING_APPROVAL
    assert emails_send() == 0
    assert mail.outbox == []


def test_it_lets_a_chair_decline_a_grant_which_is_then_never_sent(demo, login, client):
    invitation = _invite_administrator(login)
    chair = login("chair")
    response = chair.post(_url("invitation-decline", pk=invitation.pk), follow=True)
    assert "Declined: no invitation goes to ada@demo.test." in _page(response)
    response = chair.post(_url("invitation-approve", pk=invitation.pk), follow=True)
    assert "This invitation cannot be approved: declined by a chair." in _page(response)
    invitation.refresh_from_db()
    assert (invitation.state, invitation.declined_by) == (
        InvitationState.DECLINED,
        demo.user("chair"),
    )
    assert emails_send() == 0
    assert mail.outbox == []
    client.logout()
    assert "declined by a chair" in _page(client.post(_accept_url(invitation), PASSWORDS))
    assert not User.objects.filter(email="ada@demo.test").exists()


@pytest.mark.parametrize("action", ["invitation-approve", "invitation-decline"])
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "chair"])
def test_it_lets_nobody_but_a_chair_approve_or_decline_on_the_page(demo, login, persona, action):
    invitation = _invite_administrator(login)
    response = login(persona).post(_url(action, pk=invitation.pk))
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.AWAITING_APPROVAL
    assert (invitation.approved_by, invitation.declined_by) == (None, None)
    assert emails_send() == 0
    assert mail.outbox == []


def test_it_answers_404_for_a_grant_of_another_alliance(demo, login):
    invitation = Invitation.objects.create(
        alliance=demo.steep,
        email="steep.admin@demo.test",
        full_name="Steep Admin",
        organisation=demo.user("steep-director").person.organisation,
        role=Role.ADMINISTRATOR,
        needs_approval=True,
        invited_by=demo.user("steep-director"),
    )
    response = login("chair").post(_url("invitation-approve", pk=invitation.pk))
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.approved_at is None


def test_it_lets_the_site_administrator_approve_in_the_django_admin(demo, login):
    invitation = _invite_administrator(login)
    changelist = login("superuser").get(reverse("admin:members_invitation_changelist"))
    assert "Waiting for a chair to approve" in _page(changelist)
    assert "awaiting_approval" not in _page(changelist)
    login("superuser").post(
        reverse("admin:members_invitation_changelist"),
        {"action": "approve_grants", "_selected_action": [invitation.pk]},
    )
    invitation.refresh_from_db()
    assert invitation.approved_by == demo.user("superuser")
    assert emails_send() == 1
    assert [m.to for m in mail.outbox] == [["ada@demo.test"]]


def test_it_holds_a_privileged_invitation_made_in_the_django_admin(demo, login, client):
    login("superuser").post(
        reverse("admin:members_invitation_add"),
        {
            "alliance": demo.southwark.pk,
            "email": "ada@demo.test",
            "full_name": "Ada Lovelace",
            "organisation": Organisation.objects.get(name="Crampton Primary School").pk,
            "role": Role.CHAIR,
            "funded_days": "0",
            "funded_period": "week",
            "expires_at_0": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            "expires_at_1": "12:00:00",
        },
    )
    invitation = Invitation.objects.get(email="ada@demo.test")
    assert invitation.state == InvitationState.AWAITING_APPROVAL
    client.logout()
    assert "waiting for a chair" in _page(client.post(_accept_url(invitation), PASSWORDS))
    assert not User.objects.filter(email="ada@demo.test").exists()


# Acceptance checks again ---------------------------------------------------------------------


def test_it_refuses_an_invitation_whose_inviter_has_since_lost_the_role(demo, login, client):
    login("director").post(_url("invitation-create"), _form())
    invitation = Invitation.objects.get(email="ada@demo.test")
    RoleAssignment.objects.filter(
        person__user=demo.user("director"), alliance=demo.southwark
    ).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    client.logout()
    page = _page(client.post(_accept_url(invitation), PASSWORDS))
    assert "the person who sent it can no longer grant this role" in page
    assert not User.objects.filter(email="ada@demo.test").exists()


def test_it_refuses_a_privileged_invitation_never_approved(demo, client):
    # Made before the approval rule (or straight in the database): the role decides.
    invitation = Invitation.objects.create(
        alliance=demo.southwark,
        email="ada@demo.test",
        full_name="Ada Lovelace",
        organisation=Organisation.objects.get(name="Crampton Primary School"),
        role=Role.ADMINISTRATOR,
        invited_by=demo.user("director"),
    )
    page = _page(client.post(_accept_url(invitation), PASSWORDS))
    assert "waiting for a chair of the alliance to approve it" in page
    assert not RoleAssignment.objects.filter(person__user__email="ada@demo.test").exists()


def test_it_refuses_a_signed_in_person_taking_an_invitation_for_another_address(demo, login):
    login("director").post(_url("invitation-create"), _form())
    invitation = Invitation.objects.get(email="ada@demo.test")
    head = login("head")
    page = _page(head.post(_accept_url(invitation), PASSWORDS))
    assert "This invitation is for ada@demo.test, and you are signed in as head@demo.test." in page
    assert not User.objects.filter(email="ada@demo.test").exists()
    assert not RoleAssignment.objects.filter(
        person__user=demo.user("head"), role=Role.BOARD_MEMBER
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_it_lists_grants_awaiting_approval_in_a_bounded_number_of_queries(
    demo, login, django_assert_max_num_queries
):
    director = demo.user("director")
    organisation = Organisation.objects.get(name="Crampton Primary School")
    for number in range(5):
        Invitation.objects.create(
            alliance=demo.southwark,
            email=f"admin{number}@demo.test",
            full_name=f"Administrator {number}",
            organisation=organisation,
            role=Role.ADMINISTRATOR,
            needs_approval=True,
            invited_by=director,
        )
    client = login("chair")
    with django_assert_max_num_queries(8):
        page = _page(client.get(_url("invitation-approval-list")))
    assert page.count("Ruth Okonjo") == 5
    assert "Administrator 4" in page


def test_it_keeps_the_role_of_an_invitation_fixed_in_the_django_admin(demo, login):
    invitation = _invite_administrator(login)
    page = (
        login("superuser")
        .get(reverse("admin:members_invitation_change", args=[invitation.pk]))
        .content.decode()
    )
    assert 'name="role"' not in page
    assert "Administrator" in page
