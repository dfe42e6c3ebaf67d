"""A person's "Download my data" holds the deployments they went on as an SLE (with the visits
they made), the support they asked for on their school's behalf and the changes naming them as
a strand's lead; nobody else's (issue 23)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from strands.models import Deployment, DeploymentVisit, SupportRequest

pytestmark = pytest.mark.django_db


def _download(login, persona: str) -> dict:
    return login(persona).get(reverse("personal-data-download")).json()


def test_it_gives_an_sle_their_deployments_and_visits(login, demo):
    mine = Deployment.objects.filter(designation__person__user__email="sle@demo.test")
    data = _download(login, "sle")
    assert sorted(d["school"] for d in data["deployments"]) == sorted(
        mine.values_list("support_request__school__name", flat=True)
    )
    visits = DeploymentVisit.objects.filter(deployment__in=mine)
    assert sum(len(d["visits"]) for d in data["deployments"]) == visits.count()
    assert all(d["status_changes"] for d in data["deployments"])
    completed = mine.filter(status="completed").first()
    assert any(d["school_evaluation"] == completed.school_evaluation for d in data["deployments"])
    # Another SLE's deployments are theirs.
    other = Deployment.objects.exclude(designation__person__user__email="sle@demo.test")
    for deployment in other.exclude(outcome_note="").select_related("designation__person"):
        assert deployment.outcome_note not in str(data)
        assert deployment.designation.person.full_name not in str(data)
    assert _download(login, "teacher")["deployments"] == []


def test_it_reads_deployments_in_the_same_queries_however_many_visits(
    login, demo, django_assert_max_num_queries
):
    client = login("sle")
    url = reverse("personal-data-download")
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    deployment = Deployment.objects.filter(
        designation__person__user__email="sle@demo.test", status="in_progress"
    ).get()
    taken = set(deployment.visits.values_list("visited_on", flat=True))
    day, added = deployment.starts_on, 0
    while added < 3 and day <= deployment.ends_on:
        if day not in taken:
            DeploymentVisit.objects.create(deployment=deployment, visited_on=day, days=Decimal("1"))
            added += 1
        day += datetime.timedelta(days=1)
    assert added == 3
    with django_assert_max_num_queries(len(before)):
        assert client.get(url).status_code == 200


def test_it_gives_a_head_the_support_they_asked_for_and_not_the_directors(login, demo):
    heads = SupportRequest.objects.filter(requested_by__user__email="head@demo.test")
    data = _download(login, "head")
    assert sorted(r["description"] for r in data["support_requests_made"]) == sorted(
        heads.values_list("description", flat=True)
    )
    for request in SupportRequest.objects.exclude(requested_by__user__email="head@demo.test"):
        assert request.description not in str(data)


def test_it_gives_a_strand_lead_the_changes_naming_them(login, demo):
    [change] = _download(login, "cpd-lead")["strand_lead_changes"]
    assert change["description"].startswith("Aisha Mensah leads Continuing professional")
    assert _download(login, "head")["strand_lead_changes"] == []
