"""The fee a school pays: its phase's band first, then a band for every phase; pounds and pence."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from alliance.models import AcademicYear
from members.models import Phase
from membership.models import FeeRow, Tier
from membership.services import quote


@pytest.fixture
def full_member(demo) -> Tier:
    return Tier.objects.get(
        offer__alliance=demo.southwark,
        offer__academic_year=AcademicYear.current(),
        name="Full member",
    )


@pytest.mark.parametrize(
    ("phase", "roll", "fee", "words"),
    [
        ("primary", 200, "600.00", "Full member {year}, primary, 0-200 on roll"),
        ("primary", 201, "900.00", "Full member {year}, primary, 201-400 on roll"),
        ("primary", 400, "900.00", "Full member {year}, primary, 201-400 on roll"),
        ("primary", 1500, "1200.00", "Full member {year}, primary, 401+ on roll"),
        ("nursery", 90, "350.00", "Full member {year}, nursery"),
        ("secondary", 801, "2000.00", "Full member {year}, secondary, 801+ on roll"),
    ],
)
def test_it_quotes_the_band_the_school_falls_in(full_member, phase, roll, fee, words):
    quoted = quote(tier=full_member, phase=Phase.objects.get(code=phase), number_on_roll=roll)
    assert quoted == (Decimal(fee), words.format(year=AcademicYear.current().label))


def test_a_band_for_its_phase_comes_before_one_for_every_phase(full_member):
    FeeRow.objects.create(tier=full_member, phase=None, roll_from=0, roll_to=None, fee="10")
    primary = Phase.objects.get(code="primary")
    assert quote(tier=full_member, phase=primary, number_on_roll=250)[0] == Decimal("900.00")
    post16 = Phase.objects.get(code="post-16")
    assert quote(tier=full_member, phase=post16, number_on_roll=250)[0] == Decimal("10.00")


def test_a_school_no_band_covers_is_told_to_choose_another_tier(full_member):
    post16 = Phase.objects.get(code="post-16")
    with pytest.raises(ValidationError, match="has no fee for a post-16 school with 250 on roll"):
        quote(tier=full_member, phase=post16, number_on_roll=250)


def test_a_fee_is_kept_to_the_penny(full_member):
    row = full_member.fees.get(phase__code="primary", roll_from=201)
    row.fee = Decimal("899.99")
    row.save()
    primary = Phase.objects.get(code="primary")
    assert quote(tier=full_member, phase=primary, number_on_roll=300)[0] == Decimal("899.99")
