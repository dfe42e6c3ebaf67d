import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.urls import reverse

from members.models import User

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-for-the-check-" + "y" * 10,
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_it_passes_the_deployment_checklist_in_production_mode():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_it_refuses_to_start_in_production_without_a_shared_cache():
    # Booking rights, alliances and programmes are cached; one worker's change must reach all.
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
    result = _run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr


def test_it_rejects_a_setting_that_makes_no_sense():
    result = _run(["manage.py", "check"], MFA_REQUIRED_FOR_PRIVILEGED="perhaps")
    assert result.returncode != 0
    assert "MFA_REQUIRED_FOR_PRIVILEGED must be true or false" in result.stderr


def test_it_shares_rate_limits_through_redis_when_configured():
    redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    code = (
        "import django; django.setup(); from django.core.cache import caches; "
        "c = caches['default']; c.set('rate-limit-probe', 7); "
        "print(type(c).__name__, c.get('rate-limit-probe'))"
    )
    result = _run(
        ["-c", code],
        DJANGO_SETTINGS_MODULE="alliance.settings",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert result.stdout.split() == ["RedisCache", "7"], result.stderr
    assert redis.Redis.from_url("redis://127.0.0.1:6379/15").keys("*rate-limit-probe")


def test_it_pools_database_connections_so_threads_cannot_exhaust_postgresql():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; print(d['CONN_MAX_AGE'], d['OPTIONS']['pool'])"
    )
    result = _run(
        ["-c", code],
        DJANGO_SETTINGS_MODULE="alliance.settings",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        DATABASE_POOL_MAX="6",
    )
    assert result.stdout.strip() == "0 {'min_size': 1, 'max_size': 6, 'timeout': 10}", result.stderr


def test_it_sends_a_content_security_policy_without_inline_script(client, demo):
    response = client.get(reverse("alliance:home", kwargs={"alliance_slug": "southwark"}))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode())
    assert " style=" not in response.content.decode()


def test_it_locks_out_repeated_wrong_passwords(client, demo):
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": "director@demo.test", "password": "wrong"})
    response = client.post(url, {"login": "director@demo.test", "password": "alliance-demo"})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_offers_no_sign_up(client):
    response = client.get(reverse("account_signup"))
    assert "Sign Up Closed" in response.content.decode()
    attempt = client.post(
        reverse("account_signup"),
        {
            "email": "stranger@demo.test",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
        },
    )
    assert "Sign Up Closed" in attempt.content.decode()
    assert not User.objects.filter(email="stranger@demo.test").exists()


@pytest.mark.parametrize(
    ("persona", "must_set_up"),
    [
        ("director", True),
        ("chair", True),
        ("administrator", True),
        ("superuser", True),
        ("head", False),
        ("cpd-lead", False),
    ],
)
def test_it_sends_privileged_roles_to_set_up_two_factor_when_required(
    persona, must_set_up, settings, login
):
    settings.MFA_REQUIRED_FOR_PRIVILEGED = True
    response = login(persona).get(reverse("home"))
    if must_set_up:
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    else:
        assert response["Location"] != reverse("mfa_activate_totp")


def test_it_lets_privileged_roles_work_without_two_factor_in_the_demo(login):
    response = login("director").get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == "/southwark/home/"


def test_it_offers_two_factor_set_up_to_everyone(login):
    response = login("head").get(reverse("mfa_index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Authenticator App" in page
    assert reverse("mfa_activate_totp") in page


@pytest.mark.parametrize("environment", ["production", "development"])
def test_it_hashes_passwords_with_a_strong_hasher_outside_the_tests(environment):
    # The test run alone uses a fast hasher (tests/settings.py); the portal itself must not.
    code = (
        "import django; django.setup(); from django.contrib.auth.hashers import get_hasher; "
        "print(get_hasher().algorithm)"
    )
    env = PRODUCTION_ENV if environment == "production" else {}
    result = _run(["-c", code], **{**env, "DJANGO_SETTINGS_MODULE": "alliance.settings"})
    assert result.stdout.split() == ["pbkdf2_sha256"], result.stderr


def test_the_demo_sign_ins_are_hashed_quickly_in_the_tests(demo):
    assert demo.user("head").password.startswith("md5$")
    assert demo.user("head").check_password("alliance-demo")
