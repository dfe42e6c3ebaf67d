import pytest
from django.db import IntegrityError

from strands.models import ClusterSchool, PeerReviewCluster
from tests.strands.helpers import organisation, url, year

pytestmark = pytest.mark.django_db


def test_it_lists_the_five_demo_clusters_over_22_schools(login, demo):
    body = login("director").get(url("cluster-list")).content.decode()
    clusters = PeerReviewCluster.objects.filter(alliance=demo.southwark, academic_year=year())
    assert clusters.count() == 5
    assert ClusterSchool.objects.filter(cluster__in=clusters).count() == 22
    assert "Dulwich cluster" in body


def test_it_refuses_a_school_already_in_a_cluster_this_year(login):
    client = login("director")
    taken = organisation("Honor Oak Primary School")
    free = organisation("Charles Dickens Primary School")
    response = client.post(
        url("cluster-create"),
        {"name": "New cluster", "lead_school": free.pk, "schools": [free.pk, taken.pk]},
    )
    assert "A school is in at most one cluster a year" in response.content.decode()
    assert "Honor Oak Primary School (in Dulwich cluster)" in response.content.decode()
    assert not PeerReviewCluster.objects.filter(name="New cluster").exists()


def test_it_forms_a_cluster_with_its_lead_school(login):
    client = login("director")
    dickens = organisation("Charles Dickens Primary School")
    crampton = organisation("Crampton Primary School")
    response = client.post(
        url("cluster-create"),
        {"name": "Teaching schools cluster", "lead_school": dickens.pk, "schools": [crampton.pk]},
    )
    assert response.status_code == 302
    cluster = PeerReviewCluster.objects.get(name="Teaching schools cluster")
    assert set(cluster.schools.values_list("organisation__name", flat=True)) == {
        "Charles Dickens Primary School",
        "Crampton Primary School",
    }


def test_it_holds_the_one_cluster_rule_in_the_database(demo):
    row = ClusterSchool.objects.filter(alliance=demo.southwark).first()
    other = PeerReviewCluster.objects.exclude(pk=row.cluster_id).first()
    with pytest.raises(IntegrityError):
        ClusterSchool.objects.create(
            cluster=other,
            organisation=row.organisation,
            alliance=row.alliance,
            academic_year=row.academic_year,
        )
