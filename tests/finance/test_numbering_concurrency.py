"""Twenty finance holders' clicks issuing invoices at the same moment: numbers 1 to 20 of the
year's series, no gap, no duplicate (the counter row is locked while a number is taken)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from finance import services
from finance.models import Invoice, InvoiceLine, InvoiceStatus, NumberCounter, Source, line_amounts
from members.models import Organisation

CLIENTS = 20


def _drafts(alliance, gareth, how_many: int) -> list[Invoice]:
    schools = list(Organisation.objects.filter(memberships__alliance=alliance).distinct()[:5])
    drafts = []
    for n in range(how_many):
        draft = Invoice.objects.create(
            alliance=alliance,
            source=Source.CPD,
            school=schools[n % len(schools)],
            created_by=gareth,
        )
        net, vat, gross = line_amounts(Decimal("1"), Decimal("10.00"), Decimal("0"))
        InvoiceLine.objects.create(
            invoice=draft,
            alliance=alliance,
            source=Source.CPD,
            description=f"Place {n}",
            unit_price=Decimal("10.00"),
            net=net,
            vat=vat,
            gross=gross,
            billed=f"test:{n}",
        )
        drafts.append(draft)
    return drafts


@pytest.mark.django_db(transaction=True)
def test_twenty_invoices_issued_at_once_take_numbers_one_to_twenty(demo, gareth):
    alliance = demo.southwark
    year = timezone.localdate().year
    # A fresh series: the demo's invoices of this year are issued already.
    NumberCounter.objects.filter(alliance=alliance, kind="invoice", year=year).delete()
    Invoice.objects.filter(alliance=alliance, number__startswith=f"STSA-{year}-").update(number="")
    drafts = _drafts(alliance, gareth, CLIENTS)
    barrier = threading.Barrier(CLIENTS)
    errors: list[Exception] = []

    def issue(draft: Invoice) -> None:
        try:
            barrier.wait()
            services.invoices_issue(actor=gareth, alliance=alliance, pks=[draft.pk])
        except Exception as error:  # any failure is the test's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(
        Invoice.objects.filter(pk__in=[d.pk for d in drafts]).values_list("number", flat=True)
    )
    assert numbers == [f"STSA-{year}-{n:04d}" for n in range(1, CLIENTS + 1)]
    assert not Invoice.objects.filter(pk__in=[d.pk for d in drafts], status=InvoiceStatus.DRAFT)


@pytest.mark.django_db(transaction=True)
def test_issuing_the_same_draft_from_twenty_tabs_issues_it_once(demo, gareth):
    alliance = demo.southwark
    (draft,) = _drafts(alliance, gareth, 1)
    before = NumberCounter.objects.filter(alliance=alliance, kind="invoice").values_list(
        "last", flat=True
    )
    before = sum(before)
    barrier = threading.Barrier(CLIENTS)

    def issue() -> None:
        try:
            barrier.wait()
            services.invoices_issue(actor=gareth, alliance=alliance, pks=[draft.pk])
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = sum(
        NumberCounter.objects.filter(alliance=alliance, kind="invoice").values_list(
            "last", flat=True
        )
    )
    assert after == before + 1  # one number taken, none skipped
