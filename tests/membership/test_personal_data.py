"""A head's "Download my data" holds the applications to join that name them as the school's
headteacher, found by the address the form gave (issue 23)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from membership.models import Application

pytestmark = pytest.mark.django_db


def _applications(client) -> list[dict]:
    return client.get(reverse("personal-data-download")).json()["membership_applications"]


def test_it_gives_the_head_named_by_an_application_what_it_says(client, login, join_data, join_url):
    join_data |= {"head_name": "Daniel Forde", "head_email": "Head@Demo.test"}
    client.post(join_url, join_data)
    assert Application.objects.filter(school_name="Goldsmith Road Primary School").exists()
    [mine] = _applications(login("head"))
    assert (mine["school"], mine["headteacher"]) == (
        "Goldsmith Road Primary School",
        "Daniel Forde",
    )
    assert mine["state"] == "Waiting for a decision"
    assert mine["strands"] and mine["fee"]
    # The demo's other applications name other heads.
    assert "Priya Raman" not in str(mine)


def test_it_gives_no_one_else_an_application_naming_someone_else(login, demo):
    assert Application.objects.exists()
    for persona in ("teacher", "director", "head"):
        assert _applications(login(persona)) == []
