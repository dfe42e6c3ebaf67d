"""Every figure of the impact report on the hand-made alliance of ``impact_data``."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evaluation.impact import impact_figures_for
from tests.evaluation.impact_data import build_alliance, report_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(demo):
    built = build_alliance()
    return impact_figures_for(alliance=built.alliance, year=report_year())


def _table(breakdowns) -> dict[str, tuple[int, int]]:
    return {row.label: (row.booked, row.attended) for row in breakdowns}


def test_it_counts_the_cpd_delivered(figures):
    cpd = figures.year.cpd
    assert (cpd.programmes, cpd.sessions) == (2, 4)  # the cancelled session is not counted
    assert (cpd.places_booked, cpd.places_attended) == (9, 7)  # nor the cancelled booking
    assert cpd.attendance_rate == Decimal("77.8")
    assert (cpd.schools_reached, cpd.member_schools_reached, cpd.non_member_schools_reached) == (
        3,
        2,
        1,
    )
    assert (cpd.member_places, cpd.non_member_places) == (8, 1)


def test_it_breaks_places_down_by_strand_audience_and_phase(figures):
    cpd = figures.year.cpd
    assert _table(cpd.by_strand) == {
        "Continuing professional development": (5, 4),
        "Leadership development": (4, 3),
    }
    assert _table(cpd.by_audience) == {"Teachers": (5, 4), "Senior leaders": (4, 3)}
    assert _table(cpd.by_phase) == {"Primary": (5, 4), "All phases": (4, 3)}


def test_it_averages_the_feedback_and_quotes_it_without_names(figures):
    feedback = figures.year.feedback
    assert (feedback.requests, feedback.responses, feedback.response_rate) == (
        4,
        3,
        Decimal("75.0"),
    )
    assert feedback.average_overall == Decimal("4.00")
    assert feedback.average_usefulness == Decimal("4.33")
    assert {q["text"] for q in feedback.quotes} == {"More retrieval practice", "Shorter starters"}
    assert all(set(q) == {"text", "programme"} for q in feedback.quotes)
    assert (feedback.follow_ups, feedback.follow_up_answers) == (1, 1)
    assert [q["text"] for q in feedback.follow_up_quotes] == ["Reading ages are up."]


def test_it_counts_leadership_delegates_and_completions(figures):
    leadership = figures.year.leadership
    assert (leadership.delegates, leadership.completions) == (2, 1)
    assert leadership.by_kind == [
        {"label": "NPQSL (senior leadership)", "delegates": 2, "completions": 1}
    ]


def test_it_counts_school_to_school_support(figures):
    support = figures.year.support
    assert (support.requests, support.deployments) == (3, 2)  # the withdrawn one is not counted
    assert (support.days_agreed, support.days_delivered) == (Decimal("7"), Decimal("4"))
    assert support.by_designation == [
        {
            "label": "NLE",
            "deployments": 1,
            "days_agreed": Decimal("3"),
            "days_delivered": Decimal("0"),
        },
        {
            "label": "SLE",
            "deployments": 1,
            "days_agreed": Decimal("4"),
            "days_delivered": Decimal("4"),
        },
    ]
    assert support.by_specialism == [
        {"label": "Impact maths", "requests": 2, "deployments": 1, "days_delivered": Decimal("0")},
        {
            "label": "Impact phonics",
            "requests": 1,
            "deployments": 1,
            "days_delivered": Decimal("4"),
        },
    ]


def test_it_lists_clusters_leads_and_partners(figures):
    people = figures.year.people
    assert [c["name"] for c in people.clusters] == ["North cluster", "South cluster"]
    assert people.cluster_schools == 3
    assert [lead["name"] for lead in people.strand_leads] == ["Lena Lead"]
    assert [p.split(" ")[:2] for p in people.partners] == [["Testford", "University"]]
    assert people.contributing_organisations == 1


def test_it_compares_each_figure_with_the_year_before(figures):
    cpd = {f.label: (f.value, f.previous, f.change) for f in figures.headlines["cpd"]}
    assert cpd["Programmes run"] == (2, 1, 1)
    assert cpd["Places booked"] == (9, 2, 7)
    assert cpd["Places attended"] == (7, 1, 6)
    assert cpd["Attendance rate"] == (Decimal("77.8"), Decimal("50.0"), Decimal("27.8"))
    assert cpd["Schools reached"] == (3, 1, 2)
    feedback = {f.label: (f.value, f.previous) for f in figures.headlines["feedback"]}
    assert feedback["Overall, out of 5"] == (Decimal("4.00"), Decimal("3.00"))
    assert feedback["Response rate"] == (Decimal("75.0"), Decimal("100.0"))
    support = {f.label: (f.value, f.previous) for f in figures.headlines["support"]}
    assert support["Support requests"] == (3, 1)
    assert support["Days delivered"] == (Decimal("4"), Decimal("0"))
    people = {f.label: (f.value, f.previous) for f in figures.headlines["people"]}
    assert people["Peer review clusters"] == (2, 0)
