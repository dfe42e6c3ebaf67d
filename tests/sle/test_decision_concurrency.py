"""The director's outcome, posted twice at the same moment (a double click on two tabs), is
taken once: one designation, one booking per training session, one audit entry."""

from decimal import Decimal
from functools import partial

import pytest

from alliance.models import AuditEntry, AuditKind
from members.models import Designation
from programmes.models import Booking
from sle import services
from tests.races import at_once
from tests.sle.helpers import apply, open_round, perms, person

CLIENTS = 16


@pytest.mark.django_db(transaction=True)
def test_it_designates_once_under_concurrent_decisions(demo):
    director = perms("director@demo.test", demo.southwark)
    head = perms("head@demo.test", demo.southwark)
    application = apply(open_round(demo.southwark))
    services.support_record(
        head=head.person, perms=head, application=application, supports=True, comment=""
    )
    services.application_shortlist(perms=director, application=application, shortlisted=True)
    services.interview_record(
        perms=director,
        application=application,
        interviewed_on=application.submitted_at.date(),
        panel="The director",
        notes="Good.",
    )
    decide = partial(
        services.application_decide,
        perms=director,
        application=application,
        designate=True,
        feedback="Welcome.",
        days_released=Decimal("10"),
    )
    race = at_once([decide] * CLIENTS)
    assert race.errors == []
    # Designated once, the other clicks refused, unless every click was asked to try again.
    once = min(1, CLIENTS - race.busy)
    assert (len(race.done), len(race.refused)) == (once, CLIENTS - race.busy - once)
    teacher = person("teacher@demo.test")
    assert Designation.objects.filter(person=teacher).count() == once
    assert Booking.objects.filter(delegate=teacher).count() == 2 * once
    # The head's support, the shortlisting and the one outcome.
    assert AuditEntry.objects.filter(kind=AuditKind.SLE_DECISION).count() == 2 + once
