"""The public catalogue: filters that combine, ordering, pagination, prices, constant queries."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.models import Phase
from programmes.models import Audience, Programme, ProgrammeKind, ProgrammeStatus, Session
from programmes.selectors import PAGE_SIZE
from programmes.services import booking_create

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [p.title for p in response.context["page"].programmes]


def test_it_lists_upcoming_published_programmes_soonest_first(client, make_session):
    later = make_session(days=30).programme
    sooner = make_session(days=3).programme
    draft = make_session(days=4).programme
    draft.status = ProgrammeStatus.DRAFT
    draft.save()
    past = make_session(days=-3).programme
    titles = _titles(client.get(reverse("programmes:catalogue", args=["southwark"])))
    assert titles.index(sooner.title) < titles.index(later.title)
    assert draft.title not in titles
    assert past.title not in titles


def test_it_combines_the_filters(client, make_programme, make_session):
    wanted = make_programme(title="Zebra phonics", kind=ProgrammeKind.CPD)
    wanted.phases.set(Phase.objects.filter(code="primary"))
    make_session(wanted, days=12)
    wrong_audience = make_programme(title="Zebra phonics for TAs")
    wrong_audience.audiences.set(Audience.objects.filter(code="teaching-assistants"))
    make_session(wrong_audience, days=12)
    wrong_dates = make_programme(title="Zebra phonics next year")
    make_session(wrong_dates, days=80)
    full = make_programme(title="Zebra phonics, full")
    Session.objects.filter(pk=make_session(full, days=12, capacity=1).pk).update(places_taken=1)
    url = reverse("programmes:catalogue", args=["southwark"])
    query = {
        "q": "zebra",
        "strand": "cpd",
        "audience": "teachers",
        "phase": "primary",
        "kind": "cpd",
        "date_from": str(timezone.localdate()),
        "date_to": str(timezone.localdate() + datetime.timedelta(days=30)),
        "places": "on",
    }
    assert _titles(client.get(url, query)) == ["Zebra phonics"]
    del query["places"], query["phase"]
    assert set(_titles(client.get(url, query))) == {"Zebra phonics", "Zebra phonics, full"}


def test_it_shows_next_date_places_left_and_price(client, make_programme, make_session):
    programme = make_programme(
        title="Priced course",
        member_price=Decimal("25.00"),
        non_member_price=Decimal("60.00"),
        open_to_non_members=True,
    )
    make_session(programme, days=9, capacity=12)
    response = client.get(reverse("programmes:catalogue", args=["southwark"]), {"q": "Priced"})
    html = response.content.decode()
    assert "12" in html
    assert "£25.00 for members, £60.00 for others" in html


def test_it_shows_members_their_member_price(login, make_programme, make_session):
    programme = make_programme(
        title="Priced course", member_price=Decimal("25.00"), non_member_price=Decimal("60.00")
    )
    make_session(programme, days=9)
    response = login("head").get(reverse("catalogue"), {"q": "Priced"})
    assert "£25.00 (member price)" in response.content.decode()


def test_it_shows_every_alliance_in_the_combined_catalogue(client, demo):
    response = client.get(reverse("catalogue"))
    html = response.content.decode()
    assert "STSA" in html and "STEEP" in html
    response = client.get(reverse("catalogue"), {"alliance": "steep"})
    assert {p.alliance.slug for p in response.context["page"].programmes} == {"steep"}


def test_it_paginates_without_counting_and_keeps_the_filters(client, make_programme, make_session):
    for index in range(PAGE_SIZE + 3):
        make_session(make_programme(title=f"Paged course {index:02d}"), days=5 + index)
    url = reverse("programmes:catalogue", args=["southwark"])
    first = client.get(url, {"q": "Paged"})
    assert len(_titles(first)) == PAGE_SIZE
    assert "q=Paged&amp;page=2" in first.content.decode()
    second = client.get(url, {"q": "Paged", "page": 2})
    assert len(_titles(second)) == 3
    assert not second.context["page"].has_next


def test_it_keeps_a_constant_number_of_queries_as_programmes_grow(
    login, make_programme, make_session, django_assert_max_num_queries
):
    client = login("head")
    url = reverse("catalogue") + "?strand=cpd&audience=teachers&places=on"
    make_session(make_programme(title="Growing first"), days=3)
    cache.clear()  # nothing cached: every query the page can make is made
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    for index in range(30):
        make_session(make_programme(title=f"Growing {index}"), days=3 + index)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].programmes) == PAGE_SIZE


def test_it_rejects_nonsense_filter_values_with_a_message_not_an_error(client, demo):
    response = client.get(
        reverse("programmes:catalogue", args=["southwark"]), {"date_from": "not-a-date"}
    )
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_it_shows_a_programme_page_in_constant_queries_however_many_sessions(
    login, demo, make_programme, make_session, django_assert_max_num_queries
):
    programme = make_programme(title="Many sessions")
    programme.facilitators.add(demo.user("sle").person)
    for days in range(5, 35):
        make_session(programme, days=days)
    client = login("head")
    with django_assert_max_num_queries(16):
        response = client.get(programme.get_absolute_url())
    html = response.content.decode()
    assert html.count("Add to calendar<span") == 30
    assert "Nia Campbell" in html
    assert "Book every session" in html


def test_it_moves_a_programme_on_to_its_next_session_when_the_scheduler_runs(
    client, make_programme, make_session
):
    programme = make_programme(title="Rolling course")
    later = make_session(programme, days=20)
    earlier = make_session(programme, days=5)
    # Time passes: the earlier session starts, and the programme's copy of it is now stale.
    started = timezone.now() - datetime.timedelta(minutes=1)
    Session.objects.filter(pk=earlier.pk).update(starts_at=started)
    Programme.objects.filter(pk=programme.pk).update(next_starts_at=started)
    cache.clear()
    url = reverse("programmes:catalogue", args=["southwark"])
    # Until process_cpd runs, the catalogue leaves it out rather than show a date gone by.
    assert _titles(client.get(url, {"q": "Rolling"})) == []
    call_command("process_cpd", stdout=io.StringIO())
    [shown] = client.get(url, {"q": "Rolling"}).context["page"].programmes
    assert shown.next_starts_at == later.starts_at


def test_it_reads_the_catalogue_without_writing(client, make_programme, make_session):
    make_session(make_programme(title="Phonics"), days=5)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programmes:catalogue", args=["southwark"]))
    assert "Phonics" in _titles(response)
    assert not [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT", "DELETE"))]


def test_it_serves_the_catalogue_from_the_cache_until_a_booking_changes_it(
    client, head, bellenden, staff, make_programme, make_session, django_assert_max_num_queries
):
    programme = make_programme(title="Cached course")
    session = make_session(programme, capacity=3, days=12)
    url = reverse("programmes:catalogue", args=["southwark"])
    query = {"q": "Cached", "places": "on"}
    first = client.get(url, query).content.decode()
    assert "Cached course" in first
    with django_assert_max_num_queries(1):  # the alliance; the body comes from the cache
        again = client.get(url, query).content.decode()
    assert again == first
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=staff(2))
    html = client.get(url, query).content.decode()
    assert "<dt>Places left</dt><dd>1</dd>" in html
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=staff(1))
    assert "Cached course" not in client.get(url, query).content.decode()  # full now


def test_a_booking_in_one_alliance_leaves_another_alliances_catalogue_cached(
    client,
    demo,
    head,
    bellenden,
    staff,
    make_programme,
    make_session,
    django_assert_max_num_queries,
):
    make_session(make_programme(alliance=demo.steep, title="Steep course"), days=12)
    session = make_session(make_programme(title="Southwark course"), capacity=3, days=12)
    steep = reverse("programmes:catalogue", args=["steep"])
    southwark = reverse("programmes:catalogue", args=["southwark"])
    combined = reverse("catalogue")
    query = {"q": "course", "places": "on"}
    for url in (steep, southwark, combined):
        client.get(url, query)
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=staff(1))
    with django_assert_max_num_queries(1):  # the alliance; the body comes from the cache
        assert "Steep course" in client.get(steep, query).content.decode()
    # The alliance booked in, and the combined catalogue listing it, show the place taken.
    for url in (southwark, combined):
        html = client.get(url, query).content.decode()
        assert "<dt>Places left</dt><dd>2</dd>" in html, url


def test_it_keeps_member_and_non_member_prices_apart_in_the_cache(
    client, login, demo, make_programme, make_session
):
    programme = make_programme(
        title="Priced course",
        member_price=Decimal("40"),
        non_member_price=Decimal("90"),
        open_to_non_members=True,
    )
    make_session(programme, days=12)
    url = reverse("programmes:catalogue", args=["southwark"])
    anonymous = client.get(url, {"q": "Priced"}).content.decode()
    assert "£40.00 for members, £90.00 for others" in anonymous
    member = login("head").get(url, {"q": "Priced"}).content.decode()
    assert "£40.00 (member price)" in member
    client.logout()
    assert "£40.00 for members" in client.get(url, {"q": "Priced"}).content.decode()


def test_it_shows_an_edited_programme_at_once_despite_the_cache(
    client, make_programme, make_session
):
    programme = make_programme(title="Renamed course")
    make_session(programme, days=12)
    url = reverse("catalogue")
    assert "Renamed course" in client.get(url, {"q": "Renamed"}).content.decode()
    programme = Programme.objects.get(pk=programme.pk)  # with its next date, set by the session
    programme.summary = "A brand new summary."
    programme.save()
    assert "A brand new summary." in client.get(url, {"q": "Renamed"}).content.decode()
