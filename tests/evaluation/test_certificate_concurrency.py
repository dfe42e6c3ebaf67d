"""Several process_evaluation runs at the same moment issue (and email) each certificate once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from alliance.models import OutboxEmail
from evaluation.certificates import certificates_issue
from evaluation.models import Certificate
from members.models import Organisation
from tests.evaluation.builders import past_session, place, teacher
from tests.programmes.conftest import make_programme  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = 6


def test_simultaneous_runs_issue_each_certificate_once(demo, make_programme):  # noqa: F811
    school = Organisation.objects.get(name="Bellenden Road Primary School")
    programme = make_programme(title="Race day")
    session = past_session(programme, days_ago=2)
    delegates = [teacher(school) for _ in range(5)]
    for person in delegates:
        place(session, person)
    start = threading.Barrier(RUNS)
    issued, errors = [], []

    def run() -> None:
        try:
            start.wait()
            issued.append(certificates_issue())
        except Exception as error:  # any failure fails the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    # Between them the runs issued every certificate there is, none twice.
    assert sum(issued) == Certificate.objects.count()
    assert Certificate.objects.filter(programme=programme).count() == 5
    mine = Certificate.objects.filter(programme=programme).values_list("pk", flat=True)
    emails = OutboxEmail.objects.filter(kind="certificate.issued")
    assert sorted(
        e.payload["certificate_id"] for e in emails if e.payload["certificate_id"] in mine
    ) == sorted(mine)
