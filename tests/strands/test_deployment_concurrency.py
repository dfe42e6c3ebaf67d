from decimal import Decimal
from functools import partial

import pytest

from members.models import Designation
from strands.models import DeploymentVisit, SupportRequest
from strands.services import days_deployed, deployment_create, deployment_visit_confirm
from tests.races import at_once
from tests.strands.helpers import day, year

CLIENTS = 16


@pytest.mark.django_db(transaction=True)
def test_it_never_overcommits_an_sle_under_concurrent_deployments(demo):
    director = demo.user("director")
    support_request = SupportRequest.objects.get(
        school__name="Bellenden Road Primary School", area_of_need__name="Phonics and early reading"
    )
    nia = Designation.objects.get(person__full_name="Nia Campbell")
    assert days_deployed(designation=nia, year=year()) == Decimal("7")  # 13 of 20 days left
    deploy = partial(
        deployment_create,
        actor=director,
        support_request=support_request,
        designation=nia,
        days=Decimal("2"),
        starts_on=day(60),
        ends_on=day(90),
    )
    race = at_once([deploy] * CLIENTS)
    assert race.errors == []
    # Six deployments of two days fill the 13 days left, the rest refused; fewer only when
    # fewer were answered, the others being asked to try again.
    assert len(race.done) == min(6, CLIENTS - race.busy)
    assert len(race.refused) == CLIENTS - race.busy - len(race.done)
    assert days_deployed(designation=nia, year=year()) == Decimal("7") + 2 * len(race.done)


@pytest.mark.django_db(transaction=True)
def test_it_confirms_a_visit_once_when_the_head_confirms_it_from_several_tabs_at_once(demo):
    head = demo.user("head")
    visit = DeploymentVisit.objects.get(
        deployment__support_request__school__name="Bellenden Road Primary School",
        confirmed_at=None,
    )
    race = at_once([partial(deployment_visit_confirm, actor=head, visit=visit)] * CLIENTS)
    assert race.errors == []
    # Confirmed once, the other tabs told it is confirmed already, unless every tab was asked
    # to try again.
    once = min(1, CLIENTS - race.busy)
    assert (len(race.done), len(race.refused)) == (once, CLIENTS - race.busy - once)
    visit.refresh_from_db()
    assert visit.confirmed_by == (head if once else None)
