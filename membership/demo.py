"""Demo membership: Southwark's offers for last year, this year and next, one application
waiting for the director and one declined, and last year's renewals answered (this year's
requests go out in June, so none are out yet). Keyed on natural keys: running it again adds
nothing, and leaves alone any tier the director has changed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from alliance.demo import DemoAlliance
from alliance.models import AcademicYear, Protocol, RoleAssignment
from members.models import Membership, MembershipKind, Organisation, OrganisationType, Phase
from membership.models import (
    Application,
    ApplicationState,
    FeeRow,
    MembershipOffer,
    Renewal,
    RenewalState,
    Tier,
)
from membership.services import quote
from strands.models import Strand, StrandKind

# (name, kind, description, members' prices, free places, SLE days,
#  [(phase code or None, roll from, roll to, fee in this year's pounds)])
TIERS = [
    (
        "Full member",
        MembershipKind.MEMBER_SCHOOL,
        "Everything the alliance does, at members' prices, with free places and SLE time.",
        True,
        4,
        2,
        [
            ("nursery", 0, None, "350"),
            ("primary", 0, 200, "600"),
            ("primary", 201, 400, "900"),
            ("primary", 401, None, "1200"),
            ("secondary", 0, 800, "1500"),
            ("secondary", 801, None, "2000"),
            ("special", 0, None, "600"),
        ],
    ),
    (
        "Associate",
        MembershipKind.MEMBER_SCHOOL,
        "Members' prices on CPD for a school trying the alliance out.",
        True,
        0,
        0,
        [(None, 0, None, "300")],
    ),
    (
        "Strategic partner",
        MembershipKind.STRATEGIC_PARTNER,
        "For universities, trusts and others who lead part of the work: no fee.",
        True,
        2,
        0,
        [(None, 0, None, "0")],
    ),
]
# Each year's fees from this year's: last year's a little lower, next year's 3% higher.
YEAR_FACTORS = {-1: Decimal("0.97"), 0: Decimal("1"), 1: Decimal("1.03")}
INTRODUCTION = (
    "Membership is for the academic year. Every member commits to contributing to at least "
    "two strands of the alliance's work."
)
PENDING = {
    "school_name": "Lyndhurst Grove Primary School",
    "urn": "100851",
    "phase": "primary",
    "number_on_roll": 315,
    "address": "Lyndhurst Grove\nLondon SE15 5AN",
    "head_name": "Priya Raman",
    "head_email": "head@lyndhurst-grove.example",
    "strands": [StrandKind.CPD, StrandKind.RESEARCH],
    "tier": "Full member",
}
DECLINED = {
    "school_name": "Thames Tutoring Ltd",
    "urn": "999001",
    "phase": "secondary",
    "number_on_roll": 40,
    "address": "1 Tower Bridge Road\nLondon SE1 2UP",
    "head_name": "Sam Doyle",
    "head_email": "sam@thames-tutoring.example",
    "strands": [StrandKind.CPD, StrandKind.SLE],
    "tier": "Associate",
    "message": "Membership is for schools and the partners who lead part of the alliance's "
    "work; a private tutoring company can book our courses at the non-members' price.",
}
# Last year's members asked to renew for this year: most renewed, one left.
RENEWED = [
    "Bellenden Road Primary School",
    "Albion Street Primary School",
    "Camberwell Grove Primary School",
    "Denmark Hill School",
    "Bramcote Green Nursery School",
    "UCL Institute of Education",
]
LEAVER = ("Queens Road Primary School", "100852", "We are joining our trust's own alliance.")


def _year(start_year: int) -> AcademicYear:
    year, _ = AcademicYear.objects.get_or_create(start_year=start_year)
    return year


def _offer(alliance, year: AcademicYear, factor: Decimal) -> MembershipOffer:
    offer, _ = MembershipOffer.objects.get_or_create(
        alliance=alliance, academic_year=year, defaults={"introduction": INTRODUCTION}
    )
    if offer.tiers.exists():
        return offer
    phases = {p.code: p for p in Phase.objects.all()}
    for position, (name, kind, text, prices, places, days, fees) in enumerate(TIERS):
        tier = Tier.objects.create(
            offer=offer,
            name=name,
            kind=kind,
            description=text,
            position=position,
            members_prices=prices,
            free_cpd_places=places,
            sle_days_at_members_rate=days,
        )
        FeeRow.objects.bulk_create(
            FeeRow(
                tier=tier,
                phase=phases.get(code) if code else None,
                roll_from=low,
                roll_to=high,
                fee=(Decimal(fee) * factor).quantize(Decimal("1")),
            )
            for code, low, high, fee in fees
        )
    return offer


def _application(alliance, offer: MembershipOffer, data: dict, state: str) -> None:
    data = dict(data)
    strands = Strand.objects.filter(alliance=alliance, kind__in=data.pop("strands"))
    tier = offer.tiers.get(name=data.pop("tier"))
    phase = Phase.objects.get(code=data.pop("phase"))
    fee, words = quote(tier=tier, phase=phase, number_on_roll=data["number_on_roll"])
    application, created = Application.objects.get_or_create(
        alliance=alliance,
        urn=data.pop("urn"),
        defaults={
            **data,
            "offer": offer,
            "tier": tier,
            "phase": phase,
            "fee": fee,
            "fee_description": words,
            "state": state,
            "protocols_accepted": list(
                Protocol.objects.filter(alliance=alliance).values_list("title", flat=True)
            ),
            "decided_at": timezone.now() if state != ApplicationState.PENDING else None,
        },
    )
    if created:
        application.strands.set(strands)


def _renewals(southwark: DemoAlliance, last_year: AcademicYear, offer: MembershipOffer) -> None:
    answered = timezone.make_aware(datetime.datetime(offer.academic_year.start_year, 6, 20, 10))
    heads = {
        a.organisation_id: a.person
        for a in RoleAssignment.objects.headships().filter(alliance=southwark.alliance)
    }
    tiers = {t.name: t for t in offer.tiers.prefetch_related("fees")}
    for org in Organisation.objects.filter(name__in=RENEWED):
        partner = org.organisation_type != OrganisationType.SCHOOL
        tier = tiers["Strategic partner" if partner else "Full member"]
        row = tier.fee_row_for(phase=org.phases.order_by("position").first(), number_on_roll=250)
        Renewal.objects.get_or_create(
            offer=offer,
            organisation=org,
            defaults={
                "alliance": southwark.alliance,
                "state": RenewalState.RENEWED,
                "answered_at": answered,
                "answered_by": heads.get(org.pk),
                "tier": tier,
                "number_on_roll": 250,
                "fee": row.fee if row else Decimal("0"),
            },
        )
    name, urn, reason = LEAVER
    leaver, _ = Organisation.objects.get_or_create(
        urn=urn, defaults={"name": name, "local_authority": "Southwark"}
    )
    leaver.phases.add(Phase.objects.get(code="primary"))
    Membership.objects.get_or_create(
        alliance=southwark.alliance,
        organisation=leaver,
        academic_year=last_year,
        defaults={"kind": MembershipKind.MEMBER_SCHOOL, "joined_on": last_year.starts_on},
    )
    Renewal.objects.get_or_create(
        offer=offer,
        organisation=leaver,
        defaults={
            "alliance": southwark.alliance,
            "state": RenewalState.LEAVING,
            "answered_at": answered,
            "reason": reason,
        },
    )


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    this_year = southwark.year.start_year
    offers = {
        step: _offer(southwark.alliance, _year(this_year + step), factor)
        for step, factor in YEAR_FACTORS.items()
    }
    _application(southwark.alliance, offers[0], PENDING, ApplicationState.PENDING)
    _application(southwark.alliance, offers[0], DECLINED, ApplicationState.DECLINED)
    _renewals(southwark, offers[-1].academic_year, offers[0])
