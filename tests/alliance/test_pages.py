import pytest
from django.core.management import call_command
from django.urls import reverse

from alliance.models import AcademicYear, Role, RoleAssignment
from members.models import (
    Designation,
    Membership,
    MembershipKind,
    Organisation,
    Person,
    Phase,
    Specialism,
)
from strands.models import Contribution

pytestmark = pytest.mark.django_db


def test_it_lists_every_alliance_at_the_site_root(client, demo):
    page = client.get("/").content.decode()
    assert "Southwark Teaching School Alliance" in page
    assert "South Thames Early Education Partnership" in page


def test_it_shows_vision_protocols_and_who_leads(client, demo):
    page = client.get("/southwark/").content.decode()
    assert "nurtured and challenged to flourish" in page
    assert (
        "<strong>Commitment</strong>: All partners commit to contributing to at least two" in page
    )
    assert page.index("Commitment") < page.index("Sensitivity")
    for name in ["Helen Marsh", "Marcus Bell", "Ruth Okonjo", "Aisha Mensah"]:
        assert name in page


def test_it_shows_each_role_its_own_work(login, demo):
    director = login("director").get("/southwark/home/").content.decode()
    assert "Invite a person" in director
    head = login("head").get("/southwark/home/").content.decode()
    assert "Headteacher, Bellenden Road Primary School" in head
    assert "Invite a person" not in head
    sle = login("sle").get("/southwark/home/").content.decode()
    assert "Phonics and early reading" in sle


def test_it_filters_the_member_directory_by_kind_and_phase(client, demo):
    url = reverse("members:member-directory", kwargs={"alliance_slug": "southwark"})
    page = client.get(url, {"kind": "member_school", "phase": "nursery"}).content.decode()
    assert "Peckham Rye Nursery School" in page
    assert "Surrey Quays Primary School" in page
    assert "Albion Street Primary School" not in page
    assert "Crampton Primary School" not in page
    partners = client.get(url, {"kind": "strategic_partner"}).content.decode()
    assert "UCL Institute of Education" in partners
    assert "Peckham Rye Nursery School" not in partners


def test_it_explains_an_unknown_filter_value(client, demo):
    url = reverse("members:member-directory", kwargs={"alliance_slug": "southwark"})
    page = client.get(url, {"phase": "university"}).content.decode()
    assert "Select a valid choice" in page


def test_it_lists_the_alliances_sles_and_nles(client, demo):
    page = client.get("/southwark/sles/", follow=True).content.decode()
    assert page.count('<abbr title="Specialist Leader of Education">SLE</abbr>') == 13
    assert page.count('<abbr title="National Leader of Education">NLE</abbr>') == 3
    assert "Nia Campbell" in page


def test_it_shows_a_strands_lead_and_contributing_partners(client, demo):
    page = client.get("/southwark/strands/school-support/").content.decode()
    assert "Kwame Asante" in page
    assert "Education Development Trust" in page
    assert "The Future Leaders Trust" in page


def test_it_keeps_one_alliances_people_out_of_anothers_pages(client, demo):
    page = client.get("/steep/").content.decode()
    assert "Joy Achebe" in page
    assert "Ruth Okonjo" not in page


def test_it_can_load_the_demo_twice_without_duplicates(demo):
    before = [
        m.objects.count()
        for m in (Organisation, Person, RoleAssignment, Membership, Designation, Contribution)
    ]
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = [
        m.objects.count()
        for m in (Organisation, Person, RoleAssignment, Membership, Designation, Contribution)
    ]
    assert before == after


def _grow(demo, n: int) -> None:
    """Add n more member schools, each with a head, an SLE and a strand contribution."""
    year = AcademicYear.current()
    phase = Phase.objects.get(code="primary")
    specialism = Specialism.objects.first()
    strand = demo.southwark.strands.get(kind="cpd")
    for i in range(n):
        org = Organisation.objects.create(name=f"Growth School {i}")
        org.phases.add(phase)
        Membership.objects.create(
            alliance=demo.southwark,
            organisation=org,
            academic_year=year,
            kind=MembershipKind.MEMBER_SCHOOL,
        )
        head = Person.objects.create(full_name=f"Head {i}", organisation=org)
        RoleAssignment.objects.create(
            alliance=demo.southwark,
            academic_year=year,
            person=head,
            role=Role.HEADTEACHER,
            organisation=org,
            starts_on=year.starts_on,
        )
        designation = Designation.objects.create(
            alliance=demo.southwark,
            person=head,
            kind="sle",
            phase=phase,
            days_available_per_year=10,
        )
        designation.specialisms.add(specialism)
        Contribution.objects.create(
            strand=strand, organisation=org, academic_year=year, starts_on=year.starts_on
        )


PAGES = [
    "/southwark/",
    "/southwark/members/?phase=primary",
    "/southwark/sle/",
    "/southwark/strands/",
    "/southwark/strands/cpd/",
    "/southwark/people/",
    "/southwark/home/",
]


@pytest.mark.parametrize("path", PAGES)
def test_it_keeps_query_counts_flat_as_the_alliance_grows(
    path, login, demo, django_assert_max_num_queries
):
    client = login("director")
    client.get(path)  # warm the session and content-type caches
    # The most is the director's home: its dashboard, the account menu's alliances, ITT's two
    # (causes for concern; whether the person mentors or trains) and issue 15's three (the cohort
    # tasks, and whether a talent pool nomination waits for them), and the peer reviews they are on.
    with django_assert_max_num_queries(27) as small:
        assert client.get(path).status_code == 200
    _grow(demo, 30)
    with django_assert_max_num_queries(27) as grown:
        assert client.get(path).status_code == 200
    assert len(grown.captured_queries) == len(small.captured_queries)
