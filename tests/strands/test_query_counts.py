"""List pages keep a fixed number of queries as their lists grow."""

from decimal import Decimal

import pytest

from members.models import Designation, Organisation, Phase, Specialism
from strands.models import ClusterSchool, Deployment, PeerReviewCluster, SupportRequest
from tests.strands.helpers import day, organisation, person, url, year

pytestmark = pytest.mark.django_db


def _more_requests(demo, count: int) -> None:
    nia = Designation.objects.get(person__full_name="Nia Campbell")
    for index in range(count):
        request = SupportRequest.objects.create(
            alliance=demo.southwark,
            academic_year=year(),
            school=organisation("Bellenden Road Primary School"),
            area_of_need=Specialism.objects.get(name="Mathematics"),
            phase=Phase.objects.get(code="primary"),
            description=f"Request {index}",
            preferred_dates="Any",
            requested_by=person("Daniel Forde"),
        )
        Deployment.objects.create(
            support_request=request,
            designation=nia,
            academic_year=year(),
            days=Decimal("0.5"),
            starts_on=day(50),
            ends_on=day(60),
        )


def _more_clusters(demo, count: int) -> None:
    start = PeerReviewCluster.objects.count()
    for index in range(start, start + count):
        schools = [Organisation.objects.create(name=f"Extra school {index}-{n}") for n in (1, 2)]
        cluster = PeerReviewCluster.objects.create(
            alliance=demo.southwark,
            academic_year=year(),
            name=f"Extra cluster {index}",
            lead_school=schools[0],
        )
        for school in schools:
            ClusterSchool.objects.create(
                cluster=cluster, organisation=school, alliance=demo.southwark, academic_year=year()
            )


# Not "page": that name would make pytest-playwright treat these as browser tests.
@pytest.mark.parametrize(
    ("persona", "page_name", "grow"),
    [
        ("director", "support-list", _more_requests),
        ("head", "support-list", _more_requests),
        ("sle", "deployment-mine", _more_requests),
        ("director", "capacity", _more_requests),
        ("director", "cluster-list", _more_clusters),
    ],
)
def test_it_keeps_list_queries_constant(
    persona, page_name, grow, login, demo, django_assert_max_num_queries
):
    client = login(persona)
    grow(demo, 2)
    with django_assert_max_num_queries(25) as before:
        assert client.get(url(page_name)).status_code == 200
    grow(demo, 15)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url(page_name)).status_code == 200
