import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliance.models import AcademicYear, Role, RoleAssignment
from members.models import Membership, MembershipKind, Organisation, OrganisationType, Person
from strands.models import StrandChange, StrandChangeKind
from strands.services import strategic_lead_assign
from tests.strands.helpers import current_lead, day, person, url, year

pytestmark = pytest.mark.django_db


def _cpd_leads():
    return RoleAssignment.objects.filter(
        alliance__slug="southwark",
        academic_year=year(),
        role=Role.STRATEGIC_LEAD,
        strand__kind="cpd",
    ).order_by("starts_on")


def test_it_changes_the_cpd_lead_and_keeps_the_history(login, demo):
    client = login("director")
    old = current_lead("cpd")
    response = client.post(
        url("lead-change", pk=old.pk),
        {
            "person": person("Fiona Gray").pk,
            "starts_on": day(60),
            "funded_days": "0.5",
            "funded_period": "week",
        },
    )
    assert response.status_code == 302
    leads = list(_cpd_leads())
    assert [lead.person.full_name for lead in leads] == ["Aisha Mensah", "Fiona Gray"]
    assert leads[0].ends_on == day(59)
    assert leads[1].starts_on == day(60)
    assert leads[1].created_by == demo.user("director")
    history = client.get(url("board-history")).content.decode()
    assert "Aisha Mensah" in history and "Fiona Gray" in history
    assert "director@demo.test" in history
    kinds = set(StrandChange.objects.filter(strand__kind="cpd").values_list("kind", flat=True))
    assert {StrandChangeKind.LEAD_ENDED, StrandChangeKind.LEAD_ASSIGNED} <= kinds


def test_it_refuses_an_overlapping_lead_with_a_clear_message(login):
    client = login("director")
    response = client.post(
        url("lead-assign"),
        {
            "strand": current_lead("cpd").strand_id,
            "person": person("Fiona Gray").pk,
            "starts_on": day(30),
            "funded_days": "0.5",
            "funded_period": "week",
        },
    )
    assert response.status_code == 200
    assert "Aisha Mensah already leads Continuing professional development" in (
        response.content.decode()
    )
    assert _cpd_leads().count() == 1


def test_it_assigns_a_lead_after_the_previous_one_ended(login):
    client = login("director")
    old = current_lead("research")
    client.post(url("lead-end", pk=old.pk), {"ends_on": day(90)})
    response = client.post(
        url("lead-assign"),
        {
            "strand": old.strand_id,
            "person": person("Clare Whitaker").pk,
            "starts_on": day(91),
            "funded_days": "1",
            "funded_period": "half_term",
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.ends_on == day(90)  # ended, not deleted
    assert RoleAssignment.objects.filter(person__full_name="Clare Whitaker", strand=old.strand)


def test_it_shows_field_errors_for_bad_dates(login):
    client = login("director")
    response = client.post(
        url("lead-assign"),
        {
            "strand": current_lead("cpd").strand_id,
            "person": person("Fiona Gray").pk,
            "starts_on": day(30),
            "ends_on": day(10),
            "funded_days": "-1",
            "funded_period": "week",
        },
    )
    body = response.content.decode()
    assert "The end date cannot be before the start date." in body
    assert "Ensure this value is greater than or equal to 0." in body


def test_it_refuses_a_change_dated_before_the_current_lead_started(login):
    client = login("director")
    old = current_lead("cpd")
    response = client.post(
        url("lead-change", pk=old.pk),
        {
            "person": person("Fiona Gray").pk,
            "starts_on": old.starts_on,
            "funded_days": "0.5",
            "funded_period": "week",
        },
    )
    assert "the change must take effect after that" in response.content.decode()
    assert _cpd_leads().count() == 1


@pytest.mark.parametrize("persona", ["chair", "board", "cpd-lead", "head", "steep-director"])
def test_it_lets_only_the_director_change_assignments(persona, login):
    client = login(persona)
    old = current_lead("cpd")
    response = client.post(
        url("lead-end", pk=old.pk), {"ends_on": datetime.date.today().isoformat()}
    )
    assert response.status_code == 403
    old.refresh_from_db()
    assert old.ends_on is None


def test_it_checks_the_permission_again_in_the_service(demo):
    old = current_lead("cpd")
    with pytest.raises(PermissionDenied):
        strategic_lead_assign(
            actor=demo.user("chair"),
            strand=old.strand,
            person=person("Fiona Gray"),
            starts_on=day(100),
        )


def test_it_refuses_a_person_from_outside_the_alliance(demo):
    steep_person = person("Mei Lin")
    old = current_lead("cpd")
    old.ends_on = day(10)
    old.save()
    with pytest.raises(ValidationError, match="not a member or partner"):
        strategic_lead_assign(
            actor=demo.user("director"), strand=old.strand, person=steep_person, starts_on=day(20)
        )


def test_it_answers_who_led_cpd_last_year(login):
    client = login("chair")
    previous = year().start_year - 1
    body = client.get(url("board-history") + f"?year={previous}").content.decode()
    assert "Priya Patel" in body and "Aisha Mensah" in body


@pytest.fixture
def former_member_staff(demo) -> Person:
    """A teacher of a school that was a member of Southwark last year and is not this year."""
    school = Organisation.objects.create(
        name="Lapsed Primary School", organisation_type=OrganisationType.SCHOOL
    )
    last_year, _ = AcademicYear.objects.get_or_create(start_year=year().start_year - 1)
    Membership.objects.create(
        alliance=demo.southwark,
        organisation=school,
        academic_year=last_year,
        kind=MembershipKind.MEMBER_SCHOOL,
        joined_on=last_year.starts_on,
    )
    return Person.objects.create(
        full_name="Lena Lapsed", email="lena@lapsed.test", organisation=school
    )


def test_it_offers_no_lead_from_a_school_that_was_a_member_only_last_year(
    login, former_member_staff
):
    response = login("director").post(
        url("lead-assign"),
        {
            "strand": current_lead("research").strand_id,
            "person": former_member_staff.pk,
            "starts_on": day(30),
            "funded_days": "0.5",
            "funded_period": "week",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not RoleAssignment.objects.filter(person=former_member_staff).exists()


def test_it_refuses_in_the_service_a_lead_from_last_years_member(demo, former_member_staff):
    with pytest.raises(ValidationError) as error:
        strategic_lead_assign(
            actor=demo.user("director"),
            strand=current_lead("research").strand,
            person=former_member_staff,
            starts_on=day(200),
        )
    assert "Lapsed Primary School is not a member or partner of" in str(error.value)
