"""A reviewer's "Download my data" holds the peer reviews they were on, and an SLE's the audits
they carried out; not the schools' reports, nor anyone else's (issue 23)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from members.models import User
from peer_review.models import Audit, Reviewer

pytestmark = pytest.mark.django_db


def _download(client) -> dict:
    return client.get(reverse("personal-data-download")).json()


def test_it_gives_a_reviewer_the_reviews_they_were_on(login, demo):
    mine = Reviewer.objects.filter(person__user__email="reviewer@demo.test").select_related(
        "review__school"
    )
    data = _download(login("reviewer"))
    assert {r["school_reviewed"] for r in data["peer_reviews"]} == {
        r.review.school.name for r in mine
    }
    assert all(r["lead_reviewer"] for r in data["peer_reviews"])
    # Others' places on review visits are theirs.
    others = Reviewer.objects.exclude(review__in=[r.review for r in mine])
    assert not any(other.person.full_name in str(data) for other in others)
    assert _download(login("teacher"))["peer_reviews"] == []


def test_it_gives_an_sle_the_audits_they_carried_out_and_no_one_else(client, login, demo):
    audit = Audit.objects.select_related("school").get()
    auditor = audit.designations.get().person
    auditor.user = User.objects.create_user(email="auditor@example.test", password="x")
    auditor.save(update_fields=["user"])
    client.force_login(auditor.user)
    [mine] = _download(client)["audits"]
    assert (mine["school"], mine["area"]) == (audit.school.name, audit.specialism.name)
    assert mine["days"] == str(audit.days)
    assert _download(login("sle"))["audits"] == []
