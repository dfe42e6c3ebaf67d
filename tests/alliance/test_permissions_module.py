import pytest
from django.core.exceptions import ValidationError

from alliance.models import Role
from alliance.permissions import UnknownPermission, has_perm, perms_for
from strands.services import alliance_create

pytestmark = pytest.mark.django_db


def test_it_raises_on_a_permission_name_nobody_grants(demo):
    director = demo.user("director").person
    with pytest.raises(UnknownPermission):
        has_perm(director, "strand.asign", demo.southwark)


def test_it_grants_a_role_only_in_its_own_alliance(demo):
    director = demo.user("director").person
    assert has_perm(director, "strand.assign", demo.southwark)
    assert not has_perm(director, "strand.assign", demo.steep)
    assert not perms_for(director, demo.steep).has_any_role


def test_it_combines_roles_and_scopes_them(demo):
    chair = perms_for(demo.user("chair").person, demo.southwark)
    assert chair.has_role(Role.CHAIR) and chair.has_role(Role.HEADTEACHER)
    assert "minutes.approve" in chair and "booking.create" in chair
    assert "strand.assign" not in chair
    lead = perms_for(demo.user("cpd-lead").person, demo.southwark)
    cpd = demo.southwark.strands.get(kind="cpd")
    itt = demo.southwark.strands.get(kind="itt")
    assert lead.may_manage_strand(cpd.pk) and not lead.may_manage_strand(itt.pk)
    assert lead.leads_strand_kind("cpd") and not lead.leads_strand_kind("itt")
    assert not perms_for(demo.user("director").person, demo.southwark).leads_strand_kind("cpd")


def test_it_gives_an_sle_their_own_deployments_only(demo):
    sle = perms_for(demo.user("sle").person, demo.southwark)
    assert sle.is_designated
    assert "deployment.view_own" in sle
    assert "support.broker" not in sle


def test_it_gives_anonymous_visitors_nothing(demo):
    assert not has_perm(None, "home.view", demo.southwark)


def test_it_creates_the_six_strands_with_every_alliance():
    alliance = alliance_create(
        # Not one of the demo's: Endeavour, once used here, is in the demo now.
        name="Thames Gateway Teaching School Alliance",
        slug="thames-gateway",
        protocols=[("Commitment", "Two strands each."), ("Trust", "Open and honest.")],
    )
    assert [s.kind for s in alliance.strands.all()] == [
        "itt",
        "cpd",
        "leadership",
        "school-support",
        "sle",
        "research",
    ]
    assert [p.title for p in alliance.protocols.all()] == ["Commitment", "Trust"]


def test_it_refuses_a_slug_the_portal_uses_itself():
    with pytest.raises(ValidationError) as error:
        alliance_create(name="Admin Alliance", slug="admin")
    assert "is used by the portal itself" in str(error.value)
