"""The director's dashboard on the hand-made alliance, as on a day of its autumn term."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evaluation.impact import dashboard_for
from tests.evaluation.impact_data import at, build_alliance, report_year

pytestmark = pytest.mark.django_db


def test_it_sums_up_the_term_and_the_year_for_the_director(demo):
    built = build_alliance()
    figures = dashboard_for(alliance=built.alliance, today=at(report_year(), 11, 20).date())
    assert figures.term.label == f"Autumn term {report_year().start_year}"
    # Two sessions of ten places this term (the cancelled one is not counted), five taken.
    assert (figures.places_taken, figures.capacity, figures.fill_rate) == (5, 20, Decimal("25.0"))
    assert (figures.places_attended, figures.places_due) == (4, 5)
    assert figures.attendance_rate == Decimal("80.0")
    assert (figures.average_overall, figures.responses) == (Decimal("4.00"), 3)
    # Alpha and Beta booked; Delta, a member too, booked nothing (Gamma is not a member).
    assert (figures.member_schools, figures.schools_not_booking) == (3, 1)
    assert (figures.days_agreed, figures.days_delivered) == (Decimal("7"), Decimal("4"))
    # The request whose only deployment was withdrawn is open again.
    assert (figures.open_requests, figures.signposted_requests, figures.deployed_requests) == (
        1,
        0,
        2,
    )
    assert [month["month"].month for month in figures.by_month] == [10, 11]
