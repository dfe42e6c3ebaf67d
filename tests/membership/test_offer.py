"""The director's offer: tiers with fee tables that make sense, copied from year to year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from alliance.models import AcademicYear, Protocol
from members.models import Phase
from membership.models import MembershipOffer, Tier


def _tier_data(**changes) -> dict:
    primary = Phase.objects.get(code="primary").pk
    data = {
        "name": "Small school member",
        "kind": "member_school",
        "description": "",
        "members_prices": "on",
        "free_cpd_places": "1",
        "sle_days_at_members_rate": "0",
        "position": "5",
        "fees-TOTAL_FORMS": "2",
        "fees-INITIAL_FORMS": "0",
        "fees-MIN_NUM_FORMS": "0",
        "fees-MAX_NUM_FORMS": "1000",
        "fees-0-phase": primary,
        "fees-0-roll_from": "0",
        "fees-0-roll_to": "150",
        "fees-0-fee": "450.50",
        "fees-1-phase": primary,
        "fees-1-roll_from": "151",
        "fees-1-roll_to": "",
        "fees-1-fee": "700",
    }
    return {**data, **changes}


@pytest.fixture
def tier_url():
    this_year = AcademicYear.current().start_year  # the demo's
    return reverse(
        "membership:tier-create", kwargs={"alliance_slug": "southwark", "start_year": this_year}
    )


def test_it_saves_a_tier_with_its_fee_bands(login, demo, tier_url):
    response = login("director").post(tier_url, _tier_data())
    assert response.status_code == 302
    tier = Tier.objects.get(name="Small school member")
    assert [(r.roll_from, r.roll_to, r.fee) for r in tier.fees.all()] == [
        (0, 150, Decimal("450.50")),
        (151, None, Decimal("700.00")),
    ]


def test_it_refuses_overlapping_bands_and_saves_nothing(login, demo, tier_url):
    response = login("director").post(tier_url, _tier_data(**{"fees-1-roll_from": "120"}))
    assert response.status_code == 200
    assert "overlap" in response.content.decode()
    assert not Tier.objects.filter(name="Small school member").exists()


@pytest.mark.parametrize(("fee", "message"), [("-10", "£0 or more"), ("60000", "at most £50,000")])
def test_it_refuses_a_negative_or_absurd_fee_next_to_the_field(login, demo, tier_url, fee, message):
    response = login("director").post(tier_url, _tier_data(**{"fees-0-fee": fee}))
    assert message in response.content.decode()
    assert not Tier.objects.filter(name="Small school member").exists()


def test_it_refuses_a_band_that_ends_before_it_starts(login, demo, tier_url):
    response = login("director").post(
        tier_url, _tier_data(**{"fees-0-roll_to": "0", "fees-0-roll_from": "10"})
    )
    assert "no lower than the lower one" in response.content.decode()


def test_it_refuses_a_tier_without_a_fee(login, demo, tier_url):
    data = _tier_data(**{"fees-TOTAL_FORMS": "0"})
    response = login("director").post(tier_url, data)
    assert "Enter at least one fee" in response.content.decode()


def test_it_copies_last_years_offer_into_a_new_year(login, demo):
    client = login("director")
    new = AcademicYear(start_year=AcademicYear.current().start_year + 2)  # the demo has up to +1
    url = reverse(
        "membership:offer-copy",
        kwargs={"alliance_slug": "southwark", "start_year": new.start_year},
    )
    client.post(url)
    offers = MembershipOffer.objects.filter(alliance=demo.southwark)
    copied = offers.get(academic_year__start_year=new.start_year)
    source = offers.get(academic_year__start_year=new.start_year - 1)
    assert [t.name for t in copied.tiers.all()] == [t.name for t in source.tiers.all()]
    assert copied.tiers.get(name="Full member").fees.count() == 7
    # Copying again is refused: the year has its offer.
    response = client.post(url, follow=True)
    assert f"already has an offer for {new.label}" in response.content.decode()


def test_the_director_edits_the_protocols_shown_on_the_public_page(login, demo, client):
    director = login("director")
    url = reverse("membership:protocols", kwargs={"alliance_slug": "southwark"})
    data = {
        "protocols-TOTAL_FORMS": "2",
        "protocols-INITIAL_FORMS": "0",
        "protocols-MIN_NUM_FORMS": "0",
        "protocols-MAX_NUM_FORMS": "1000",
        "protocols-0-title": "Commitment",
        "protocols-0-description": "All partners commit to at least two strands of work.",
        "protocols-1-title": "Kindness",
        "protocols-1-description": "We are kind.",
    }
    assert director.post(url, data).status_code == 302
    assert list(
        Protocol.objects.filter(alliance=demo.southwark).values_list("title", flat=True)
    ) == [
        "Commitment",
        "Kindness",
    ]
    home = client.get(reverse("alliance:home", kwargs={"alliance_slug": "southwark"}))
    assert "Kindness" in home.content.decode()
