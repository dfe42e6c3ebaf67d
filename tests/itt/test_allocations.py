"""Places per year in total and per placement school: the schools' places never add up to more
than the total, refused next to the field."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alliance.permissions import perms_for
from itt.models import Allocation, PlacementAllocation
from itt.services import allocation_set, placement_allocation_set
from members.models import Organisation


def _school(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def test_schools_share_the_places_and_no_more(partnership, next_year, itt_lead):
    _, perms = itt_lead
    allocation = allocation_set(
        perms=perms, partnership=partnership, academic_year=next_year, places=10
    )
    donne, albion = _school("John Donne Primary School"), _school("Albion Street Primary School")
    placement_allocation_set(perms=perms, allocation=allocation, school=donne, places=6)
    placement_allocation_set(perms=perms, allocation=allocation, school=albion, places=4)
    with pytest.raises(ValidationError) as refused:
        placement_allocation_set(perms=perms, allocation=allocation, school=albion, places=5)
    assert "placement schools would then have 11" in refused.value.message_dict["places"][0]
    # Changing a school's places counts its new number, not both.
    placement_allocation_set(perms=perms, allocation=allocation, school=donne, places=2)
    placement_allocation_set(perms=perms, allocation=allocation, school=albion, places=8)
    assert sorted(allocation.school_places.values_list("places", flat=True)) == [2, 8]
    # 0 takes the school off.
    placement_allocation_set(perms=perms, allocation=allocation, school=donne, places=0)
    assert list(allocation.school_places.values_list("school", flat=True)) == [albion.pk]


def test_the_total_cannot_drop_below_what_schools_have(partnership, next_year, itt_lead):
    _, perms = itt_lead
    allocation = allocation_set(
        perms=perms, partnership=partnership, academic_year=next_year, places=10
    )
    placement_allocation_set(
        perms=perms, allocation=allocation, school=_school("Crampton Primary School"), places=7
    )
    with pytest.raises(ValidationError, match="already have 7"):
        allocation_set(perms=perms, partnership=partnership, academic_year=next_year, places=6)
    allocation_set(perms=perms, partnership=partnership, academic_year=next_year, places=7)
    assert Allocation.objects.get(pk=allocation.pk).places == 7


def test_only_the_itt_lead_and_the_director_set_places(demo, partnership, next_year):
    head = demo.user("head")
    with pytest.raises(PermissionDenied):
        allocation_set(
            perms=perms_for(head.person, demo.southwark),
            partnership=partnership,
            academic_year=next_year,
            places=3,
        )


def test_the_page_refuses_places_beyond_the_total_next_to_the_field(
    client, login, partnership, next_year, itt_lead
):
    _, perms = itt_lead
    allocation = allocation_set(
        perms=perms, partnership=partnership, academic_year=next_year, places=4
    )
    login("itt-lead")
    url = reverse("itt:school-places-set", args=["southwark", allocation.pk])
    school = _school("Bellenden Road Primary School")
    page = client.post(url, {"school": school.pk, "places": 5})
    assert page.status_code == 200
    assert "placement schools would then have 5. Enter fewer places." in page.text
    assert 'id="error_1_id_places"' in page.text or "is-invalid" in page.text
    assert not PlacementAllocation.objects.filter(allocation=allocation).exists()
    done = client.post(url, {"school": school.pk, "places": 4})
    assert done.status_code == 302
    assert allocation.school_places.get().places == 4


def test_the_places_form_asks_for_a_number(client, login, partnership):
    login("itt-lead")
    url = reverse("itt:allocation-set", args=["southwark", partnership.pk])
    page = client.post(url, {"places": ""})
    assert "Enter the number of places" in page.text
    page = client.post(url, {"places": "0"})
    assert "Enter a number of places of 1 or more." in page.text
    assert not partnership.allocations.exists()
