import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliance.models import AcademicYear, Role, RoleAssignment
from members.models import Invitation, InvitationState, Membership, MembershipKind, Organisation

pytestmark = pytest.mark.django_db


def test_it_refuses_a_urn_another_school_already_has():
    Organisation.objects.create(name="First School", urn="123456")
    duplicate = Organisation(name="Second School", urn="123456")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Another organisation already has this URN." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_it_allows_many_organisations_without_a_urn():
    Organisation.objects.create(name="A university", organisation_type="university")
    second = Organisation(name="A trust", organisation_type="trust")
    second.full_clean()
    second.save()
    assert Organisation.objects.filter(urn="").count() >= 2


def test_it_rejects_a_urn_that_is_not_six_or_seven_digits():
    with pytest.raises(ValidationError) as error:
        Organisation(name="Bad URN School", urn="12a45").full_clean()
    assert "A URN is six or seven digits." in error.value.message_dict["urn"]


def test_it_keeps_one_membership_per_organisation_per_year(demo):
    membership = demo.southwark.memberships.first()
    again = Membership(
        alliance=membership.alliance,
        organisation=membership.organisation,
        academic_year=membership.academic_year,
        kind=MembershipKind.MEMBER_SCHOOL,
    )
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "already a member of the alliance for that year" in str(error.value)


def test_it_lets_an_organisation_renew_for_the_next_year(demo):
    membership = demo.southwark.memberships.order_by("-academic_year__start_year").first()
    next_year, _ = AcademicYear.objects.get_or_create(
        start_year=membership.academic_year.start_year + 1
    )
    renewed = Membership(
        alliance=membership.alliance,
        organisation=membership.organisation,
        academic_year=next_year,
        kind=membership.kind,
    )
    renewed.full_clean()
    renewed.save()
    assert membership.organisation.memberships.filter(alliance=demo.southwark).count() >= 2


def _invitation(demo, **overrides) -> Invitation:
    fields = {
        "alliance": demo.southwark,
        "email": "new.person@demo.test",
        "full_name": "New Person",
        "organisation": Organisation.objects.get(name="Crampton Primary School"),
        "role": Role.BOARD_MEMBER,
    }
    fields.update(overrides)
    return Invitation.objects.create(**fields)


def test_it_marks_an_invitation_expired_after_its_date(demo):
    invitation = _invitation(demo)
    assert invitation.state == InvitationState.PENDING
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    assert invitation.state == InvitationState.EXPIRED
    assert not invitation.is_usable


def test_it_requires_a_strand_for_a_strategic_lead_invitation(demo):
    invitation = Invitation(
        alliance=demo.southwark,
        email="lead@demo.test",
        full_name="Lead",
        organisation=Organisation.objects.get(name="Crampton Primary School"),
        role=Role.STRATEGIC_LEAD,
    )
    with pytest.raises(ValidationError) as error:
        invitation.full_clean()
    assert error.value.message_dict["strand"] == ["Choose the strand this strategic lead leads."]


def test_it_refuses_a_strand_of_another_alliance_on_a_role(demo):
    director = RoleAssignment.objects.filter(alliance=demo.southwark, role=Role.DIRECTOR).first()
    assignment = RoleAssignment(
        alliance=demo.southwark,
        academic_year=director.academic_year,
        person=director.person,
        role=Role.STRATEGIC_LEAD,
        strand=demo.steep.strands.get(kind="cpd"),
        starts_on=director.academic_year.starts_on,
    )
    with pytest.raises(ValidationError) as error:
        assignment.full_clean()
    assert error.value.message_dict["strand"] == ["That strand belongs to another alliance."]


def test_it_keeps_a_role_inside_its_academic_year(demo):
    director = RoleAssignment.objects.filter(alliance=demo.southwark, role=Role.DIRECTOR).first()
    year = director.academic_year
    assignment = RoleAssignment(
        alliance=demo.southwark,
        academic_year=year,
        person=director.person,
        role=Role.CHAIR,
        starts_on=year.ends_on + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        assignment.full_clean()
    assert error.value.message_dict["starts_on"] == [f"The start date must fall within {year}."]


def test_it_counts_a_role_only_in_its_own_alliance_and_year(demo):
    director = RoleAssignment.objects.get(alliance=demo.southwark, role=Role.DIRECTOR)
    current = RoleAssignment.objects.current()
    assert current.filter(pk=director.pk).exists()
    assert not current.filter(alliance=demo.steep, person=director.person).exists()
    last_year_day = director.academic_year.starts_on - datetime.timedelta(days=1)
    assert not RoleAssignment.objects.active_on(last_year_day).filter(pk=director.pk).exists()


def test_it_names_academic_years_as_schools_do():
    year = AcademicYear(start_year=2025)
    assert str(year) == "2025/26"
    assert year.starts_on == datetime.date(2025, 9, 1)
    assert year.ends_on == datetime.date(2026, 8, 31)
    assert AcademicYear.start_year_for(datetime.date(2026, 8, 31)) == 2025
    assert AcademicYear.start_year_for(datetime.date(2026, 9, 1)) == 2026


def test_it_totals_funded_time_per_year(demo):
    director = RoleAssignment.objects.get(alliance=demo.southwark, role=Role.DIRECTOR)
    finance = RoleAssignment.objects.get(alliance=demo.southwark, role=Role.FINANCE_HOLDER)
    assert director.funded_time_label == "2 days a week"
    assert director.funded_days_per_year == 78
    assert finance.funded_time_label == "1 day a half term"
    assert finance.funded_days_per_year == 6
