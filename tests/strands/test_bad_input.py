"""Nonsense years in the address of the director's desk are a 400, never a 500."""

from __future__ import annotations

import pytest

from alliance.models import AcademicYear, RoleAssignment
from tests.strands.helpers import current_lead, person, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "name"),
    [
        ("director", "board"),
        ("director", "capacity"),
        ("director", "funded-time-csv"),
        ("chair", "funded-time"),
        ("director", "board-history"),
        ("director", "cluster-list"),
    ],
)
@pytest.mark.parametrize("year", ["²", "١٢", "99999999999999999999", "1", "2101"])
def test_it_answers_a_year_that_is_no_year_with_a_400(login, persona, name, year):
    response = login(persona).get(url(name), {"year": year})
    assert response.status_code == 400


@pytest.mark.parametrize("name", ["lead-assign", "contribution-add"])
def test_it_ignores_a_nul_byte_in_the_strand_it_starts_with(login, name):
    assert login("director").get(url(name), {"strand": "cpd\x00"}).status_code == 200


def test_it_refuses_a_lead_dated_in_year_one_next_to_the_date(login):
    before = RoleAssignment.objects.count()
    response = login("director").post(
        url("lead-assign"),
        {
            "strand": current_lead("cpd").strand_id,
            "person": person("Fiona Gray").pk,
            "starts_on": "0001-09-01",
            "ends_on": "2101-08-31",
            "funded_days": "1",
            "funded_period": "week",
        },
    )
    errors = response.context["form"].errors
    assert errors["starts_on"] == errors["ends_on"] == ["Enter a date between 2000 and 2100."]
    assert RoleAssignment.objects.count() == before
    assert not AcademicYear.objects.filter(start_year__lt=2000).exists()


@pytest.mark.parametrize("name", ["board", "board-history", "funded-time", "capacity"])
def test_it_answers_a_stored_year_outside_the_years_served_with_a_400(login, name):
    """Year 0 came from a meeting typed in 0001; its 1 September does not exist."""
    AcademicYear.objects.create(start_year=0)
    assert login("director").get(url(name), {"year": "0"}).status_code == 400
