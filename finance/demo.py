"""Demo: Southwark's books, kept by its finance holder (Gareth Lloyd at Charles Dickens Primary).

Last year's terms were invoiced at each term's end (CPD places, late cancellations and no-shows,
SLE and NLE days) and paid, one CPD invoice corrected by a credit note; this year's member
schools were invoiced their subscriptions in September: most have paid, one in part, one paid
too much (the rest is its credit) and one has not paid and is overdue. This term is left for
the finance holder to prepare.

Everything goes through the services, dated in the past, so the demo shows what the portal
would have made. Keyed on what each thing bills and on payments' tokens: running it again adds
nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from alliance.demo import DemoAlliance
from alliance.models import AcademicYear
from alliance.terms import term_weekday
from finance import services
from finance.models import FinanceSettings, Invoice, InvoiceKind, MissedPolicy
from finance.periods import Term, terms_of
from members.models import Membership, MembershipKind, Person
from programmes.demo import give_references
from programmes.models import Booking, BookingStatus, Session

NOMINAL_CODES = {"subscription": "4000", "cpd": "4010", "missed": "4020", "deployment": "4030"}
BANK_DETAILS = (
    "Pay to: Charles Dickens Primary School (STSA account)\n"
    "Sort code 20-00-00 · Account 12345678\n"
    "Quote the invoice number as your reference."
)
# A school's fee for 2026/27, by how many on roll (the demo does not know: by name).
SUBSCRIPTION = Decimal("1200.00")


def _settings(demo: DemoAlliance) -> FinanceSettings:
    settings = services.settings_of(demo.alliance)
    settings.holder = demo.organisations.get("Charles Dickens Primary School")
    settings.missed_policy = MissedPolicy.FIXED
    settings.missed_charge = Decimal("30.00")
    settings.nominal_codes = NOMINAL_CODES
    settings.bank_details = BANK_DETAILS
    settings.save()
    return settings


def _price_last_years_places(demo: DemoAlliance, year: AcademicYear) -> None:
    """The demo's past places were seeded without their price; give each the price booking
    would have fixed (member or not), so last year's CPD has something to bill."""
    places = Booking.objects.filter(
        session__alliance=demo.alliance,
        session__starts_at__date__gte=year.starts_on,
        session__starts_at__date__lte=year.ends_on,
        price_due=0,
        status=BookingStatus.CONFIRMED,
    ).select_related("session__programme")
    for place in places:
        price = place.session.programme.price_for(is_member=place.is_member)
        if price:
            Booking.objects.filter(pk=place.pk).update(price_due=price)


def _late_cancellation(demo: DemoAlliance, year: AcademicYear) -> None:
    """One place last year given up after the booking deadline."""
    session = (
        Session.objects.filter(
            alliance=demo.alliance,
            starts_at__date__gte=year.starts_on,
            starts_at__date__lte=year.ends_on,
            programme__title="Marking and feedback that moves learning on",
        )
        .order_by("starts_at")
        .first()
    )
    head = demo.people.get("head")
    if session is None or head is None:
        return
    delegate = Person.objects.filter(organisation=head.organisation).exclude(pk=head.pk).first()
    if delegate is None or Booking.objects.filter(session=session, delegate=delegate).exists():
        return
    Booking.objects.create(
        session=session,
        delegate=delegate,
        organisation=head.organisation,
        booked_by=head,
        status=BookingStatus.CANCELLED,
        is_member=True,
        price_due=session.programme.member_price,
        created_at=session.starts_at - datetime.timedelta(days=30),
        cancelled_at=session.booking_deadline + datetime.timedelta(hours=2),
        cancelled_late=True,
        attendance="late_cancellation",
    )
    give_references(demo)  # in a booking group with a reference, as booking makes it


def _pay(actor: Person, invoice: Invoice, amount: Decimal, on: datetime.date, n: int) -> None:
    token = f"demo-{invoice.number}-{n}"
    if not invoice.is_open or invoice.payments.filter(token=token).exists():
        return
    services.payment_record(
        actor=actor,
        invoice=invoice,
        received_on=on,
        amount=amount,
        method="bacs",
        reference=f"{invoice.school.name[:12].upper()} {invoice.number}",
        token=token,
        # The finance holder confirmed that what was paid beyond the invoice is credit.
        to_credit=max(amount - invoice.balance, Decimal("0.00")),
    )


def _bill_term(actor: Person, demo: DemoAlliance, term: Term, today: datetime.date) -> list:
    issued_on = min(term_weekday(term.ends_on - datetime.timedelta(days=5), step=-1), today)
    drafts = services.invoices_prepare(actor=actor, alliance=demo.alliance, term=term)
    return services.invoices_issue(
        actor=actor, alliance=demo.alliance, pks=[d.pk for d in drafts], on=issued_on
    )


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    demo = southwark
    actor = demo.people["finance"]
    today = timezone.localdate()
    _settings(demo)
    last_year = AcademicYear.objects.get(start_year=demo.year.start_year - 1)
    _price_last_years_places(demo, last_year)
    _late_cancellation(demo, last_year)

    # Last year: each term billed at its end and paid within the month.
    # One spring deployment invoice is still unpaid: over 90 days old.
    for term in terms_of(last_year.start_year):
        unpaid_one = term.name == "spring"
        for invoice in _bill_term(actor, demo, term, today):
            if unpaid_one and invoice.source == "deployment":
                unpaid_one = False
                continue
            _pay(actor, invoice, invoice.gross, invoice.issue_date + datetime.timedelta(days=21), 1)

    # One CPD place billed in error, corrected by a credit note (the school had paid: its credit).
    cpd = (
        Invoice.objects.filter(alliance=demo.alliance, kind=InvoiceKind.INVOICE, source="cpd")
        .order_by("issue_date", "pk")
        .first()
    )
    if cpd is not None and not cpd.credit_notes.exists():
        line = cpd.lines.order_by("pk").first()
        services.credit_note_issue(
            actor=actor,
            invoice=cpd,
            line_ids=[line.pk],
            reason="Place booked twice in error",
            on=cpd.issue_date + datetime.timedelta(days=7),
        )

    # This year's subscriptions, invoiced in the first week of September.
    issued_on = min(demo.year.starts_on + datetime.timedelta(days=6), today)
    members = Membership.objects.filter(
        alliance=demo.alliance, academic_year=demo.year, kind=MembershipKind.MEMBER_SCHOOL
    ).select_related("organisation", "academic_year", "alliance")
    subscriptions = [
        services.subscription_invoice(
            membership=membership,
            fee=SUBSCRIPTION,
            description=f"Member school {demo.year}: annual subscription",
            purchase_order=f"PO-{membership.organisation.name[:3].upper()}-{demo.year.start_year}",
            made_by=actor,
            on=issued_on,
        )
        for membership in members
    ]
    subscriptions = sorted((s for s in subscriptions if s), key=lambda s: s.number)
    paid_on = min(issued_on + datetime.timedelta(days=20), today)
    # Bellenden Road (the demo head's school) has not paid yet; of the others, the first has
    # not paid (overdue), the second paid part, the third paid too much (the rest is its
    # credit), every fourth has not paid yet and the rest have paid.
    others = [s for s in subscriptions if not s.school.name.startswith("Bellenden")]
    for n, invoice in enumerate(others):
        if n == 0 or n % 4 == 3:
            continue
        if n == 1:
            _pay(actor, invoice, Decimal("500.00"), paid_on, 1)
        elif n == 2:
            _pay(actor, invoice, invoice.gross + Decimal("150.00"), paid_on, 1)
        else:
            _pay(actor, invoice, invoice.gross, paid_on, 1)
