import pytest

from programmes.models import Programme

pytestmark = pytest.mark.django_db


def test_it_shows_the_next_cpd_of_every_alliance_at_the_site_root(client, demo):
    page = client.get("/").content.decode()
    soonest = Programme.objects.filter(status="published", next_starts_at__isnull=False).order_by(
        "next_starts_at"
    )
    assert soonest.first().title in page
    assert "STEEP" in page and "STSA" in page
    assert 'href="/catalogue/"' in page


def test_it_keeps_the_site_root_to_a_few_queries_as_courses_grow(
    client, demo, make_programme, make_session, django_assert_max_num_queries
):
    client.get("/")
    with django_assert_max_num_queries(8) as few:
        client.get("/")
    for days in range(1, 30):
        make_session(make_programme(title=f"Soon {days}"), days=days)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/").content.decode()
    assert ">Soon 1</a>" in page


def test_it_titles_our_bookings_plainly(login, demo):
    page = login("head").get("/southwark/cpd/bookings/").content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert title == "Our bookings · STSA"
