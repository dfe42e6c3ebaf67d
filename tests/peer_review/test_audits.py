"""Phase and subject audits: SLEs of the specialism only, their days counted against what their
schools release (with the director's recorded override), the report and priorities."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from members.models import Designation, Organisation, Phase, Specialism
from peer_review.models import Audit
from peer_review.services import audit_create
from strands.models import Deployment
from tests.peer_review.helpers import day, url

pytestmark = pytest.mark.django_db


def _sle(specialism: str) -> Designation:
    return (
        Designation.objects.filter(
            kind="sle", active=True, specialisms__name=specialism, alliance__slug="southwark"
        )
        .order_by("pk")
        .first()
    )


def _audit(demo, sle: Designation, specialism: str = "Phonics and early reading", **kw) -> Audit:
    return audit_create(
        actor=demo.user("director"),
        alliance=demo.southwark,
        school=Organisation.objects.get(name="Albion Street Primary School"),
        specialism=Specialism.objects.get(name=specialism),
        phase=Phase.objects.get(code="primary"),
        visit_on=day(80),
        days=kw.pop("days", Decimal("1")),
        designations=[sle],
        **kw,
    )


def test_it_refuses_an_sle_of_another_specialism(demo):
    with pytest.raises(ValidationError, match="is not an SLE for Phonics and early reading"):
        _audit(demo, _sle("Mathematics"))


def test_the_audit_days_count_against_the_sles_released_days(demo):
    sle = _sle("Phonics and early reading")
    before = Deployment.objects.filter(designation=sle).count()
    with pytest.raises(ValidationError, match="days left"):
        _audit(demo, sle, days=Decimal("50"))
    assert Deployment.objects.filter(designation=sle).count() == before
    assert not Audit.objects.filter(school__name="Albion Street Primary School").exists()

    audit = _audit(demo, sle, days=Decimal("50"), override_reason="The school is in difficulty.")
    deployment = Deployment.objects.get(support_request=audit.support_request)
    assert deployment.days == Decimal("50")
    assert deployment.capacity_override_reason == "The school is in difficulty."


def test_the_director_commissions_an_audit_through_the_form(demo, client):
    client.force_login(demo.user("director"))
    sle = _sle("Mathematics")
    response = client.post(
        url("audit-create"),
        {
            "school": Organisation.objects.get(name="Albion Street Primary School").pk,
            "specialism": Specialism.objects.get(name="Phonics and early reading").pk,
            "phase": Phase.objects.get(code="primary").pk,
            "visit_on": day(80).isoformat(),
            "days": "1",
            "designations": [sle.pk],
        },
    )
    assert "is not an SLE for Phonics and early reading" in response.content.decode()


def test_the_demo_audit_shows_its_priority_and_the_sle_deployed(demo, client):
    client.force_login(demo.user("director"))
    audit = Audit.objects.get(school__name="Bramcote Green Nursery School")
    page = client.get(url("audit-detail", pk=audit.pk)).content.decode()
    assert "Plan the outdoor area for early number and shape" in page
    assert "SLE deployed" in page
    client.force_login(demo.user("head"))
    assert client.get(url("audit-detail", pk=audit.pk)).status_code == 404
