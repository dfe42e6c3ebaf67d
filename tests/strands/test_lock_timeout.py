"""Appointing a strategic lead while someone else holds the strand: try again, never a 500."""

from __future__ import annotations

import pytest

from alliance.locks import BUSY
from alliance.models import RoleAssignment
from tests.strands.helpers import current_lead, day, person, url

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_asks_the_director_to_try_again_when_the_strand_is_busy(login, row_held):
    strand = current_lead("research").strand
    row_held(strand)
    response = login("director").post(
        url("lead-assign"),
        {
            "strand": strand.pk,
            "person": person("Clare Whitaker").pk,
            "starts_on": day(300),
            "funded_days": "1",
            "funded_period": "week",
        },
    )
    assert response.status_code == 200
    assert BUSY in response.content.decode()
    assert not RoleAssignment.objects.filter(person__full_name="Clare Whitaker", strand=strand)
