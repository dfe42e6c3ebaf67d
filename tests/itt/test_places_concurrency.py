"""Sixteen people giving placement schools places in the same year at the same moment never
share out more places than the year has (PostgreSQL: the allocation's row lock)."""

from __future__ import annotations

from functools import partial

import pytest
from django.db import connection

from alliance.models import AcademicYear
from alliance.permissions import perms_for
from itt.models import Allocation, Partnership, PlacementAllocation, Route
from itt.services import placement_allocation_set
from members.models import Organisation, OrganisationType
from tests.races import at_once

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 16
PLACES = 10


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_simultaneous_shares_never_exceed_the_total(demo):
    lead = demo.user("itt-lead")
    perms = perms_for(lead.person, demo.southwark)
    donne = Organisation.objects.get(name="John Donne Primary School")
    partnership = Partnership.objects.create(
        alliance=demo.southwark,
        name="Race partnership",
        lead_school=donne,
        provider=Organisation.objects.get(name="UCL Institute of Education"),
        route=Route.SALARIED,
    )
    allocation = Allocation.objects.create(
        partnership=partnership, academic_year=AcademicYear.current(), places=PLACES
    )
    schools = list(Organisation.objects.filter(organisation_type=OrganisationType.SCHOOL)[:CLIENTS])
    assert len(schools) == CLIENTS
    race = at_once(
        [
            partial(
                placement_allocation_set,
                perms=perms,
                allocation=allocation,
                school=school,
                places=1,
            )
            for school in schools
        ]
    )
    assert race.errors == []
    # The first to ask took every place, none beyond the total, and the rest were refused; fewer
    # were given only when fewer were answered, the others being asked to try again.
    given = PlacementAllocation.objects.filter(allocation=allocation)
    assert given.count() == len(race.done) == min(PLACES, CLIENTS - race.busy)
    assert len(race.refused) == CLIENTS - race.busy - len(race.done)
