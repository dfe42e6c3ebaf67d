"""Issue 23: a new head of a school the portal already knew waits for the school's own head (in
any alliance) or the site administrator. Everyone else is told nothing; a confirmation happens
once, only while the invitation waits; accepting asks again."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

import tests.test_html_validity as html_validity
from alliance.models import AcademicYear, AuditEntry, AuditKind, OutboxEmail, Role, RoleAssignment
from members.confirming import may_confirm
from members.models import Invitation, Membership, Organisation, Person, User
from members.services import invitation_accept, invitation_create

STRANGER = "mallory@lyndhurst.example"


def _head(organisation, alliance, *, name: str, email: str) -> Person:
    user = User.objects.create_user(email=email, password="a-long-pass-phrase")
    person = Person.objects.create(
        full_name=name, email=email, organisation=organisation, user=user
    )
    year = AcademicYear.current()
    RoleAssignment.objects.create(
        alliance=alliance,
        academic_year=year,
        person=person,
        role=Role.HEADTEACHER,
        organisation=organisation,
        starts_on=year.starts_on,
    )
    return person


@pytest.fixture
def chelwood(demo) -> Organisation:
    chelwood = Organisation.objects.get(name="Chelwood Nursery School")
    # Southwark has admitted it (an application approved): its director invites a head.
    Membership.objects.create(
        alliance=demo.southwark,
        organisation=chelwood,
        academic_year=AcademicYear.current(),
        kind="member_school",
    )
    return chelwood


@pytest.fixture
def chelwood_head(demo, chelwood) -> Person:
    return _head(chelwood, demo.steep, name="Rita Okonjo", email="rita@chelwood.example")


@pytest.fixture
def held(demo, chelwood) -> Invitation:
    """The stranger's head invitation, as approving their application makes it."""
    return invitation_create(
        actor=demo.user("director"),
        alliance=demo.southwark,
        invitation=Invitation(
            email=STRANGER,
            full_name="Mallory Stranger",
            organisation=chelwood,
            role=Role.HEADTEACHER,
        ),
        base_url="http://portal.test/",
        existing_school=True,
    )


def _confirm(client, invitation):
    return client.post(reverse("headship-confirm", args=[invitation.pk]))


def _refuse(client, invitation):
    return client.post(reverse("headship-refuse", args=[invitation.pk]))


def _sent_invitations(invitation) -> int:
    return OutboxEmail.objects.filter(
        kind="invitation", payload__invitation_id=invitation.pk
    ).count()


def test_it_asks_the_schools_head_through_the_outbox(demo, chelwood_head, held):
    assert held.waits_for_head
    assert OutboxEmail.objects.filter(
        kind="invitation.confirm_head", payload__invitation_id=held.pk
    ).exists()
    assert _sent_invitations(held) == 0


def test_the_head_finds_it_from_their_home_and_confirms_it_once(client, demo, chelwood_head, held):
    client.force_login(chelwood_head.user)
    home = client.get(reverse("alliance:role-home", kwargs={"alliance_slug": "steep"}))
    assert "Mallory Stranger as head of Chelwood Nursery School" in home.content.decode()
    listing = client.get(reverse("headship-confirmations")).content.decode()
    assert reverse("headship-confirm", args=[held.pk]) in listing
    assert reverse("headship-refuse", args=[held.pk]) in listing
    # A double click confirms once, and sends one invitation.
    assert _confirm(client, held).status_code == 302
    assert _confirm(client, held).status_code == 302
    held.refresh_from_db()
    assert held.approved_by == chelwood_head.user
    assert _sent_invitations(held) == 1
    assert AuditEntry.objects.filter(kind=AuditKind.ROLE_GRANT_APPROVED).count() == 1


def test_refusing_asks_only_an_optional_reason(client, demo, chelwood_head, held):
    client.force_login(chelwood_head.user)
    assert _refuse(client, held).status_code == 302
    held.refresh_from_db()
    assert held.declined_by == chelwood_head.user and held.declined_reason == ""
    assert _sent_invitations(held) == 0


def test_the_site_administrator_finds_it_from_their_home_and_confirms_in_the_django_admin(
    login, demo, held
):
    client = login("superuser")
    home = client.get(reverse("home")).content.decode()
    assert "Mallory Stranger as head of Chelwood Nursery School" in home
    changelist = client.get(reverse("admin:members_invitation_changelist")).content.decode()
    assert "Waiting for the school&#x27;s head to confirm" in changelist
    client.post(
        reverse("admin:members_invitation_changelist"),
        {"action": "approve_grants", "_selected_action": [held.pk]},
    )
    held.refresh_from_db()
    assert held.approved_by == demo.user("superuser")
    assert _sent_invitations(held) == 1


@pytest.mark.parametrize("persona", ["head", "chair", "director", "steep-director", "teacher"])
def test_anyone_else_is_told_nothing(client, login, demo, chelwood_head, held, persona):
    # Another school's head, a chair and the director who invited: not found, nothing changes.
    client = login(persona)
    assert _confirm(client, held).status_code == 404
    assert _refuse(client, held).status_code == 404
    assert "Mallory Stranger" not in client.get(reverse("headship-confirmations")).content.decode()
    held.refresh_from_db()
    assert held.approved_at is None and held.declined_at is None


def test_a_chair_of_another_alliance_and_the_applicant_are_told_nothing(
    client, demo, chelwood_head, held
):
    steep_chair = Person.objects.get(full_name="Paul Ennis")  # STEEP's chair, head of Clyde
    steep_chair.user = User.objects.create_user(email="paul@clyde.example", password="x-y-z-1-2")
    steep_chair.save()
    applicant = User.objects.create_user(email=STRANGER, password="a-long-pass-phrase")
    for user in (steep_chair.user, applicant):
        client.force_login(user)
        assert _confirm(client, held).status_code == 404
        assert not may_confirm(user, held)
    held.refresh_from_db()
    assert held.approved_at is None


def test_a_chair_cannot_approve_it_as_a_privileged_grant(login, demo, chelwood_head, held):
    client = login("chair")
    url = reverse(
        "members:invitation-approve", kwargs={"alliance_slug": "southwark", "pk": held.pk}
    )
    assert client.post(url).status_code == 403
    grants = client.get(
        reverse("members:invitation-approval-list", kwargs={"alliance_slug": "southwark"})
    )
    assert "Mallory Stranger" not in grants.content.decode()
    held.refresh_from_db()
    assert held.approved_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client, demo, held):
    for response in (
        client.get(reverse("headship-confirmations")),
        _confirm(client, held),
        _refuse(client, held),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_an_expired_or_declined_invitation_cannot_be_confirmed(client, demo, chelwood_head, held):
    client.force_login(chelwood_head.user)
    Invitation.objects.filter(pk=held.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    _confirm(client, held)
    held.refresh_from_db()
    assert held.approved_at is None
    Invitation.objects.filter(pk=held.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=3)
    )
    _refuse(client, held)
    _confirm(client, held)
    held.refresh_from_db()
    assert held.declined_at is not None and held.approved_at is None
    assert _sent_invitations(held) == 0


def test_accepting_asks_again_whether_the_confirming_head_still_may(
    client, demo, chelwood_head, held
):
    client.force_login(chelwood_head.user)
    _confirm(client, held)
    # Rita's headship ends before the stranger accepts: the confirmation no longer stands.
    RoleAssignment.objects.filter(person=chelwood_head).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(Exception, match="no longer stands"):
        invitation_accept(token=held.token, password="a-long-pass-phrase")
    assert not RoleAssignment.objects.headships().filter(person__email=STRANGER).exists()


def test_it_serves_valid_html_to_the_head_and_the_site_administrator(
    tmp_path, login, monkeypatch, demo
):
    # Bellenden Road's head (head@) is asked: STEEP admitted it on a stranger's application.
    invitation_create(
        actor=demo.user("steep-director"),
        alliance=demo.steep,
        invitation=Invitation(
            email=STRANGER,
            full_name="Mallory Stranger",
            organisation=Organisation.objects.get(name="Bellenden Road Primary School"),
            role=Role.HEADTEACHER,
        ),
        base_url="http://portal.test/",
        existing_school=True,
    )
    for pages in ("_object_pages", "_impact_pages", "_cohort_pages"):
        monkeypatch.setattr(html_validity, pages, list)
    pages = [
        ("head", "/home/headship/"),
        ("head", "/southwark/home/"),
        ("superuser", "/home/"),
        ("superuser", "/home/headship/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    html_validity.test_it_serves_valid_html(tmp_path, login)
    page = login("head").get("/southwark/home/").content.decode()
    assert "Mallory Stranger as head of Bellenden Road Primary School (STEEP)" in page


def test_the_directors_form_cannot_do_what_approving_may_not(login, demo, chelwood, chelwood_head):
    # Chelwood is Southwark's member now; its head is STEEP's: the form's invitation waits too.
    response = login("director").post(
        reverse("members:invitation-create", kwargs={"alliance_slug": "southwark"}),
        {
            "full_name": "Mallory Stranger",
            "email": STRANGER,
            "job_title": "",
            "organisation": chelwood.pk,
            "role": Role.HEADTEACHER,
            "strand": "",
            "funded_days": "0",
            "funded_period": "week",
        },
        follow=True,
    )
    assert "sent once the head of Chelwood Nursery School confirms them" in (
        response.content.decode()
    )
    invitation = Invitation.objects.get(email=STRANGER)
    assert invitation.waits_for_head and _sent_invitations(invitation) == 0


def test_the_director_still_invites_the_head_of_a_school_only_their_alliance_knows(login, demo):
    bellenden = Organisation.objects.get(name="Bellenden Road Primary School")
    login("director").post(
        reverse("members:invitation-create", kwargs={"alliance_slug": "southwark"}),
        {
            "full_name": "New Head",
            "email": "new-head@bellenden.example",
            "job_title": "",
            "organisation": bellenden.pk,
            "role": Role.HEADTEACHER,
            "strand": "",
            "funded_days": "0",
            "funded_period": "week",
        },
    )
    invitation = Invitation.objects.get(email="new-head@bellenden.example")
    assert not invitation.needs_approval and _sent_invitations(invitation) == 1
