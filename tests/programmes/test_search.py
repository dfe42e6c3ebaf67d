"""The catalogue's search finds what people type: stems, the alliance's synonyms, typos."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from programmes.selectors import CataloguePage
from programmes.views import _cache_seconds

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search"),
]

MATHS = "Fractions: mastery in mathematics"
PHONICS = "Systematic phonics in Reception"
EARLY_YEARS = "Outdoor learning in the early years"
SEND = "Adaptive teaching for special educational needs"
TAS = "Deploying teaching assistants well"
ECT = "Mentoring early career teachers"
OTHER = "Governance for new trustees"


@pytest.fixture
def courses(make_programme, make_session):
    for title in (MATHS, PHONICS, EARLY_YEARS, SEND, TAS, ECT, OTHER):
        make_session(make_programme(title=title, summary="A course for tests."), days=20)


def _found(client, text: str) -> list[str]:
    response = client.get(reverse("programmes:catalogue", args=["southwark"]), {"q": text})
    assert response.status_code == 200
    return [p.title for p in response.context["page"].programmes]


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("maths", MATHS),
        ("Mathematics", MATHS),
        ("mathmatics", MATHS),  # a typo
        ("phonic", PHONICS),
        ("EYFS", EARLY_YEARS),
        ("SEND", SEND),
        ("TA", TAS),
        ("TAs", TAS),
        ("NQT", ECT),
        ("ECT", ECT),
        ("early career", ECT),
    ],
)
def test_it_finds_what_people_type(client, courses, typed, wanted):
    found = _found(client, typed)
    assert wanted in found
    assert OTHER not in found


def test_it_finds_the_short_names_from_the_long_ones(client, courses, make_programme, make_session):
    make_session(make_programme(title="EYFS leaders' network"), days=25)
    make_session(make_programme(title="SEND surgery for SENCOs"), days=25)
    assert "EYFS leaders' network" in _found(client, "early years")
    assert "SEND surgery for SENCOs" in _found(client, "special educational needs")


def test_it_lists_title_matches_before_description_matches(client, make_programme, make_session):
    make_session(
        make_programme(title="Music for all", description="Includes a little zither playing."),
        days=3,
    )
    make_session(make_programme(title="Zither in the classroom"), days=30)
    assert _found(client, "zither") == ["Zither in the classroom", "Music for all"]


def test_it_needs_every_word_but_ignores_words_like_the(client, courses):
    assert _found(client, "the fractions of maths") == [MATHS]
    assert _found(client, "maths phonics") == []


def test_it_takes_punctuation_as_text_not_as_search_syntax(client, courses):
    for typed in ["maths & | ! :* (", "'", "phonics:*<->", "\\"]:
        assert _found(client, typed) is not None


def test_a_searched_page_is_cached_no_longer_than_its_soonest_session(make_programme):
    soon = make_programme(
        title="Soon", next_starts_at=timezone.now() + datetime.timedelta(seconds=9)
    )
    later = make_programme(
        title="Later", next_starts_at=timezone.now() + datetime.timedelta(days=9)
    )
    # Best match first: the later programme can head the page.
    page = CataloguePage(programmes=[later, soon], number=1, has_next=False)
    assert _cache_seconds(page) <= 9
