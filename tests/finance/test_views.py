"""The finance holder's pages and a head's: what each sees and does, bad input refused next to
the field, a double submit recorded once, reminders once a day, and query counts that do not
grow with the ledger."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alliance.models import AcademicYear, AuditEntry, AuditKind, OutboxEmail, RoleAssignment
from alliance.outbox import emails_send
from finance.models import Invoice, InvoiceStatus, Payment
from members.models import Organisation, Person


def _url(name: str, **kwargs) -> str:
    return reverse(f"finance:{name}", kwargs={"alliance_slug": "southwark", **kwargs})


def _token(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def _payment(client, invoice, **data):
    url = _url("payment-new", pk=invoice.pk)
    form = {
        "received_on": timezone.localdate().isoformat(),
        "amount": "100.00",
        "method": "bacs",
        "reference": "BACS 123",
        "token": _token(client.get(url).content.decode()),
        **data,
    }
    return client.post(url, form)


@pytest.mark.django_db
def test_it_records_a_part_payment_then_the_rest(login, open_invoice):
    client = login("finance")
    response = _payment(client, open_invoice, amount="£1,000.00")
    assert response.status_code == 302
    open_invoice.refresh_from_db()
    assert open_invoice.status == InvoiceStatus.PART_PAID
    page = client.get(_url("invoice-detail", pk=open_invoice.pk)).content.decode()
    assert "Part paid" in page and "£200.00" in page
    _payment(client, open_invoice, amount="200")
    open_invoice.refresh_from_db()
    assert (open_invoice.status, open_invoice.balance) == (InvoiceStatus.PAID, Decimal("0.00"))
    audit = AuditEntry.objects.filter(kind=AuditKind.FINANCE, subject_id=str(open_invoice.pk))
    assert audit.filter(detail__startswith="Payment of £1000.00").exists()


@pytest.mark.django_db
def test_the_same_form_posted_twice_records_one_payment(login, open_invoice):
    client = login("finance")
    url = _url("payment-new", pk=open_invoice.pk)
    form = {
        "received_on": timezone.localdate().isoformat(),
        "amount": "100.00",
        "method": "bacs",
        "token": _token(client.get(url).content.decode()),
    }
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302
    assert open_invoice.payments.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Enter amount"),
        ("-20", "Enter an amount greater than £0."),
        ("0", "Enter an amount greater than £0."),
        ("ten pounds", "Enter an amount in pounds, such as 125.50."),
        ("99999999", "Enter an amount less than £1,000,000."),
    ],
)
def test_it_refuses_bad_amounts_next_to_the_field(login, open_invoice, amount, message):
    response = _payment(login("finance"), open_invoice, amount=amount)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="id_amount"' in html and "is-invalid" in html
    assert not open_invoice.payments.exists()


@pytest.mark.django_db
def test_it_refuses_a_payment_dated_in_the_future(login, open_invoice):
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    response = _payment(login("finance"), open_invoice, received_on=tomorrow.isoformat())
    assert "Enter a date that is today or in the past." in response.content.decode()
    assert not open_invoice.payments.exists()


@pytest.mark.django_db
def test_an_overpayment_shows_as_credit_on_the_schools_statement(login, open_invoice):
    _payment(login("finance"), open_invoice, amount="1300.00", to_credit="100.00")
    payment = Payment.objects.get(invoice=open_invoice)
    assert payment.to_credit == Decimal("100.00")
    page = login("head").get(_url("statement", pk=open_invoice.school_id)).content.decode()
    assert "Credit held" in page and "£100.00" in page


@pytest.mark.django_db
def test_a_head_sees_their_schools_invoices_and_not_anothers(login, open_invoice):
    client = login("head")
    assert client.get(_url("invoice-detail", pk=open_invoice.pk)).status_code == 200
    pdf = client.get(_url("invoice-pdf", pk=open_invoice.pk))
    assert pdf["Content-Type"] == "application/pdf"
    assert f'filename="invoice-{open_invoice.number}.pdf"' in pdf["Content-Disposition"]
    other = Invoice.objects.exclude(school=open_invoice.school).filter(status="issued").first()
    assert client.get(_url("invoice-detail", pk=other.pk)).status_code == 404
    assert client.get(_url("invoice-pdf", pk=other.pk)).status_code == 404
    assert client.get(_url("statement", pk=other.school_id)).status_code == 404
    # The head's page offers nothing the finance holder does.
    assert (
        "Record a payment"
        not in client.get(_url("invoice-detail", pk=open_invoice.pk)).content.decode()
    )


@pytest.mark.django_db
def test_reminders_go_once_a_day_to_the_head_and_are_audited(login, open_invoice):
    # Bellenden Road's subscription, a day past its due date.
    Invoice.objects.filter(pk=open_invoice.pk).update(
        due_date=timezone.localdate() - timezone.timedelta(days=1)
    )
    overdue = open_invoice
    client = login("finance")
    before = OutboxEmail.objects.filter(kind="finance.reminder").count()
    client.post(_url("invoice-remind", pk=overdue.pk))
    response = client.post(_url("invoice-remind", pk=overdue.pk), follow=True)
    assert "already sent today" in response.content.decode()
    assert OutboxEmail.objects.filter(kind="finance.reminder").count() == before + 1
    emails_send()
    heads = RoleAssignment.objects.headships().filter(organisation=overdue.school)
    (email,) = [m for m in mail.outbox if overdue.number in m.subject]
    assert email.to == sorted({h.person.email for h in heads})
    assert "overdue" in email.subject and str(overdue.balance) in email.body
    assert (
        AuditEntry.objects.filter(
            kind=AuditKind.FINANCE, subject_id=str(overdue.pk), detail__startswith="Reminder"
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_a_reminder_is_refused_when_the_school_has_no_head_to_send_it_to(login, open_invoice):
    overdue = open_invoice
    Invoice.objects.filter(pk=overdue.pk).update(
        due_date=timezone.localdate() - timezone.timedelta(days=1)
    )
    heads = RoleAssignment.objects.headships().filter(organisation=overdue.school)
    Person.objects.filter(pk__in=heads.values("person")).update(email="")
    response = login("finance").post(_url("invoice-remind", pk=overdue.pk), follow=True)
    assert "no headteacher with an email address" in response.content.decode()
    overdue.refresh_from_db()
    assert overdue.reminded_on is None


@pytest.mark.django_db
def test_a_reminder_is_refused_for_an_invoice_not_overdue(login, demo):
    paid = Invoice.objects.filter(alliance=demo.southwark, status=InvoiceStatus.PAID).first()
    response = login("finance").post(_url("invoice-remind", pk=paid.pk), follow=True)
    assert "Only an overdue invoice is reminded." in response.content.decode()


@pytest.mark.django_db
def test_the_csv_has_one_row_per_line_with_its_nominal_code(login, demo):
    last_year = AcademicYear.start_year_for(timezone.localdate()) - 1
    response = login("finance").get(_url("export-csv") + f"?year={last_year}")
    body = b"".join(response.streaming_content).decode()
    lines = body.splitlines()
    assert lines[0].lstrip("\ufeff") == (
        "Date,Number,Type,School,Description,Nominal code,Net,VAT,Gross"
    )
    assert any(",4010," in line for line in lines)  # CPD places
    assert any(",4030," in line for line in lines)  # SLE days
    assert any("Credit note" in line and ",-" in line for line in lines)


@pytest.mark.django_db
def test_prepare_lists_then_drafts_then_issues(login, demo):
    client = login("finance")
    page = client.get(_url("prepare")).content.decode()
    assert "Make these draft invoices" in page  # this term's SLE days
    client.post(_url("prepare"), {"term": re.search(r'name="term" value="([^"]+)"', page)[1]})
    drafts = Invoice.objects.filter(alliance=demo.southwark, status=InvoiceStatus.DRAFT)
    assert drafts.exists()
    assert "Nothing more to bill" in client.get(_url("prepare")).content.decode()
    response = client.post(_url("drafts"), {"invoices": [d.pk for d in drafts]})
    assert response.status_code == 302
    assert not Invoice.objects.filter(alliance=demo.southwark, status=InvoiceStatus.DRAFT)


@pytest.mark.django_db
def test_the_settings_refuse_a_negative_charge(login, demo):
    client = login("director")
    html = client.get(_url("settings")).content.decode()
    assert "Nominal code" in html
    response = client.post(
        _url("settings"),
        {
            "vat_rate": "20",
            "payment_terms_days": "30",
            "cpd_invoicing": "per_term",
            "missed_policy": "fixed",
            "missed_charge": "-5",
            "sle_day_rate_member": "350",
            "sle_day_rate_non_member": "450",
            "nle_day_rate_member": "450",
            "nle_day_rate_non_member": "550",
        },
    )
    assert "Enter an amount of £0 or more." in response.content.decode()


def _more_invoices(demo, how_many: int) -> None:
    """More issued invoices for many schools, as the ledger grows."""
    template = Invoice.objects.filter(alliance=demo.southwark, status=InvoiceStatus.ISSUED).first()
    schools = list(Organisation.objects.filter(memberships__alliance=demo.southwark).distinct())
    Invoice.objects.bulk_create(
        Invoice(
            alliance=demo.southwark,
            source=template.source,
            school=schools[n % len(schools)],
            number=f"TEST-{n}",
            status=InvoiceStatus.ISSUED,
            issue_date=template.issue_date,
            due_date=template.due_date,
            gross=Decimal("10.00"),
            net=Decimal("10.00"),
        )
        for n in range(how_many)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["ledger", "outstanding", "income"])
def test_the_finance_pages_take_as_many_queries_however_long_the_ledger(
    login, demo, page, django_assert_max_num_queries
):
    client = login("finance")
    client.get(_url(page))  # warm the per-process caches (the alliance)
    with django_assert_max_num_queries(25) as before:
        client.get(_url(page))
    _more_invoices(demo, 60)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(_url(page)).status_code == 200


@pytest.mark.django_db
def test_the_statement_takes_as_many_queries_however_long_the_account(
    login, open_invoice, django_assert_max_num_queries
):
    client = login("head")
    url = _url("statement", pk=open_invoice.school_id)
    client.get(url)
    with django_assert_max_num_queries(25) as before:
        client.get(url)
    _more_invoices_for(open_invoice, 30)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200


def _more_invoices_for(invoice: Invoice, how_many: int) -> None:
    Invoice.objects.bulk_create(
        Invoice(
            alliance=invoice.alliance,
            source=invoice.source,
            school=invoice.school,
            number=f"MORE-{n}",
            status=InvoiceStatus.ISSUED,
            issue_date=invoice.issue_date,
            due_date=invoice.due_date,
            gross=Decimal("5.00"),
            net=Decimal("5.00"),
        )
        for n in range(how_many)
    )


@pytest.mark.django_db
def test_the_finance_holders_home_shows_the_ledger_summary(login):
    page = login("finance").get(reverse("alliance:role-home", args=["southwark"])).content.decode()
    assert "Outstanding" in page and "Overdue" in page
    assert _url("ledger") in page
