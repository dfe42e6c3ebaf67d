import datetime
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alliance.models import OutboxEmail, Role, RoleAssignment
from alliance.outbox import emails_send
from members.models import Invitation, Organisation, Person, User
from tests.mail_backends import REFUSING
from tests.totp import open_totp_set_up

pytestmark = pytest.mark.django_db


def _form(demo, **overrides) -> dict:
    data = {
        "full_name": "Priya Natarajan",
        "email": "Priya.N@Demo.test",
        "job_title": "Maths lead",
        "organisation": Organisation.objects.get(name="Crampton Primary School").pk,
        "role": Role.STRATEGIC_LEAD,
        "strand": demo.southwark.strands.get(kind="research").pk,
        "funded_days": "0.5",
        "funded_period": "week",
    }
    data.update(overrides)
    return data


def _invite_url(demo) -> str:
    return reverse("members:invitation-create", kwargs={"alliance_slug": demo.southwark.slug})


def _invitation(demo, email: str, **fields) -> Invitation:
    return Invitation.objects.create(
        alliance=fields.pop("alliance", demo.southwark),
        email=email,
        full_name=fields.pop("full_name", "Invited Person"),
        organisation=fields.pop(
            "organisation", Organisation.objects.get(name="Crampton Primary School")
        ),
        role=fields.pop("role", Role.BOARD_MEMBER),
        invited_by=fields.pop("invited_by", demo.user("director")),
        **fields,
    )


def _accept_url(invitation: Invitation) -> str:
    return reverse("invitation-accept", kwargs={"token": invitation.token})


def test_it_emails_a_single_use_link_to_the_invited_person(demo, login):
    response = login("director").post(_invite_url(demo), _form(demo), follow=True)
    assert "Invitation sent to priya.n@demo.test." in response.content.decode()
    invitation = Invitation.objects.get(email="priya.n@demo.test")
    assert emails_send() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["priya.n@demo.test"]
    assert f"/invitations/{invitation.token}/" in mail.outbox[0].body
    assert "Priya Natarajan" in response.content.decode()


def test_it_invites_with_the_mail_server_down_and_emails_the_link_once_it_is_back(
    demo, login, settings
):
    settings.MAILERS = REFUSING
    response = login("director").post(_invite_url(demo), _form(demo))
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="priya.n@demo.test")
    assert emails_send() == 0  # kept in the outbox, tried again after a pause
    OutboxEmail.objects.filter(kind="invitation").update(next_attempt_at=None)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert emails_send() == 1
    assert mail.outbox[0].to == ["priya.n@demo.test"]
    assert f"/invitations/{invitation.token}/" in mail.outbox[0].body


def test_it_shows_errors_next_to_fields_and_saves_nothing(demo, login):
    bad = _form(demo, email="not-an-email", full_name="", strand="")
    response = login("director").post(_invite_url(demo), bad)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in page
    assert "Enter full name" in page
    assert not Invitation.objects.filter(full_name="Priya Natarajan").exists()
    assert emails_send() == 0
    assert mail.outbox == []


def test_it_asks_for_the_strand_of_a_strategic_lead(demo, login):
    response = login("administrator").post(_invite_url(demo), _form(demo, strand=""))
    assert "Choose the strand this strategic lead leads." in response.content.decode()
    assert not Invitation.objects.exists()


def test_it_refuses_a_second_invitation_while_one_waits(demo, login):
    client = login("director")
    client.post(_invite_url(demo), _form(demo))
    response = client.post(_invite_url(demo), _form(demo))
    assert "This person already has an invitation waiting." in response.content.decode()
    assert Invitation.objects.filter(email="priya.n@demo.test").count() == 1


def test_it_turns_an_accepted_invitation_into_a_sign_in_and_a_role(demo, login, client):
    login("director").post(_invite_url(demo), _form(demo))
    invitation = Invitation.objects.get(email="priya.n@demo.test")
    client.logout()
    response = client.post(
        _accept_url(invitation),
        {"password1": "a-long-secret-phrase", "password2": "a-long-secret-phrase"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/southwark/home/"
    assert "Strategic lead for Research and development" in response.content.decode()
    user = User.objects.get(email="priya.n@demo.test")
    assert user.check_password("a-long-secret-phrase")
    person = Person.objects.get(user=user)
    role = RoleAssignment.objects.get(person=person)
    assert (role.role, role.strand.kind, role.funded_days_per_year) == (
        "strategic_lead",
        "research",
        19.5,
    )


def test_it_verifies_the_address_the_invitation_link_was_sent_to(demo, client):
    invitation = _invitation(
        demo,
        "new-admin@demo.test",
        role=Role.ADMINISTRATOR,
        needs_approval=True,
        approved_by=demo.user("chair"),
        approved_at=timezone.now(),
    )
    passwords = {"password1": "a-long-secret-phrase", "password2": "a-long-secret-phrase"}
    client.post(_accept_url(invitation), passwords)
    address = EmailAddress.objects.get(user__email="new-admin@demo.test")
    assert (address.email, address.verified, address.primary) == ("new-admin@demo.test", True, True)
    # allauth refuses two-factor set-up while any address waits for verification.
    client.get(reverse("account_email"))
    response = open_totp_set_up(client, "a-long-secret-phrase")
    assert "Authenticator secret" in response.content.decode()


def test_it_works_only_once(demo, client):
    invitation = _invitation(demo, "once@demo.test")
    passwords = {"password1": "a-long-secret-phrase", "password2": "a-long-secret-phrase"}
    client.post(_accept_url(invitation), passwords)
    client.logout()
    response = client.post(_accept_url(invitation), passwords)
    assert "This invitation link has expired or has already been used." in response.content.decode()
    assert RoleAssignment.objects.filter(person__user__email="once@demo.test").count() == 1


def test_it_refuses_an_expired_invitation(demo, client):
    invitation = _invitation(
        demo, "late@demo.test", expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    passwords = {"password1": "a-long-secret-phrase", "password2": "a-long-secret-phrase"}
    response = client.post(_accept_url(invitation), passwords)
    assert "expired or has already been used" in response.content.decode()
    assert not User.objects.filter(email="late@demo.test").exists()


def test_it_rejects_mismatched_and_weak_passwords_next_to_the_field(demo, client):
    invitation = _invitation(demo, "weak@demo.test")
    page = client.post(
        _accept_url(invitation), {"password1": "a-long-secret-phrase", "password2": "different"}
    ).content.decode()
    assert "The two passwords do not match." in page
    page = client.post(
        _accept_url(invitation), {"password1": "12345678", "password2": "12345678"}
    ).content.decode()
    assert "This password is entirely numeric." in page
    assert not User.objects.filter(email="weak@demo.test").exists()


def test_it_adds_a_role_in_a_second_alliance_to_an_existing_sign_in(demo, client):
    director = demo.user("director")
    invitation = Invitation.objects.create(
        alliance=demo.steep,
        email=director.email,
        full_name="Ruth Okonjo",
        organisation=director.person.organisation,
        role=Role.BOARD_MEMBER,
        invited_by=demo.user("steep-director"),
    )
    page = client.get(_accept_url(invitation)).content.decode()
    assert re.search(r"Sign in as director@demo.test</a> to accept", page)
    client.force_login(director)
    response = client.post(_accept_url(invitation), follow=True)
    assert response.redirect_chain[-1][0] == "/steep/home/"
    assert (
        RoleAssignment.objects.current().filter(alliance=demo.steep, person__user=director).exists()
    )
    assert Person.objects.filter(user=director).count() == 1


def test_it_writes_names_with_apostrophes_and_ampersands_plainly_in_the_email(demo, login):
    login("director").post(_invite_url(demo), _form(demo, full_name="O'Brien & Co"))
    emails_send()
    body = mail.outbox[0].body
    assert "Hello O'Brien & Co," in body
    assert "&#x27;" not in body
    assert "&amp;" not in body


def test_it_turns_autoescaping_off_in_every_plain_text_email_template():
    # Plain text is not HTML: escaping turns "O'Brien & Co" into "O&#x27;Brien &amp; Co".
    templates = sorted((Path(settings.BASE_DIR) / "templates").glob("**/email/*.txt"))
    assert templates
    for template in templates:
        text = template.read_text()
        assert text.startswith("{% autoescape off %}"), template
        assert text.rstrip().endswith("{% endautoescape %}"), template


def test_it_makes_staff_already_booked_on_a_course_the_one_who_signs_in(demo, client):
    school = Organisation.objects.get(name="Crampton Primary School")
    booked = Person.objects.create(
        full_name="Priya N", email="priya.n@demo.test", organisation=school
    )
    invitation = _invitation(demo, "Priya.N@Demo.test", organisation=school, job_title="Maths lead")
    response = client.post(
        _accept_url(invitation),
        {"password1": "a-long-secret-phrase", "password2": "a-long-secret-phrase"},
    )
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.user.email == "priya.n@demo.test"
    assert booked.job_title == "Maths lead"
    assert (
        Person.objects.filter(organisation=school, email__iexact="priya.n@demo.test").count() == 1
    )
