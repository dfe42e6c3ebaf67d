"""Recording a payment (issue 23): plain amounts only, an overpayment asked about before it
becomes credit, a form's token good for its own invoice only, and a message that says what
happened."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from finance.models import CreditMovement, Invoice, InvoiceStatus, Payment

pytestmark = pytest.mark.django_db


def _url(invoice: Invoice) -> str:
    return reverse("finance:payment-new", kwargs={"alliance_slug": "southwark", "pk": invoice.pk})


def _form(client, invoice: Invoice, **data) -> dict:
    token = re.search(r'name="token" value="([^"]+)"', client.get(_url(invoice)).text).group(1)
    return {
        "received_on": timezone.localdate().isoformat(),
        "amount": "100.00",
        "method": "bacs",
        "token": token,
        **data,
    }


def _said(response) -> list[str]:
    """The messages of a post followed to the page it led to."""
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    "amount",
    [
        "1e3",  # Decimal() reads a thousand pounds
        "1E3",
        "10.5e1",
        "１００",  # fullwidth
        "١٠٠",  # Arabic-Indic
        "1,0,0",
        "Infinity",
        "12,50",  # a decimal comma: once read as £1,250
    ],
)
def test_it_takes_only_plain_pounds_and_pence(login, open_invoice, amount):
    client = login("finance")
    response = client.post(_url(open_invoice), _form(client, open_invoice, amount=amount))
    assert response.status_code == 200
    assert "Enter an amount in pounds, such as 125.50." in response.text
    assert not open_invoice.payments.exists()


@pytest.mark.parametrize(("typed", "recorded"), [("125.50", "125.50"), ("£1,000", "1000.00")])
def test_it_still_takes_pounds_as_people_type_them(login, open_invoice, typed, recorded):
    client = login("finance")
    assert (
        client.post(_url(open_invoice), _form(client, open_invoice, amount=typed)).status_code
        == 302
    )
    assert open_invoice.payments.get().amount == Decimal(recorded)


def test_an_overpayment_is_asked_about_before_any_of_it_becomes_credit(login, open_invoice):
    client = login("finance")
    assert open_invoice.balance == Decimal("1200.00")
    form = _form(client, open_invoice, amount="999999.99")
    response = client.post(_url(open_invoice), form)
    assert response.status_code == 200
    assert (
        "£999,999.99 is £998,799.99 more than the £1,200.00 still to pay. Tick “Record "
        "£998,799.99 as the school&#x27;s credit” to keep it as credit, or correct the amount."
    ) in response.text
    assert 'value="998799.99"' in response.text  # the box to tick, unticked
    assert not open_invoice.payments.exists()

    # Ticked for another amount (the amount was changed after ticking): asked again.
    response = client.post(_url(open_invoice), {**form, "amount": "1300", "to_credit": "998799.99"})
    assert "The amount has changed: confirm the credit again." in response.text
    assert not open_invoice.payments.exists()

    response = client.post(
        _url(open_invoice), {**form, "amount": "1300", "to_credit": "100.00"}, follow=True
    )
    assert response.redirect_chain
    payment = open_invoice.payments.get()
    assert (payment.amount, payment.to_credit) == (Decimal("1300.00"), Decimal("100.00"))
    assert CreditMovement.objects.get(payment=payment).amount == Decimal("100.00")
    assert _said(response) == [
        "Payment of £1,300.00 recorded. £100.00 is kept as the school's credit."
    ]


def test_an_amount_within_the_balance_asks_nothing(login, open_invoice):
    client = login("finance")
    assert 'name="to_credit"' not in client.get(_url(open_invoice)).text
    response = client.post(_url(open_invoice), _form(client, open_invoice, amount="1200.00"))
    assert response.status_code == 302
    open_invoice.refresh_from_db()
    assert (open_invoice.status, open_invoice.balance) == (InvoiceStatus.PAID, Decimal("0.00"))


def test_a_token_used_on_another_invoice_records_nothing_and_says_so(login, open_invoice):
    other = (
        Invoice.objects.filter(alliance=open_invoice.alliance, status=InvoiceStatus.ISSUED)
        .exclude(pk=open_invoice.pk)
        .first()
    )
    client = login("finance")
    form = _form(client, open_invoice, amount="10.00")
    assert client.post(_url(open_invoice), form, follow=True).redirect_chain

    response = client.post(_url(other), form)
    assert response.status_code == 200
    assert (
        "Nothing was recorded: this form was already used for a payment against another invoice."
    ) in response.text
    assert "Payment of £10.00 recorded" not in response.text
    assert not other.payments.exists()
    assert Payment.objects.filter(token=form["token"]).count() == 1


def test_the_same_form_sent_again_says_what_was_recorded(login, open_invoice):
    client = login("finance")
    form = _form(client, open_invoice, amount="1200.00")
    url = _url(open_invoice)
    assert _said(client.post(url, form, follow=True)) == ["Payment of £1,200.00 recorded."]
    # Sent twice, the invoice now paid: not asked about credit, and recorded once.
    assert _said(client.post(url, form, follow=True)) == [
        "Payment of £1,200.00 recorded once: the form was sent twice."
    ]
    # Sent again with another amount: the truth, not "Payment of £50.00 recorded".
    assert _said(client.post(url, {**form, "amount": "50"}, follow=True)) == [
        "This form had already recorded a payment of £1,200.00, so £50.00 was not recorded. "
        "To record another payment, open “Record a payment” again."
    ]
    assert open_invoice.payments.count() == 1


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_it_refuses_a_date_outside_the_years_served(login, open_invoice, day):
    client = login("finance")
    response = client.post(_url(open_invoice), _form(client, open_invoice, received_on=day))
    assert "Enter a date between 2000 and 2100." in response.text
    assert not open_invoice.payments.exists()
