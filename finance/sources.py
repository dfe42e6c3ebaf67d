"""What a term bills: each source is one small function from (alliance, term, settings) to the
charges it finds, and ``SOURCES`` lists them. Adding a source (cohort enrolments, say) is a
``Source`` value and one function here (cohort enrolments are billed as CPD).

A charge names the one thing it bills (``billed``); a thing already on a live invoice line is
left out by ``invoices_prepare``, so preparing a term twice bills nothing twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min
from django.utils import timezone

from alliance.models import AcademicYear, Alliance
from finance.models import CpdInvoicing, FinanceSettings, MissedPolicy, Source
from finance.periods import Term
from members.models import Membership, Organisation
from programmes.models import (
    Attendance,
    Booking,
    BookingStatus,
    Enrolment,
    EnrolmentStatus,
    SessionStatus,
)
from strands.models import DeploymentVisit, Strand, StrandKind


@dataclass(frozen=True)
class Charge:
    source: str
    school: Organisation
    billed: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    strand_id: int | None = None
    purchase_order: str = ""
    # Charges with the same school, source and ``invoice_key`` go on one invoice.
    invoice_key: str = "term"


def _day(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%-d %b %Y}"


def _bookings(alliance: Alliance, term: Term):
    """The term's places on sessions that have taken place, booked by a school."""
    return Booking.objects.filter(
        session__alliance=alliance,
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__date__gte=term.starts_on,
        session__starts_at__date__lte=term.ends_on,
        session__starts_at__lte=timezone.now(),
        organisation__isnull=False,
    ).select_related("session__programme", "delegate", "organisation", "group")


def cpd_places(alliance: Alliance, term: Term, settings: FinanceSettings) -> list[Charge]:
    """Each confirmed place at its price due (members' or non-members', fixed when booked).
    A no-show is billed under the missed-session policy instead; a place cancelled in time
    costs nothing."""
    places = (
        _bookings(alliance, term)
        .filter(status=BookingStatus.CONFIRMED, price_due__gt=0)
        .exclude(attendance=Attendance.ABSENT)
    )
    per_booking = settings.cpd_invoicing == CpdInvoicing.PER_BOOKING
    return [
        Charge(
            source=Source.CPD,
            school=b.organisation,
            billed=f"booking:{b.pk}:place",
            description=(
                f"{b.session.programme.title}, {_day(b.session.starts_at)}: {b.delegate}"
                f"{'' if b.is_member else ' (non-member price)'}"
            ),
            quantity=Decimal("1"),
            unit_price=b.price_due,
            strand_id=b.session.programme.strand_id,
            purchase_order=b.group.purchase_order if b.group_id else "",
            invoice_key=f"group:{b.group_id}" if per_booking and b.group_id else "term",
        )
        for b in places
    ]


def missed_sessions(alliance: Alliance, term: Term, settings: FinanceSettings) -> list[Charge]:
    """Late cancellations and no-shows: the place's price, or the alliance's fixed charge per
    missed session (free courses too), as its policy says."""
    # A cohort's places (``enrolment`` set) cost nothing each: the participant pays for the whole
    # programme, and a missed session counts against its completion rule instead.
    missed = _bookings(alliance, term).filter(
        status__in=[BookingStatus.CANCELLED, BookingStatus.CONFIRMED], enrolment__isnull=True
    )
    charges = []
    for b in missed:
        if b.status == BookingStatus.CANCELLED and b.cancelled_late:
            why = "late cancellation"
        elif b.status == BookingStatus.CONFIRMED and b.attendance == Attendance.ABSENT:
            why = "did not attend"
        else:
            continue
        fixed = settings.missed_policy == MissedPolicy.FIXED
        price = settings.missed_charge if fixed else b.price_due
        if price <= 0:
            continue
        charges.append(
            Charge(
                source=Source.MISSED,
                school=b.organisation,
                billed=f"booking:{b.pk}:missed",
                description=(
                    f"{b.session.programme.title}, {_day(b.session.starts_at)}: {b.delegate}, {why}"
                ),
                quantity=Decimal("1"),
                unit_price=price,
                strand_id=b.session.programme.strand_id,
                purchase_order=b.group.purchase_order if b.group_id else "",
            )
        )
    return charges


def cohort_enrolments(alliance: Alliance, term: Term, settings: FinanceSettings) -> list[Charge]:
    """A cohort programme (an NPQ, say) is billed once per participant, for the whole programme,
    in the term its first session took place: the price due on the enrolment (members' or
    non-members', fixed when they applied). Those who completed are billed as those still on it;
    a place given up before the start, or deferred to a later cohort, is billed there or not at
    all."""
    enrolments = (
        Enrolment.objects.filter(
            alliance=alliance,
            status__in=[EnrolmentStatus.ACCEPTED, EnrolmentStatus.COMPLETED],
            organisation__isnull=False,
            price_due__gt=0,
        )
        .annotate(starts_at=Min("programme__sessions__starts_at"))
        .filter(
            starts_at__date__gte=term.starts_on,
            starts_at__date__lte=term.ends_on,
            starts_at__lte=timezone.now(),
        )
        .select_related("programme", "participant", "organisation")
    )
    return [
        Charge(
            source=Source.CPD,
            school=e.organisation,
            billed=f"enrolment:{e.pk}",
            description=(
                f"{e.programme.title} (whole programme, from {_day(e.starts_at)}): "
                f"{e.participant}{'' if e.is_member else ' (non-member price)'}"
            ),
            quantity=Decimal("1"),
            unit_price=e.price_due,
            strand_id=e.programme.strand_id,
            purchase_order=e.purchase_order,
        )
        for e in enrolments
    ]


def deployment_days(alliance: Alliance, term: Term, settings: FinanceSettings) -> list[Charge]:
    """SLE and NLE days delivered in the term (visits the school's head confirmed), at the day
    rate for members or non-members, billed to the receiving school."""
    visits = DeploymentVisit.objects.filter(
        deployment__support_request__alliance=alliance,
        confirmed_at__isnull=False,
        visited_on__gte=term.starts_on,
        visited_on__lte=term.ends_on,
    ).select_related("deployment__designation__person", "deployment__support_request__school")
    members = set(
        Membership.objects.filter(
            alliance=alliance,
            academic_year__start_year__in={AcademicYear.start_year_for(term.starts_on)},
        ).values_list("organisation_id", flat=True)
    )
    strand_id = (
        Strand.objects.filter(alliance=alliance, kind=StrandKind.SLE)
        .values_list("pk", flat=True)
        .first()
    )
    charges = []
    for visit in visits:
        designation = visit.deployment.designation
        school = visit.deployment.support_request.school
        is_member = school.pk in members
        charges.append(
            Charge(
                source=Source.DEPLOYMENT,
                school=school,
                billed=f"visit:{visit.pk}",
                description=(
                    f"{designation.get_kind_display()} support: {designation.person}, "
                    f"{visit.visited_on:%-d %b %Y}"
                    f"{'' if is_member else ' (non-member rate)'}"
                ),
                quantity=visit.days,
                unit_price=settings.day_rate(
                    designation_kind=designation.kind, is_member=is_member
                ),
                strand_id=strand_id,
            )
        )
    return charges


SourceFunction = Callable[[Alliance, Term, FinanceSettings], list[Charge]]

# What "prepare invoices for a term" gathers, in this order. Subscriptions are not here: a
# membership is billed the moment it starts (``finance.receivers``).
SOURCES: list[SourceFunction] = [cpd_places, cohort_enrolments, missed_sessions, deployment_days]
