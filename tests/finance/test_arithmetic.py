"""The arithmetic of every source: members and non-members, late cancellations and no-shows
under each policy, SLE/NLE days, VAT on and off, credit notes, part payments, overpayment
credit, and rounding once per line."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from finance import services
from finance.models import (
    CreditMovement,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    IssuedInvoiceChanged,
    MissedPolicy,
    Source,
    line_amounts,
)
from finance.periods import Term
from finance.selectors import open_invoices_of
from members.models import Organisation, Person
from programmes.cohorts import enrol
from programmes.models import (
    Attendance,
    Booking,
    BookingGroup,
    BookingStatus,
    Programme,
    ProgrammeFormat,
)
from strands.models import DeploymentVisit
from tests.evaluation.builders import past_session, place, teacher

D = Decimal


def test_it_rounds_each_line_once_half_up():
    # 3 × £33.335 is £100.005: rounded once to £100.01, never line-by-unit to £100.02.
    assert line_amounts(D("3"), D("33.335"), D("0")) == (D("100.01"), D("0.00"), D("100.01"))
    # VAT of £10.125 at 20% is £2.025: half up to £2.03.
    assert line_amounts(D("1"), D("10.125"), D("20")) == (D("10.13"), D("2.03"), D("12.16"))
    # A credit rounds the same amount the other way.
    assert line_amounts(D("-1"), D("10.125"), D("20")) == (D("-10.13"), D("-2.03"), D("-12.16"))


def _term() -> Term:
    return Term.containing(timezone.localdate() - datetime.timedelta(days=2))


def _prepare(gareth, southwark, school) -> list[Invoice]:
    drafts = services.invoices_prepare(actor=gareth, alliance=southwark, term=_term())
    return [d for d in drafts if d.school_id == school.pk]


@pytest.mark.django_db
def test_it_bills_members_and_non_members_the_price_fixed_at_booking(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of(vat_registered=False)
    session = past_session(priced_programme, days_ago=2)
    place(session, teacher(school, "Ada Member"), price="50.00", is_member=True)
    place(session, teacher(school, "Ben Other"), price="120.00", is_member=False)
    # Cancelled in time: nothing to pay.
    place(session, teacher(school), status=BookingStatus.CANCELLED, attendance="", price="0")
    (invoice,) = _prepare(gareth, southwark, school)
    assert invoice.source == Source.CPD
    assert sorted(line.gross for line in invoice.lines.all()) == [D("50.00"), D("120.00")]
    assert (invoice.net, invoice.vat, invoice.gross) == (D("170.00"), D("0.00"), D("170.00"))
    assert any("non-member price" in line.description for line in invoice.lines.all())


@pytest.mark.django_db
def test_it_adds_vat_per_line_when_the_alliance_is_registered(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of(vat_registered=True, vat_rate=D("20.00"))
    session = past_session(priced_programme, days_ago=2)
    place(session, teacher(school), price="50.00")
    place(session, teacher(school), price="120.00", is_member=False)
    (invoice,) = _prepare(gareth, southwark, school)
    assert (invoice.net, invoice.vat, invoice.gross) == (D("170.00"), D("34.00"), D("204.00"))
    assert {line.vat_rate for line in invoice.lines.all()} == {D("20.00")}


@pytest.mark.django_db
def test_it_charges_late_cancellations_and_no_shows_the_place_price(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of(missed_policy=MissedPolicy.PLACE_PRICE)
    session = past_session(priced_programme, days_ago=2)
    place(
        session,
        teacher(school),
        status=BookingStatus.CANCELLED,
        attendance=Attendance.LATE_CANCELLATION,
        cancelled_late=True,
        price="50.00",
    )
    place(session, teacher(school), attendance=Attendance.ABSENT, price="120.00", is_member=False)
    (invoice,) = _prepare(gareth, southwark, school)
    assert invoice.source == Source.MISSED
    assert invoice.gross == D("170.00")
    descriptions = " ".join(line.description for line in invoice.lines.all())
    assert "late cancellation" in descriptions and "did not attend" in descriptions


@pytest.mark.django_db
def test_a_fixed_charge_per_missed_session_applies_even_to_free_courses(
    gareth, southwark, school, settings_of
):
    settings_of(missed_policy=MissedPolicy.FIXED, missed_charge=D("30.00"))
    free = past_session(southwark.programmes.get(title="Headteachers' termly briefing"), days_ago=2)
    assert free.programme.is_free
    place(free, teacher(school), attendance=Attendance.ABSENT)
    place(free, teacher(school))  # attended a free course: nothing
    (invoice,) = _prepare(gareth, southwark, school)
    assert (invoice.source, invoice.gross, invoice.lines.count()) == (Source.MISSED, D("30"), 1)


@pytest.mark.django_db
def test_preparing_twice_bills_nothing_twice(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of()
    session = past_session(priced_programme, days_ago=2)
    place(session, teacher(school), price="50.00")
    assert len(_prepare(gareth, southwark, school)) == 1
    assert _prepare(gareth, southwark, school) == []
    billed = InvoiceLine.objects.filter(invoice__school=school, bills=True, source=Source.CPD)
    assert billed.filter(invoice__status=InvoiceStatus.DRAFT).count() == 1


@pytest.mark.django_db
def test_a_voided_draft_frees_what_it_billed(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of()
    place(past_session(priced_programme, days_ago=2), teacher(school), price="50.00")
    (draft,) = _prepare(gareth, southwark, school)
    services.invoice_void(actor=gareth, invoice=draft)
    (again,) = _prepare(gareth, southwark, school)
    assert again.gross == D("50.00")


@pytest.mark.django_db
def test_per_booking_invoicing_makes_one_invoice_per_booking_with_its_purchase_order(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of(cpd_invoicing="per_booking")
    session = past_session(priced_programme, days_ago=2)
    for n, order in enumerate(["PO-111", "PO-222"]):
        group = BookingGroup.objects.create(
            token=f"t{n}", alliance=southwark, organisation=school, purchase_order=order
        )
        booking = place(session, teacher(school), price="50.00")
        booking.group = group
        booking.save()
    invoices = _prepare(gareth, southwark, school)
    assert sorted(i.purchase_order for i in invoices) == ["PO-111", "PO-222"]


@pytest.mark.django_db
@pytest.mark.usefixtures("autumn_term")  # the term of the demo's deployment visits
def test_sle_days_are_billed_at_the_members_or_non_members_rate(gareth, southwark, settings_of):
    settings_of(
        sle_day_rate_member=D("350.00"),
        sle_day_rate_non_member=D("450.00"),
        nle_day_rate_member=D("500.00"),
        nle_day_rate_non_member=D("600.00"),
    )
    rates = {
        ("Specialist", True): D("350.00"),
        ("Specialist", False): D("450.00"),
        ("National", True): D("500.00"),
        ("National", False): D("600.00"),
    }
    term = Term.containing(timezone.localdate())
    visits = DeploymentVisit.objects.filter(
        deployment__support_request__alliance=southwark,
        confirmed_at__isnull=False,
        visited_on__gte=term.starts_on,
    )
    assert visits.exists()
    drafts = services.invoices_prepare(actor=gareth, alliance=southwark, term=term)
    deployment = [d for d in drafts if d.source == Source.DEPLOYMENT]
    lines = InvoiceLine.objects.filter(invoice__in=deployment)
    assert lines.count() == visits.count()
    for line in lines:
        kind = line.description.split()[0]
        rate = rates[(kind, "non-member" not in line.description)]
        assert line.unit_price == rate
        assert line.gross == (line.quantity * rate).quantize(D("0.01"))


def _issued(gareth, southwark, school, priced_programme, *prices: str) -> Invoice:
    session = past_session(priced_programme, days_ago=2)
    for price in prices:
        place(session, teacher(school), price=price)
    (draft,) = _prepare(gareth, southwark, school)
    (invoice,) = services.invoices_issue(actor=gareth, alliance=southwark, pks=[draft.pk])
    return invoice


def _pay(gareth, invoice: Invoice, amount: str, token: str, to_credit: str = "0.00"):
    payment, _ = services.payment_record(
        actor=gareth,
        invoice=invoice,
        received_on=timezone.localdate(),
        amount=D(amount),
        method="bacs",
        reference="",
        token=token,
        to_credit=D(to_credit),
    )
    return payment


@pytest.mark.django_db
def test_part_payments_then_the_rest_make_it_paid(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of(payment_terms_days=30)
    invoice = _issued(gareth, southwark, school, priced_programme, "50.00", "50.00")
    assert invoice.due_date == invoice.issue_date + datetime.timedelta(days=30)
    _pay(gareth, invoice, "40.00", "a")
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance) == (InvoiceStatus.PART_PAID, D("60.00"))
    _pay(gareth, invoice, "60.00", "b")
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance) == (InvoiceStatus.PAID, D("0.00"))


@pytest.mark.django_db
def test_an_overpayment_is_kept_as_credit_and_used_against_the_next_invoice(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of()
    first = _issued(gareth, southwark, school, priced_programme, "50.00")
    payment = _pay(gareth, first, "80.00", "over", to_credit="30.00")
    assert (payment.applied, payment.to_credit) == (D("50.00"), D("30.00"))
    assert services.credit_balance(alliance=southwark, school_id=school.pk) == D("30.00")
    second = _issued(gareth, southwark, school, priced_programme, "50.00")
    assert services.credit_apply(actor=gareth, invoice=second) == D("30.00")
    second.refresh_from_db()
    assert (second.status, second.balance) == (InvoiceStatus.PART_PAID, D("20.00"))
    assert services.credit_balance(alliance=southwark, school_id=school.pk) == D("0.00")
    with pytest.raises(ValidationError, match="no credit"):
        services.credit_apply(actor=gareth, invoice=second)


@pytest.mark.django_db
def test_a_credit_note_corrects_an_issued_invoice_in_its_own_series(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of()
    invoice = _issued(gareth, southwark, school, priced_programme, "50.00", "120.00")
    line = invoice.lines.get(gross=D("120.00"))
    note = services.credit_note_issue(
        actor=gareth, invoice=invoice, line_ids=[line.pk], reason="Booked in error"
    )
    assert note.number.startswith(f"STSA-CN-{note.issue_date.year}-")
    assert (note.net, note.gross) == (D("-120.00"), D("-120.00"))
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance) == (InvoiceStatus.PART_PAID, D("50.00"))
    # The credit note owes nothing: it is in no one's outstanding or overdue figures.
    assert not note.is_open
    assert list(open_invoices_of(southwark).filter(school=school)) == [invoice]
    # The same line is credited once.
    with pytest.raises(ValidationError):
        services.credit_note_issue(actor=gareth, invoice=invoice, line_ids=[line.pk], reason="x")


@pytest.mark.django_db
def test_crediting_a_paid_invoice_leaves_the_school_credit(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of()
    invoice = _issued(gareth, southwark, school, priced_programme, "50.00")
    _pay(gareth, invoice, "50.00", "paid")
    services.credit_note_issue(
        actor=gareth, invoice=invoice, line_ids=[invoice.lines.get().pk], reason="Cancelled"
    )
    assert services.credit_balance(alliance=southwark, school_id=school.pk) == D("50.00")


@pytest.mark.django_db
def test_an_issued_invoice_is_never_edited(
    gareth, southwark, school, priced_programme, settings_of
):
    settings_of()
    invoice = _issued(gareth, southwark, school, priced_programme, "50.00")
    invoice.purchase_order = "CHANGED"
    with pytest.raises(IssuedInvoiceChanged):
        invoice.save()
    line = invoice.lines.get()
    line.unit_price = D("1.00")
    with pytest.raises(IssuedInvoiceChanged):
        line.save()
    with pytest.raises(ValidationError, match="credit note"):
        services.invoice_void(actor=gareth, invoice=invoice)
    fresh = Invoice.objects.get(pk=invoice.pk)
    assert (fresh.purchase_order, fresh.gross) == ("", D("50.00"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "greater than £0"),
        ("-5", "greater than £0"),
        ("1000000", "less than"),
        ("1.234", "pence"),
    ],
)
def test_it_refuses_absurd_amounts(gareth, open_invoice, amount, message):
    with pytest.raises(ValidationError, match=message):
        _pay(gareth, open_invoice, amount, f"t{amount}")
    assert not open_invoice.payments.exists()


@pytest.mark.django_db
def test_only_the_finance_holder_records_payments(demo, open_invoice):
    director = Person.objects.get(user__email="director@demo.test")
    with pytest.raises(PermissionDenied):
        _pay(director, open_invoice, "10.00", "d")
    assert not CreditMovement.objects.filter(school=open_invoice.school).exists()


@pytest.mark.django_db
def test_it_bills_a_cohort_once_per_participant_for_the_whole_programme(
    gareth, southwark, school, settings_of
):
    # Fixed charges for missed sessions: a cohort participant's missed day is not one of them.
    settings_of(vat_registered=False, missed_policy=MissedPolicy.FIXED, missed_charge=D("40"))
    npqsl = Programme.objects.create(
        alliance=southwark,
        strand=southwark.strands.get(kind="leadership"),
        kind="npqsl",
        title="NPQSL, spring cohort",
        summary="Senior leadership.",
        led_by=Organisation.objects.get(name="UCL Institute of Education"),
        format=ProgrammeFormat.COHORT,
        cohort_places=20,
        member_price=D("950.00"),
        non_member_price=D("1250.00"),
    )
    first = past_session(npqsl, days_ago=2)
    member = enrol(programme=npqsl, participant=teacher(school, "Ada Member"), by=None)
    other = enrol(
        programme=npqsl, participant=teacher(school, "Ben Other"), by=None, is_member=False
    )
    Booking.objects.filter(enrolment=other, session=first).update(attendance=Attendance.ABSENT)

    (invoice,) = _prepare(gareth, southwark, school)
    lines = sorted(invoice.lines.all(), key=lambda line: line.gross)
    assert [line.gross for line in lines] == [D("950.00"), D("1250.00")]
    assert "NPQSL, spring cohort (whole programme" in lines[0].description
    assert "(non-member price)" in lines[1].description
    assert {member.price_due, other.price_due} == {D("950.00"), D("1250.00")}
    # Preparing the term again bills nobody twice.
    assert _prepare(gareth, southwark, school) == []
