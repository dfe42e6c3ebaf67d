import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_next_cpd_of_every_alliance_at_the_site_root(
    client, demo, make_programme, make_session
):
    # Which of the demo's courses come soonest depends on the day: these two come first on any.
    make_session(make_programme(alliance=demo.steep, title="STEEP's next course"), days=0.01)
    make_session(make_programme(title="Southwark's next course"), days=0.02)
    page = client.get("/").content.decode()
    coming_up = page.split('id="coming-up-heading"')[1].split("</section>")[0]
    items = coming_up.split("</li>")
    steep = next(item for item in items if "STEEP&#x27;s next course</a>" in item)
    southwark = next(item for item in items if "Southwark&#x27;s next course</a>" in item)
    assert "· STEEP, " in steep and "· STSA, " in southwark
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
