"""Several process_evaluation runs at the same moment issue (and email) each certificate once."""

from __future__ import annotations

import pytest

from alliance.models import OutboxEmail
from evaluation.certificates import certificates_issue
from evaluation.models import Certificate
from members.models import Organisation
from tests.evaluation.builders import past_session, place, teacher
from tests.programmes.conftest import make_programme  # noqa: F401
from tests.races import at_once

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = 6


def test_simultaneous_runs_issue_each_certificate_once(demo, make_programme):  # noqa: F811
    school = Organisation.objects.get(name="Bellenden Road Primary School")
    programme = make_programme(title="Race day")
    session = past_session(programme, days_ago=2)
    delegates = [teacher(school) for _ in range(5)]
    for person in delegates:
        place(session, person)
    race = at_once([certificates_issue] * RUNS)
    assert race.errors == [] and race.refused == []
    # Between them the runs issued every certificate there is, none twice. A run asked to try
    # again is not counted, but what it issued before it was stopped stays issued.
    total = Certificate.objects.count()
    assert (sum(race.done) == total) if race.busy == 0 else (sum(race.done) <= total)
    # A run that finished issued whatever was still due: all five.
    mine = Certificate.objects.filter(programme=programme).values_list("pk", flat=True)
    assert (len(mine) == 5) if race.done else (len(mine) <= 5)
    emails = OutboxEmail.objects.filter(kind="certificate.issued")
    assert sorted(
        e.payload["certificate_id"] for e in emails if e.payload["certificate_id"] in mine
    ) == sorted(mine)
