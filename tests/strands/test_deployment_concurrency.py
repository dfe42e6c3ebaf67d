import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from members.models import Designation
from strands.models import DeploymentVisit, SupportRequest
from strands.services import days_deployed, deployment_create, deployment_visit_confirm
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
    barrier = threading.Barrier(CLIENTS)
    outcomes: list[str] = []

    def deploy() -> None:
        try:
            barrier.wait()
            deployment_create(
                actor=director,
                support_request=support_request,
                designation=nia,
                days=Decimal("2"),
                starts_on=day(60),
                ends_on=day(90),
            )
            outcomes.append("deployed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=deploy) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["deployed"] * 6 + ["refused"] * 10
    assert days_deployed(designation=nia, year=year()) == Decimal("19")


@pytest.mark.django_db(transaction=True)
def test_it_confirms_a_visit_once_when_the_head_confirms_it_from_several_tabs_at_once(demo):
    head = demo.user("head")
    visit = DeploymentVisit.objects.get(
        deployment__support_request__school__name="Bellenden Road Primary School",
        confirmed_at=None,
    )
    barrier = threading.Barrier(CLIENTS)
    outcomes: list[str] = []

    def confirm() -> None:
        try:
            barrier.wait()
            deployment_visit_confirm(actor=head, visit=visit)
            outcomes.append("confirmed")
        except ValidationError:
            outcomes.append("already confirmed")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already confirmed"] * (CLIENTS - 1) + ["confirmed"]
    visit.refresh_from_db()
    assert visit.confirmed_by == head
