from __future__ import annotations

import pytest

from alliance.models import AcademicYear, Alliance
from finance import services
from finance.models import FinanceSettings, Invoice, InvoiceStatus, MissedPolicy
from members.models import Membership, MembershipKind, Organisation, Person
from programmes.models import Programme


@pytest.fixture
def southwark(demo) -> Alliance:
    return demo.southwark


@pytest.fixture
def gareth(demo) -> Person:
    """The demo's finance holder."""
    return Person.objects.get(user__email="finance@demo.test")


@pytest.fixture
def school(demo) -> Organisation:
    """A member school this year with nothing billed or to bill: made here, as every demo
    school has a place on one of this term's NPQ cohorts."""
    school = Organisation.objects.create(name="Peckham Park Primary School", urn="199002")
    Membership.objects.create(
        alliance=demo.southwark,
        organisation=school,
        academic_year=AcademicYear.current(),
        kind=MembershipKind.MEMBER_SCHOOL,
    )
    return school


@pytest.fixture
def settings_of(southwark):
    def _settings(**changes) -> FinanceSettings:
        settings = services.settings_of(southwark)
        settings.missed_policy = changes.pop("missed_policy", MissedPolicy.PLACE_PRICE)
        for name, value in changes.items():
            setattr(settings, name, value)
        settings.save()
        return settings

    return _settings


@pytest.fixture
def priced_programme(southwark) -> Programme:
    """Mastery in mathematics: £50 for members, £120 for others."""
    return Programme.objects.get(alliance=southwark, title="Mastery in mathematics")


@pytest.fixture
def open_invoice(demo) -> Invoice:
    """The demo's subscription invoice to Bellenden Road (the demo head's school): unpaid."""
    return Invoice.objects.get(
        school__name="Bellenden Road Primary School",
        source="subscription",
        status=InvoiceStatus.ISSUED,
    )
