"""The membership pages are valid HTML (Nu HTML checker, as for the rest)."""

from __future__ import annotations

import pytest

import tests.test_html_validity as html_validity
from alliance.models import AcademicYear
from membership.models import Application, MembershipOffer, Renewal, Tier
from membership.services import renewals_request

pytestmark = pytest.mark.django_db


def test_it_serves_valid_html_on_membership_pages(tmp_path, login, monkeypatch, demo):
    this_year = AcademicYear.current().start_year  # the demo's
    offer = MembershipOffer.objects.get(
        alliance=demo.southwark, academic_year__start_year=this_year
    )
    renewals_request(offer=offer, actor=demo.user("director"))
    renewal = Renewal.objects.get(
        offer__academic_year__start_year=this_year + 1,
        organisation__name="Bellenden Road Primary School",
    )
    application = Application.objects.filter(alliance=demo.southwark).first()
    tier = Tier.objects.filter(offer=offer).first()
    base = "/southwark/membership"
    pages = [
        ("anonymous", "/southwark/"),
        ("anonymous", f"{base}/offer/"),
        ("anonymous", "/southwark/join/"),
        ("anonymous", "/southwark/join/thanks/"),
        ("director", f"{base}/offers/{this_year}/"),
        ("director", f"{base}/offers/{this_year + 2}/"),  # none yet
        ("director", f"{base}/offers/{this_year}/tiers/new/"),
        ("director", f"{base}/offers/{this_year}/tiers/{tier.pk}/"),
        ("director", f"{base}/protocols/"),
        ("director", f"{base}/applications/"),
        ("director", f"{base}/applications/{application.pk}/"),
        ("director", f"{base}/renewals/"),
        ("head", f"{base}/renewals/{renewal.pk}/"),
        ("head", "/southwark/home/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    html_validity.test_it_serves_valid_html(tmp_path, login)
