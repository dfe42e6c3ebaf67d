"""Every page of the portal, for every demo persona and for anonymous visitors.

Each app lists its pages in ``tests/<app>/permission_rows.py``. The last test fails when the
project has a URL pattern that no row covers, so a new page cannot go untested.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.template.backends.django import Template
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permission_table import LOGIN, PERSONAS, Page

# Every tests/<app>/permission_rows.py adds its pages (and permission_rows_<part>.py, where two
# people build one app: ITT's training half, issue 16).
ROW_MODULES = sorted(
    f"tests.{path.parent.name}.{path.stem}"
    for path in Path(__file__).parent.glob("*/permission_rows*.py")
)
ROWS: list[Page] = [row for module in ROW_MODULES for row in import_module(module).ROWS]

# Pages we do not own: the Django admin (superusers only, tested below) and django-allauth.
THIRD_PARTY_PREFIXES = ("admin/", "accounts/")


def _cases():
    for row in ROWS:
        kwargs = row.kwargs if isinstance(row.kwargs, dict) else ""
        method = "-post" if row.method == "post" else ""
        for persona in PERSONAS:
            yield pytest.param(row, persona, id=f"{row.url_name}{kwargs}{method}-{persona}")


@pytest.fixture
def as_persona(client, demo):
    """The test client with a session for a persona, as signing in leaves one, without what
    signing in also does (an audit entry, last_login, a fresh CSRF token): about half of each
    row's time went there, and the matrix asks only what each person is answered."""

    def _as(persona: str):
        if persona != "anonymous":
            user = demo.user(persona)
            session = import_module(settings.SESSION_ENGINE).SessionStore()
            session[SESSION_KEY] = user._meta.pk.value_to_string(user)
            session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.save()
            client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        return client

    return _as


def _rendered_for(row: Page) -> str:
    """The one persona a row's page is rendered for: the first let in, or else the first."""
    admitted = [p for p in PERSONAS if 200 in (row.get_status_for(p), row.status_for(p))]
    return (admitted or PERSONAS)[0]


@pytest.mark.parametrize(("row", "persona"), list(_cases()))
def test_it_answers_each_persona_as_the_matrix_says(
    row: Page, persona: str, demo, as_persona, monkeypatch
):
    # What a row asserts is the status, which the view decides before any template is
    # rendered: each page is rendered in full for one persona, and answered without its
    # templates for the others (pretix's permission tests do the same). A template that fails
    # for one role's panel is found by tests/test_links.py, which renders what each sees.
    if persona != _rendered_for(row):
        monkeypatch.setattr(Template, "render", lambda self, context=None, request=None: "")
    client = as_persona(persona)
    kwargs = row.kwargs(demo) if callable(row.kwargs) else row.kwargs
    url = reverse(row.url_name, kwargs=kwargs) + row.query
    expected = row.get_status_for(persona)
    _assert_answer(client, client.get(url), expected, f"GET {url} as {persona}", follow=True)
    if row.method == "post":
        # After the GET, which changed nothing: the write itself, with its real answer.
        expected = row.status_for(persona)
        _assert_answer(client, client.post(url), expected, f"POST {url} as {persona}")


def _assert_answer(client, response, expected: int | str, asked: str, follow=False) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, asked
        assert response["Location"].startswith(reverse("account_login")), asked
    elif follow and expected == 200 and response.status_code == 302:
        # Some pages send a person on (e.g. "home" to their alliance): following must succeed.
        assert client.get(response["Location"]).status_code == 200, asked
    else:
        assert response.status_code == expected, asked


def _refusal_cases():
    """For each page, anonymous visitors and the first signed-in persona it refuses."""
    for row in ROWS:
        refused = [p for p in PERSONAS if row.status_for(p) in (403, LOGIN)]
        signed_in = [p for p in refused if p != "anonymous"][:1]
        for persona in [p for p in refused if p == "anonymous"] + signed_in:
            kwargs = row.kwargs if isinstance(row.kwargs, dict) else ""
            yield pytest.param(row, persona, id=f"{row.url_name}{kwargs}-{persona}")


@pytest.mark.parametrize(("row", "persona"), list(_refusal_cases()))
def test_it_refuses_before_it_looks_at_the_method(row: Page, persona: str, demo, as_persona):
    """Permission comes first: a method the page does not take is refused just the same."""
    client = as_persona(persona)
    kwargs = row.kwargs(demo) if callable(row.kwargs) else row.kwargs
    url = reverse(row.url_name, kwargs=kwargs) + row.query
    _assert_answer(client, client.put(url), row.status_for(persona), f"PUT {url} as {persona}")


def _project_url_names(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(THIRD_PARTY_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _project_url_names(pattern, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_it_covers_every_url_pattern_of_the_project():
    covered = {row.url_name for row in ROWS}
    missing = sorted(set(_project_url_names()) - covered)
    assert not missing, f"pages missing from the permission matrix: {missing}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_keeps_the_django_admin_for_superusers(persona: str, login):
    response = login(persona).get(reverse("admin:index"))
    if persona == "superuser":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
