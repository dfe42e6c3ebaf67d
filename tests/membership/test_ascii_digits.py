"""A URN and a number on roll in the digits 0 to 9 only (issue 23). A regex's ``\\d`` and
Python's ``int()`` also take Arabic-Indic ("١٠٠٨١٢") and fullwidth ("１００８１２") digits: the
same URN spelt differently passed "already a member" and made a second Bellenden Road."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance.models import AcademicYear
from members.models import Organisation
from membership.models import Application, MembershipOffer, Renewal, RenewalState
from membership.services import renewals_request
from strands.models import Strand

pytestmark = pytest.mark.django_db

# Bellenden Road Primary School, a member this year, is URN 100812.
OTHER_DIGITS = {
    "Arabic-Indic": "١٠٠٨١٢",
    "fullwidth": "１００８１２",
    "mixed": "10081٢",
}


@pytest.mark.parametrize("urn", OTHER_DIGITS.values(), ids=OTHER_DIGITS.keys())
def test_a_urn_in_other_digits_is_refused_and_makes_no_second_school(
    client, demo, join_data, join_url, urn
):
    data = {**join_data, "school_name": "Bellenden Road Primary School", "urn": urn}
    response = client.post(join_url, data)
    assert response.status_code == 200
    assert "six digits" in str(response.context["form"].errors["urn"])
    assert not Application.objects.filter(school_name="Bellenden Road Primary School").exists()


@pytest.mark.parametrize("urn", OTHER_DIGITS.values(), ids=OTHER_DIGITS.keys())
def test_an_organisation_keeps_its_urn_in_the_digits_0_to_9(demo, urn):
    school = Organisation(name="Bellenden Road Primary School", urn=urn)
    with pytest.raises(ValidationError, match="six or seven digits"):
        school.full_clean()


@pytest.mark.parametrize("roll", ["٢٦٠", "２６０", "260.0", "2e2"])
def test_a_number_on_roll_in_other_digits_is_refused(client, demo, join_data, join_url, roll):
    response = client.post(join_url, {**join_data, "number_on_roll": roll})
    assert response.status_code == 200
    assert "Use the digits 0 to 9" in str(response.context["form"].errors["number_on_roll"])
    assert not Application.objects.filter(urn=join_data["urn"]).exists()


def test_a_renewal_refuses_a_number_on_roll_in_other_digits(login, demo):
    this_year = AcademicYear.current().start_year  # the demo's
    offer = MembershipOffer.objects.get(
        alliance=demo.southwark, academic_year__start_year=this_year
    )
    renewals_request(offer=offer, actor=demo.user("director"))
    renewal = Renewal.objects.get(
        offer__academic_year__start_year=this_year + 1,
        organisation__name="Bellenden Road Primary School",
    )
    url = reverse("membership:renewal", kwargs={"alliance_slug": "southwark", "pk": renewal.pk})
    client = login("head")
    form = client.get(url).context["form"]
    strands = Strand.objects.filter(alliance=demo.southwark, kind__in=["cpd", "research"])
    data = {"tier": form.initial["tier"], "strands": [s.pk for s in strands]}
    response = client.post(url, {**data, "number_on_roll": "٢٥٠"})
    assert "Use the digits 0 to 9" in str(response.context["form"].errors["number_on_roll"])
    renewal.refresh_from_db()
    assert renewal.state == RenewalState.WAITING
