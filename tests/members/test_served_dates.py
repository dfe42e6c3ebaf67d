"""Dates typed in the Django admin are held to the years the portal serves, too."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from members.models import Designation, Membership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "field"), [(Membership, "joined_on"), (Designation, "designated_on")]
)
@pytest.mark.parametrize("day", [datetime.date(1, 9, 1), datetime.date(2101, 9, 1)])
def test_it_refuses_a_date_outside_the_years_served(demo, model, field, day):
    row = model.objects.first()
    setattr(row, field, day)
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert refused.value.message_dict[field] == ["Enter a date between 2000 and 2100."]
