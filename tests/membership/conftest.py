"""Shared for membership tests: a receiver standing in for finance, and a valid join form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.models import AcademicYear, Protocol
from members.models import Phase
from membership.models import Tier
from membership.signals import membership_started
from strands.models import Strand, StrandKind


@pytest.fixture
def started():
    """What ``membership_started`` carried, as finance's receiver would get it."""
    calls: list[dict] = []

    def receive(sender, **kwargs):
        calls.append(kwargs)

    membership_started.connect(receive, dispatch_uid="test-membership-started")
    yield calls
    membership_started.disconnect(dispatch_uid="test-membership-started")


@pytest.fixture
def join_data(demo):
    """A complete application from a primary school that is not yet a member, for this year."""
    tier = Tier.objects.get(
        offer__alliance=demo.southwark,
        offer__academic_year=AcademicYear.current(),
        name="Full member",
    )
    strands = Strand.objects.filter(
        alliance=demo.southwark, kind__in=[StrandKind.CPD, StrandKind.RESEARCH]
    )
    data = {
        "school_name": "Goldsmith Road Primary School",
        "urn": "100861",
        "phase": Phase.objects.get(code="primary").pk,
        "number_on_roll": "260",
        "address": "Goldsmith Road\nLondon SE15 5TF",
        "head_name": "Ruth Okafor",
        "head_email": "r.okafor@goldsmith-road.example",
        "tier": tier.pk,
        "strands": [s.pk for s in strands],
    }
    for protocol in Protocol.objects.filter(alliance=demo.southwark):
        data[f"protocol_{protocol.pk}"] = "on"
    return data


@pytest.fixture
def join_url():
    return reverse("membership:join", kwargs={"alliance_slug": "southwark"})
