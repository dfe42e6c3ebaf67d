"""The catalogue's dates: a programme matches when any of its sessions falls in the range or
term asked for, and its card shows those sessions."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from programmes.filters import _term_dates, term_choices
from programmes.models import Session

pytestmark = pytest.mark.django_db

URL = reverse("programmes:catalogue", args=["southwark"])


def _day(days: int) -> str:
    return str(timezone.localdate() + datetime.timedelta(days=days))


def _card(html: str, title: str) -> str:
    start = html.index(title)
    return html[start : html.index("</li>\n", html.index("</dl>", start))]


def test_it_matches_a_programme_by_any_session_in_the_range_and_shows_those(
    client, make_programme, make_session
):
    programme = make_programme(title="Zebra maths, two dates")
    soon = make_session(programme, days=5)
    later = make_session(programme, days=40)
    make_session(make_programme(title="Zebra maths, only soon"), days=5)
    response = client.get(URL, {"q": "zebra", "date_from": _day(35), "date_to": _day(45)})
    assert [p.title for p in response.context["page"].programmes] == ["Zebra maths, two dates"]
    card = _card(response.content.decode(), "Zebra maths, two dates")
    assert f"{timezone.localtime(later.starts_at):%a %-d %b %Y, %H:%M}" in card
    assert f"{timezone.localtime(soon.starts_at):%a %-d %b %Y}" not in card
    assert "Next date" not in card


def test_it_shows_the_next_date_when_no_dates_are_chosen(client, make_programme, make_session):
    programme = make_programme(title="Zebra maths, any time")
    soon = make_session(programme, days=5)
    make_session(programme, days=40)
    card = _card(client.get(URL, {"q": "zebra"}).content.decode(), "Zebra maths, any time")
    assert "Next date" in card
    assert f"{timezone.localtime(soon.starts_at):%a %-d %b %Y, %H:%M}" in card


def test_it_leaves_out_cancelled_and_past_sessions_in_the_range(
    client, make_programme, make_session
):
    programme = make_programme(title="Zebra maths, cancelled")
    make_session(programme, days=5)
    cancelled = make_session(programme, days=40)
    Session.objects.filter(pk=cancelled.pk).update(status="cancelled")
    response = client.get(URL, {"q": "zebra", "date_from": _day(35), "date_to": _day(45)})
    assert response.context["page"].programmes == []


def test_it_filters_by_a_school_term(client, make_programme, make_session):
    code, label = term_choices()[1]  # the next term: wholly to come
    first, last = _term_dates(code)
    now = timezone.localtime()
    in_term = make_programme(title="Zebra in term")
    make_session(in_term, days=(first - now.date()).days + 10)
    make_session(in_term, days=(last - now.date()).days + 20)  # after the term
    after = make_programme(title="Zebra after term")
    make_session(after, days=(last - now.date()).days + 20)
    response = client.get(URL, {"q": "zebra", "term": code})
    assert [p.title for p in response.context["page"].programmes] == ["Zebra in term"]
    [shown] = response.context["page"].programmes[0].matching_sessions
    assert first <= timezone.localtime(shown.starts_at).date() <= last
    assert label in response.content.decode()


def test_it_offers_autumn_spring_and_summer_terms():
    labels = [label for _, label in term_choices(datetime.date(2026, 11, 30))]
    assert labels[:3] == [
        "Autumn term 2026 (Sep–Dec)",
        "Spring term 2027 (Jan–Mar)",
        "Summer term 2027 (Apr–Jul)",
    ]
    assert _term_dates("2027-spring") == (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))


def test_it_refuses_a_term_it_does_not_offer_next_to_the_field(client, demo):
    response = client.get(URL, {"term": "1999-autumn"})
    assert response.status_code == 200
    assert "term" in response.context["filter"].form.errors


def test_it_says_from_after_to_is_a_mistake_next_to_both_fields(
    client, make_programme, make_session
):
    make_session(make_programme(title="Zebra maths, still listed"), days=5)
    response = client.get(URL, {"q": "zebra", "date_from": _day(30), "date_to": _day(10)})
    assert response.status_code == 200
    errors = response.context["filter"].form.errors
    message = "“From” must be on or before “To”."
    assert errors["date_from"] == [message] and errors["date_to"] == [message]
    html = response.content.decode()
    assert 'id="id_date_from_error"' in html and 'id="id_date_to_error"' in html
    # Not an empty result: the dates are left out until they are put right.
    assert [p.title for p in response.context["page"].programmes] == ["Zebra maths, still listed"]


def test_it_counts_the_results_when_filtering(client, make_programme, make_session):
    for index in range(3):
        make_session(make_programme(title=f"Zebra counted {index}"), days=5 + index)
    html = client.get(URL, {"q": "zebra"}).content.decode()
    assert "3 programmes match your filters." in html
    assert "match your filters" not in client.get(URL).content.decode()


def test_it_keeps_a_constant_number_of_queries_with_dates_as_sessions_grow(
    login, make_programme, make_session, django_assert_max_num_queries
):
    client = login("head")
    query = {"strand": "cpd", "date_from": _day(1), "date_to": _day(60)}
    make_session(make_programme(title="Dated first"), days=3)
    cache.clear()
    with django_assert_max_num_queries(18) as few:
        client.get(URL, query)
    for index in range(25):
        programme = make_programme(title=f"Dated {index}")
        for day in (3, 10, 20):
            make_session(programme, days=day + index)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL, query)
    assert len(response.context["page"].programmes) == 20


def test_it_stops_counting_past_a_thousand(client, make_programme, make_session, monkeypatch):
    monkeypatch.setattr("programmes.selectors.MOST_COUNTED", 2)
    for index in range(3):
        make_session(make_programme(title=f"Zebra many {index}"), days=5 + index)
    assert (
        "More than 2 programmes match your filters."
        in client.get(URL, {"q": "zebra"}).content.decode()
    )
