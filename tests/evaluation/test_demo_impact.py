"""The seeded demo's impact report for last year is full and believable: every section has
figures, the year before has some to compare with, no delegate's words repeat, each quote is
about the programme it fits, and the public version is on Southwark's public page."""

from __future__ import annotations

from collections import Counter

import pytest
from django.urls import reverse

from alliance.models import AcademicYear
from evaluation.demo import past_programmes
from evaluation.impact import impact_figures_for
from evaluation.models import FeedbackResponse

pytestmark = pytest.mark.django_db


def _last_year() -> AcademicYear:
    """The year of the demo's report: the one before the year it was seeded in."""
    return AcademicYear(start_year=AcademicYear.current().start_year - 1)


def _said() -> dict[str, set[str]]:
    """What delegates of each programme wrote, by the title it was seeded with."""
    return {
        row.title: {*row.will_change, *row.anything_else, *row.pupils_changed}
        for row in past_programmes(_last_year().start_year)
    }


@pytest.fixture
def figures(demo):
    return impact_figures_for(alliance=demo.southwark, year=_last_year())


def test_every_section_of_last_years_report_has_figures(figures):
    year = figures.year
    assert year.cpd.programmes and year.cpd.sessions and year.cpd.places_attended
    assert year.feedback.responses and year.feedback.follow_up_answers
    assert year.leadership.delegates > year.leadership.completions > 0
    # The leadership pipeline's demo adds the year's NPQML and NPQEL cohorts (issue 15).
    assert [row["label"] for row in year.leadership.by_kind] == [
        "NPQML (middle leadership)",
        "NPQSL (senior leadership)",
        "NPQEL (executive leadership)",
    ]
    assert year.leadership.cohort_completers > 50
    assert 50 < year.leadership.progressed_share < 100
    assert year.support.requests and year.support.deployments
    assert year.support.days_delivered > 0
    assert {row["label"] for row in year.support.by_designation} == {"SLE", "NLE"}
    assert len(year.support.by_specialism) > 3
    assert len(year.people.clusters) == 5
    assert all(cluster["schools"] for cluster in year.people.clusters)


def test_the_year_before_has_figures_to_compare_with(figures):
    before = figures.before
    assert 0 < before.cpd.programmes < figures.year.cpd.programmes
    assert before.cpd.places_attended and before.feedback.responses
    assert before.leadership.delegates
    changes = [figure.change for row in figures.headlines.values() for figure in row]
    assert sum(1 for change in changes if change) > 10


def test_no_quote_repeats_and_each_fits_its_programme(figures):
    quotes = figures.year.feedback.quotes + figures.year.feedback.follow_up_quotes
    assert len(quotes) == 12
    assert len({quote["text"] for quote in quotes}) == len(quotes)
    said = _said()
    assert [q for q in quotes if q["text"] not in said[q["programme"]]] == []


def test_no_delegate_wrote_the_same_sentence_as_another(demo):
    said = Counter(
        text
        for row in FeedbackResponse.objects.values_list(
            "will_change", "anything_else", "pupils_changed"
        )
        for text in row
        if text
    )
    assert len(said) > 80
    assert [text for text, times in said.items() if times > 1] == []


def test_the_public_page_lists_the_published_report_with_its_foreword(client, demo):
    home = client.get(reverse("alliance:home", args=["southwark"])).text
    last_year = _last_year()
    public = reverse("evaluation:impact-public", args=["southwark", last_year.start_year])
    assert f'href="{public}"' in home
    page = client.get(public).text
    assert f"Impact report {last_year.label}" in page
    assert "<strong>a community of schools" in page
    assert "NPQSL (senior leadership)" in page
