"""An SLE's deployment page: the school's request, the agreed days and a log of visits that the
receiving school's head confirms, once.

Decided: a visit is half a day or a whole day on one date (one visit per date), dated on a day
that has passed, within the deployment. Visits beyond the agreed days are recorded, because the
time was given, and the deployment then shows as over its agreed days to the SLE and the director.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from strands.models import Deployment, DeploymentStatus, DeploymentVisit
from strands.services import deployment_visit_confirm, deployment_visit_record
from tests.strands.helpers import url, year

# In term, so days just past and tomorrow are in this academic year, whatever day the suite runs.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("autumn_term")]

BELLENDEN = "Bellenden Road Primary School"


@pytest.fixture
def deployment(demo) -> Deployment:
    """Nia Campbell (the SLE persona) at Bellenden (the head persona's school), 3 agreed days,
    1.5 delivered in the demo (1 confirmed). Dated over the whole year, so that today is in it."""
    found = Deployment.objects.get(
        support_request__school__name=BELLENDEN, status=DeploymentStatus.IN_PROGRESS
    )
    found.starts_on, found.ends_on = year().starts_on, year().ends_on
    found.save()
    return found


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _record(client, deployment, **data):
    return client.post(url("visit-record", pk=deployment.pk), data)


def test_it_lets_the_sle_open_their_deployment_from_their_list(login, deployment):
    client = login("sle")
    mine = client.get(url("deployment-mine")).content.decode()
    assert url("deployment-detail", pk=deployment.pk) in mine
    page = client.get(url("deployment-detail", pk=deployment.pk)).content.decode()
    assert "coaching on guided reading" in page  # what this school needs
    assert "Year 1 phonics screening" not in page  # not the school's other requests
    assert "Delivered 1.5 of 3 agreed days · 1 confirmed by the school" in page
    assert "Record a visit" in page


def test_it_records_a_visit_and_shows_the_director_delivered_against_agreed(
    login, demo, deployment
):
    today = timezone.localdate()
    response = _record(
        login("sle"), deployment, visited_on=today, days="1", note="Modelled a guided reading."
    )
    assert response.status_code == 302
    visit = DeploymentVisit.objects.get(deployment=deployment, visited_on=today)
    assert (visit.days, visit.note, visit.recorded_by) == (
        Decimal("1"),
        "Modelled a guided reading.",
        demo.user("sle"),
    )
    request_page = login("director").get(url("support-detail", pk=deployment.support_request_id))
    assert "Delivered 2.5 of 3 agreed days · 1 confirmed by the school" in (
        request_page.content.decode()
    )


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("0", "Record at least half a day (0.5)."),
        ("-1", "Record at least half a day (0.5)."),
        ("0.25", "Record at least half a day (0.5)."),
        ("0.7", "Record half a day (0.5) or a whole day (1)."),
        ("1.5", "Record at most one day for one date"),
        ("100", "Record at most one day for one date"),
        ("a day", "Enter a number."),
    ],
)
def test_it_refuses_days_that_are_not_half_or_whole_days(login, deployment, days, message):
    response = _record(login("sle"), deployment, visited_on=timezone.localdate(), days=days)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body.split('id="div_id_days"')[1]  # next to the field
    assert not deployment.visits.filter(visited_on=timezone.localdate()).exists()


def test_it_refuses_odd_days_in_the_service_too(demo, deployment):
    for days in (Decimal("0.25"), Decimal("2"), Decimal("0"), Decimal("-0.5")):
        with pytest.raises(ValidationError) as refused:
            deployment_visit_record(
                actor=demo.user("sle"),
                deployment=deployment,
                visited_on=timezone.localdate(),
                days=days,
            )
        assert "days" in refused.value.error_dict


def test_it_refuses_a_visit_dated_in_the_future(login, deployment):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _record(login("sle"), deployment, visited_on=tomorrow, days="1")
    assert "Record a visit once it has happened, not before." in response.content.decode()
    assert not deployment.visits.filter(visited_on=tomorrow).exists()


def test_it_refuses_a_visit_outside_the_deployment(login, deployment):
    deployment.starts_on = _days_ago(3)
    deployment.save()
    response = _record(login("sle"), deployment, visited_on=_days_ago(5), days="1")
    assert "The date must fall within the deployment" in response.content.decode()
    assert not deployment.visits.filter(visited_on=_days_ago(5)).exists()


def test_it_records_one_visit_per_date_so_a_double_click_records_it_once(login, deployment):
    client = login("sle")
    today = timezone.localdate()
    assert _record(client, deployment, visited_on=today, days="1").status_code == 302
    again = _record(client, deployment, visited_on=today, days="1")
    assert "A visit on this date is already recorded." in again.content.decode()
    assert deployment.visits.filter(visited_on=today).count() == 1


def test_it_records_more_than_the_agreed_days_and_flags_it(login, deployment):
    client = login("sle")
    for days_ago in (0, 1, 2):
        response = _record(client, deployment, visited_on=_days_ago(days_ago), days="1")
        assert response.status_code == 302
    # 1.5 in the demo and 3 now: 4.5 of 3 agreed.
    flag = "Delivered 4.5 of 3 agreed days"
    over = "1.5 over the agreed days"
    page = client.get(url("deployment-detail", pk=deployment.pk)).content.decode()
    assert flag in page and over in page
    assert "(1.5 over)" in client.get(url("deployment-mine")).content.decode()
    director = login("director").get(url("support-detail", pk=deployment.support_request_id))
    assert over in director.content.decode()


@pytest.mark.parametrize("status", [DeploymentStatus.PROPOSED, DeploymentStatus.WITHDRAWN])
def test_it_records_no_visit_before_the_deployment_is_agreed_or_once_withdrawn(
    login, demo, deployment, status
):
    deployment.status = status
    deployment.save()
    client = login("sle")
    page = client.get(url("deployment-detail", pk=deployment.pk)).content.decode()
    assert "Record a visit" not in page
    posted = _record(client, deployment, visited_on=timezone.localdate(), days="1")
    assert "it must be agreed with the school first" in posted.content.decode()
    with pytest.raises(ValidationError):
        deployment_visit_record(
            actor=demo.user("sle"),
            deployment=deployment,
            visited_on=timezone.localdate(),
            days=Decimal("1"),
        )


def test_it_lets_no_one_but_the_deployed_sle_record_a_visit(login, demo, deployment):
    for persona in ("director", "head"):
        with pytest.raises(PermissionDenied):
            deployment_visit_record(
                actor=demo.user(persona),
                deployment=deployment,
                visited_on=timezone.localdate(),
                days=Decimal("1"),
            )
    assert _record(login("head"), deployment, visited_on=timezone.localdate()).status_code == 403
    assert not deployment.visits.filter(visited_on=timezone.localdate()).exists()


def test_it_tells_another_sle_nothing_of_a_deployment_not_theirs(login, deployment):
    other = Deployment.objects.exclude(designation=deployment.designation).first()
    client = login("sle")
    assert client.get(url("deployment-detail", pk=other.pk)).status_code == 404
    assert _record(client, other, visited_on=timezone.localdate(), days="1").status_code == 404


def _unconfirmed(deployment) -> DeploymentVisit:
    return deployment.visits.get(confirmed_at=None)


def test_it_lets_the_receiving_head_confirm_a_visit_once(login, demo, deployment):
    visit = _unconfirmed(deployment)
    client = login("head")
    page = client.get(url("deployment-detail", pk=deployment.pk)).content.decode()
    assert "Record a visit" not in page and "Confirm<span" in page
    response = client.post(url("visit-confirm", pk=visit.pk), follow=True)
    visit.refresh_from_db()
    assert visit.confirmed_by == demo.user("head")
    confirmed_at = visit.confirmed_at
    body = response.content.decode()
    assert "confirmed" in body and "Delivered 1.5 of 3 agreed days · 1.5 confirmed" in body
    again = client.post(url("visit-confirm", pk=visit.pk), follow=True).content.decode()
    assert "This visit was already confirmed by head@demo.test" in again
    visit.refresh_from_db()
    assert visit.confirmed_at == confirmed_at


def test_it_lets_only_the_receiving_head_confirm(login, demo, deployment):
    visit = _unconfirmed(deployment)
    assert login("chair").post(url("visit-confirm", pk=visit.pk)).status_code == 404
    assert login("director").post(url("visit-confirm", pk=visit.pk)).status_code == 403
    assert login("sle").post(url("visit-confirm", pk=visit.pk)).status_code == 403
    for persona in ("director", "sle", "chair"):
        with pytest.raises(PermissionDenied):
            deployment_visit_confirm(actor=demo.user(persona), visit=visit)
    visit.refresh_from_db()
    assert not visit.is_confirmed


def test_it_keeps_the_deployment_page_to_a_fixed_number_of_queries(
    login, deployment, django_assert_max_num_queries
):
    def add_visits(count: int) -> None:
        start = deployment.visits.order_by("-visited_on").first().visited_on
        for n in range(1, count + 1):
            DeploymentVisit.objects.create(
                deployment=deployment,
                visited_on=start + datetime.timedelta(days=n),
                days=Decimal("0.5"),
            )

    for persona in ("sle", "director", "head"):
        client = login(persona)
        add_visits(2)
        with django_assert_max_num_queries(25) as before:
            assert client.get(url("deployment-detail", pk=deployment.pk)).status_code == 200
        add_visits(15)
        with django_assert_max_num_queries(len(before.captured_queries)):
            assert client.get(url("deployment-detail", pk=deployment.pk)).status_code == 200
