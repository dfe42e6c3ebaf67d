"""The impact report's pages: publishing, the foreword, the public version and query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.models import Alliance
from evaluation.impact import dashboard_for, impact_figures_for
from evaluation.models import ImpactReport
from tests.evaluation.impact_data import (
    build_alliance,
    grow,
    make_director,
    report_year,
    year_before,
)

pytestmark = pytest.mark.django_db


def url(name: str, slug: str = "southwark", **kwargs) -> str:
    return reverse(f"evaluation:{name}", kwargs={"alliance_slug": slug, **kwargs})


@pytest.fixture
def year(demo):
    """The year before the last: the demo has the last year's report published already."""
    return year_before()


def _report(year, slug: str = "southwark") -> ImpactReport | None:
    return ImpactReport.objects.filter(alliance__slug=slug, academic_year=year).first()


def test_it_publishes_once_for_the_director(login, year):
    client = login("director")
    publish = url("impact-publish", start_year=year.start_year)
    first = client.post(publish, follow=True)
    published_at = _report(year).published_at
    assert published_at is not None
    assert "is on the alliance" in first.content.decode()
    second = client.post(publish, follow=True)
    assert _report(year).published_at == published_at  # a double click publishes once
    assert "is on the alliance" not in second.content.decode()
    assert ImpactReport.objects.filter(alliance__slug="southwark", academic_year=year).count() == 1


@pytest.mark.parametrize("persona", ["chair", "board", "administrator", "steep-director"])
def test_it_lets_no_one_else_publish(login, year, persona):
    response = login(persona).post(url("impact-publish", start_year=year.start_year))
    assert response.status_code == 403
    assert _report(year) is None


def test_it_asks_for_a_post_to_publish(login, year):
    response = login("director").get(url("impact-publish", start_year=year.start_year))
    assert response.status_code == 405
    assert _report(year) is None


def test_it_shows_the_published_report_on_the_public_page_and_withdraws_it(login, year, client):
    login("director").post(url("impact-publish", start_year=year.start_year))
    home = client.get(reverse("alliance:home", kwargs={"alliance_slug": "southwark"}))
    assert f"Impact report {year}" in home.content.decode()
    login("director").post(url("impact-withdraw", start_year=year.start_year))
    client.logout()
    home = client.get(reverse("alliance:home", kwargs={"alliance_slug": "southwark"}))
    assert f"Impact report {year}" not in home.content.decode()
    assert client.get(url("impact-public", start_year=year.start_year)).status_code == 404


def test_it_sanitises_the_foreword(login, year):
    client = login("director")
    foreword = (
        "A **strong** year.\n\n<script>alert('x')</script>\n\n"
        "[click](javascript:alert(1)) <img src=x onerror=alert(2)>"
    )
    response = client.post(
        url("impact-foreword", start_year=year.start_year), {"foreword": foreword}
    )
    assert response.status_code == 302
    assert _report(year).foreword == foreword
    page = client.get(url("impact-report", start_year=year.start_year)).content.decode()
    assert "<strong>strong</strong>" in page
    assert "<script>alert" not in page
    assert 'href="javascript' not in page
    assert "<img src=x" not in page


def test_it_refuses_a_foreword_too_long_beside_the_field(login, year):
    response = login("director").post(
        url("impact-foreword", start_year=year.start_year), {"foreword": "x" * 20001}
    )
    assert response.status_code == 200
    assert "at most 20000 characters" in response.content.decode()
    assert _report(year) is None


def test_it_keeps_names_off_the_public_version(demo, login, client):
    built = build_alliance()
    make_director(built, demo.user("director").person)
    year = report_year()
    slug = built.alliance.slug
    board = login("director").get(url("impact-report", slug, start_year=year.start_year))
    board_page = board.content.decode()
    names = [
        "Lena Lead",
        "North cluster",
        "Testford University",
        "More retrieval practice",
        "Reading ages are up.",
    ]
    for name in names:
        assert name in board_page
    login("director").post(url("impact-publish", slug, start_year=year.start_year))
    client.logout()
    public = client.get(url("impact-public", slug, start_year=year.start_year)).content.decode()
    assert "Places attended" in public and ">7<" in public
    for name in [*names, "Ann Alpha", "Ben Beta", "Sam SLE", "Nia NLE", "Alpha Primary"]:
        assert name not in public
    pdf = client.get(url("impact-public-pdf", slug, start_year=year.start_year))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_it_computes_the_report_and_dashboard_in_a_fixed_number_of_queries(
    demo, django_assert_max_num_queries
):
    built = build_alliance()
    year = report_year()
    alliance = Alliance.objects.get(pk=built.alliance.pk)
    for size in (1, 12):
        grow(built, size)
        # 26 for the year (research's 3, ITT's 1, the leadership pipeline's completers 1),
        # 16 for the year before (ITT's 1, the pipeline's 1), 1 row.
        with django_assert_max_num_queries(43):
            impact_figures_for(alliance=alliance, year=year)
        with django_assert_max_num_queries(6):
            dashboard_for(alliance=alliance)


def test_it_renders_the_pages_in_a_fixed_number_of_queries(
    demo, login, django_assert_max_num_queries
):
    built = build_alliance()
    make_director(built, demo.user("director").person)
    year = report_year()
    slug = built.alliance.slug
    client = login("director")
    for size in (1, 12):
        grow(built, size)
        # One of these reads the account menu's alliances (the alliance switcher).
        # Two of them ITT's and two the leadership pipeline's completers, this year and last.
        with django_assert_max_num_queries(50):
            assert (
                client.get(url("impact-report", slug, start_year=year.start_year)).status_code
                == 200
            )
        # ITT's two (causes for concern for the director; whether they mentor or train) and issue
        # 15's three (applications to endorse, My programmes, a nomination waiting for them),
        # and the peer reviews they are on (issue 17).
        with django_assert_max_num_queries(27):
            home = client.get(reverse("alliance:role-home", kwargs={"alliance_slug": slug}))
            assert "At a glance" in home.content.decode()
