import html

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from alliance.models import OutboxEmail
from tests.totp import totp_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", list(admin.site._registry), ids=lambda m: f"{m._meta.app_label}.{m._meta.model_name}"
)
def test_it_opens_every_admin_list_for_a_superuser(model, login):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = login("superuser").get(url)
    assert response.status_code == 200
    assert opts.verbose_name_plural.lower() in response.content.decode().lower()


ADMIN_INDEX = "/admin/"
PASSWORD = "alliance-demo"


@pytest.fixture
def superuser_with_totp(demo, settings):
    """The superuser has set up an authenticator app and the deployment demands it."""
    settings.MFA_REQUIRED_FOR_PRIVILEGED = True
    secret = generate_totp_secret()
    TOTP.activate(demo.user("superuser"), secret)
    return secret


def test_it_gives_no_admin_for_a_password_posted_to_the_admin_login(client, superuser_with_totp):
    client.post(
        "/admin/login/?next=/admin/",
        {"username": "superuser@demo.test", "login": "superuser@demo.test", "password": PASSWORD},
    )
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN_INDEX).status_code == 302


def test_it_sends_the_admin_login_through_the_portal_sign_in(client, superuser_with_totp):
    response = client.get(ADMIN_INDEX, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_it_asks_for_the_code_after_the_password_and_then_opens_the_admin(
    client, superuser_with_totp
):
    response = client.post(
        f"{reverse('account_login')}?next=/admin/",
        {"login": "superuser@demo.test", "password": PASSWORD},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(ADMIN_INDEX).status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(superuser_with_totp)})
    assert response["Location"] == ADMIN_INDEX
    assert "Site administration" in client.get(ADMIN_INDEX).content.decode()


def test_it_throttles_wrong_passwords_on_the_way_to_the_admin(client, superuser_with_totp):
    login_page = client.get(ADMIN_INDEX, follow=True).redirect_chain[-1][0]
    wrong = {"username": "superuser@demo.test", "login": "superuser@demo.test", "password": "x"}
    for _ in range(10):
        client.post(login_page, wrong)
    response = client.post(login_page, {**wrong, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_asks_a_password_only_session_for_the_code_before_the_admin(client, demo, settings):
    # Signed in with the password before the authenticator app was set up (on another device).
    settings.MFA_REQUIRED_FOR_PRIVILEGED = True
    client.post(reverse("account_login"), {"login": "superuser@demo.test", "password": PASSWORD})
    assert "_auth_user_id" in client.session
    secret = generate_totp_secret()
    TOTP.activate(demo.user("superuser"), secret)

    response = client.get("/admin/alliance/alliance/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_reauthenticate')}?next=/admin/alliance/alliance/"
    response = client.post(response["Location"], {"code": totp_code(secret)})
    assert response["Location"] == "/admin/alliance/alliance/"
    assert client.get("/admin/alliance/alliance/").status_code == 200


def test_it_refuses_the_admin_to_a_session_without_the_code(login, superuser_with_totp):
    response = login("superuser").get(ADMIN_INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_it_shows_the_site_administrator_an_email_given_up_and_why(login):
    OutboxEmail.objects.create(kind="invitation", payload={"invitation_id": 0, "base_url": "/"})
    given_up = OutboxEmail.objects.create(
        kind="minutes.published",
        payload={"minutes_id": 0, "base_url": "/", "email": "x@demo.test"},
        attempts=OutboxEmail.MAX_ATTEMPTS,
        error="SMTPRecipientsRefused: {'x@demo.test': (550, b'No such user')}",
        failed_at=timezone.now(),
    )
    client = login("superuser")
    changelist = reverse("admin:alliance_outboxemail_changelist")
    page = client.get(changelist, {"state": "given_up"}).content.decode()
    assert "minutes.published" in page and "invitation" not in page.split("<tbody>")[1]
    detail = client.get(reverse("admin:alliance_outboxemail_change", args=[given_up.pk]))
    assert "No such user" in html.unescape(detail.content.decode())
