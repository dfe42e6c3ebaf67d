"""Twenty finance holders' clicks issuing invoices at the same moment: numbers 1 to 20 of the
year's series, no gap, no duplicate (the counter row is locked while a number is taken); a click
asked to try again takes no number, so those issued are numbered from 1 with no gap."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from django.utils import timezone

from finance import services
from finance.models import Invoice, InvoiceLine, InvoiceStatus, NumberCounter, Source, line_amounts
from members.models import Organisation
from tests.races import at_once

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
    race = at_once(
        [
            partial(services.invoices_issue, actor=gareth, alliance=alliance, pks=[draft.pk])
            for draft in drafts
        ]
    )
    assert race.errors == [] and race.refused == []
    mine = Invoice.objects.filter(pk__in=[d.pk for d in drafts])
    # Those issued took the first numbers of the series, no gap, no duplicate; those asked to
    # try again are drafts still, without a number (their number was given back).
    issued = mine.exclude(status=InvoiceStatus.DRAFT)
    numbers = sorted(issued.values_list("number", flat=True))
    assert numbers == [f"STSA-{year}-{n:04d}" for n in range(1, len(race.done) + 1)]
    waiting = mine.filter(status=InvoiceStatus.DRAFT)
    assert waiting.count() == race.busy
    assert not waiting.exclude(number="")


@pytest.mark.django_db(transaction=True)
def test_issuing_the_same_draft_from_twenty_tabs_issues_it_once(demo, gareth):
    alliance = demo.southwark
    (draft,) = _drafts(alliance, gareth, 1)
    before = NumberCounter.objects.filter(alliance=alliance, kind="invoice").values_list(
        "last", flat=True
    )
    before = sum(before)
    race = at_once(
        [partial(services.invoices_issue, actor=gareth, alliance=alliance, pks=[draft.pk])]
        * CLIENTS
    )
    assert race.errors == [] and race.refused == []
    # One tab issued it (unless every tab was asked to try again); the others found it issued.
    once = min(1, CLIENTS - race.busy)
    assert sorted(len(issued) for issued in race.done) == [0] * (len(race.done) - once) + [1] * once
    after = sum(
        NumberCounter.objects.filter(alliance=alliance, kind="invoice").values_list(
            "last", flat=True
        )
    )
    assert after == before + once  # one number taken, none skipped
