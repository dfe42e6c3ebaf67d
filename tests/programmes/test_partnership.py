"""A borough's one stop shop: Lewisham's alliances and its local authority in one catalogue."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from alliance.models import Alliance, Partnership, ProviderKind
from members.models import Membership, Organisation
from programmes.models import Audience, Programme
from programmes.selectors import PAGE_SIZE

pytestmark = pytest.mark.django_db

LEWISHAM = reverse("partnership-catalogue", args=["lewisham"])
LEWISHAM_PROVIDERS = {"steep", "etal", "atlas", "endeavour", "lewisham-la"}


def _providers(response) -> set[str]:
    return {p.alliance.slug for p in response.context["page"].programmes}


def test_it_lists_the_programmes_of_every_alliance_and_the_local_authority(client, demo):
    response = client.get(LEWISHAM)
    assert response.status_code == 200
    assert _providers(response) == LEWISHAM_PROVIDERS
    html = response.content.decode()
    assert "Lewisham Teaching Schools Alliance Partnership" in html
    assert "Designated safeguarding lead: annual refresher" in html
    # Southwark and Tandridge are on the portal, but not in Lewisham's partnership.
    assert "Phonics for new teachers" not in html
    assert "Coaching and mentoring in the classroom" not in html


def test_it_filters_by_provider_and_by_the_catalogues_own_filters(client, demo):
    only_la = client.get(LEWISHAM, {"alliance": "lewisham-la"})
    assert _providers(only_la) == {"lewisham-la"}
    headteachers = client.get(LEWISHAM, {"audience": "headteachers", "kind": "network"})
    assert [p.title for p in headteachers.context["page"].programmes] == [
        "New headteachers' induction"
    ]
    searched = client.get(LEWISHAM, {"q": "speech language"})
    assert [p.title for p in searched.context["page"].programmes] == [
        "Speech and language in the primary classroom"
    ]


def test_it_offers_only_the_partnerships_providers_to_filter_by(client, demo):
    response = client.get(LEWISHAM, {"alliance": "southwark"})
    assert response.status_code == 200
    # Not a provider here: said next to the filter, and nothing of Southwark's is listed.
    assert "alliance" in response.context["filter"].form.errors
    assert _providers(response) <= LEWISHAM_PROVIDERS
    choices = dict(response.context["filter"].form.fields["alliance"].choices)
    assert set(choices) - {""} == LEWISHAM_PROVIDERS


def test_it_answers_404_for_a_partnership_that_does_not_exist(client, demo):
    assert client.get(reverse("partnership-catalogue", args=["nowhere"])).status_code == 404


def test_it_keeps_a_constant_number_of_queries_as_programmes_grow(
    login, demo, make_programme, make_session, django_assert_max_num_queries
):
    client = login("head")
    url = LEWISHAM + "?audience=teachers&places=on"
    cache.clear()
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    etal = Alliance.objects.get(slug="etal")
    for index in range(25):
        programme = make_programme(alliance=etal, title=f"Growing {index}")
        programme.led_by = Organisation.objects.get(name="Haseltine Primary School")
        programme.save()
        make_session(programme, days=3 + index)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].programmes) == PAGE_SIZE


def test_it_shows_the_local_authoritys_own_prices(client, demo):
    html = client.get(LEWISHAM, {"alliance": "lewisham-la", "q": "graduated"}).content.decode()
    assert "£30.00 for members, £60.00 for others" in html


def test_it_lets_the_local_authoritys_cpd_manager_publish_with_its_own_prices(login, demo):
    la = Alliance.objects.get(slug="lewisham-la")
    client = login("la-cpd")
    response = client.post(
        reverse("programmes:programme-create", args=["lewisham-la"]),
        {
            "strand": la.strands.get(kind="cpd").pk,
            "kind": "cpd",
            "title": "Attendance: the new guidance",
            "summary": "What the guidance asks of schools, and the local authority's support.",
            "audiences": [Audience.objects.get(code="teachers").pk],
            "led_by": Organisation.objects.get(name="Lewisham Council").pk,
            "member_price": "15",
            "non_member_price": "35",
            "open_to_non_members": "on",
            "status": "published",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    programme = Programme.objects.get(title="Attendance: the new guidance")
    assert programme.alliance == la
    assert (programme.member_price, programme.non_member_price) == (Decimal(15), Decimal(35))
    # Another provider's programmes are not the local authority's to manage.
    steep = Programme.objects.filter(alliance__slug="steep").first()
    edit = reverse("programmes:programme-edit", args=["steep", steep.pk])
    assert client.get(edit).status_code == 403


def test_it_seeds_the_borough_and_tandridge_with_programmes(demo):
    providers = {
        a.slug: a for a in Alliance.objects.filter(slug__in=[*LEWISHAM_PROVIDERS, "tandridge"])
    }
    assert set(providers) == {*LEWISHAM_PROVIDERS, "tandridge"}
    assert providers["lewisham-la"].kind == ProviderKind.LOCAL_AUTHORITY
    for slug in providers:
        assert Programme.objects.filter(alliance__slug=slug, status="published").count() >= 2, slug
    partnership = Partnership.objects.get(slug="lewisham")
    assert {a.slug for a in partnership.providers.all()} == LEWISHAM_PROVIDERS
    atlas_schools = Membership.objects.current().filter(
        alliance=providers["atlas"], organisation__organisation_type="school"
    )
    assert atlas_schools.count() == 14


def test_it_lists_a_new_providers_programmes_at_once(client, demo):
    assert "Coaching and mentoring in the classroom" not in client.get(LEWISHAM).content.decode()
    partnership = Partnership.objects.get(slug="lewisham")
    partnership.providers.add(Alliance.objects.get(slug="tandridge"))
    assert "Coaching and mentoring in the classroom" in client.get(LEWISHAM).content.decode()
