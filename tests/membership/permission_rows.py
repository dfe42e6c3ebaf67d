"""Membership in the role × page matrix (issue 14).

The offer and the join form are public. The director manages the offer, the protocols, the
applications and the renewals. A head answers their own school's renewal: Bellenden Road's
(the demo head's) renewal of last June is a 404 to everyone else, the chair (head of Charles
Dickens) included, so no one learns another school's answer."""

from django.utils import timezone

from alliance.models import AcademicYear
from membership.models import Application, ApplicationState, Renewal, Tier
from tests.permission_table import LOGIN, SOUTHWARK, Page, everyone, only


def _this_year() -> int:
    return AcademicYear.start_year_for(timezone.localdate())


def _year(demo) -> dict:
    return {**SOUTHWARK, "start_year": _this_year()}


def _tier(demo) -> dict:
    tier = Tier.objects.get(
        offer__alliance=demo.southwark,
        offer__academic_year__start_year=_this_year(),
        name="Associate",
    )
    return {**SOUTHWARK, "start_year": _this_year(), "pk": tier.pk}


def _pending(demo) -> dict:
    application = Application.objects.get(alliance=demo.southwark, state=ApplicationState.PENDING)
    return {**SOUTHWARK, "pk": application.pk}


def _bellenden_renewal(demo) -> dict:
    renewal = Renewal.objects.get(
        alliance=demo.southwark, organisation__name="Bellenden Road Primary School"
    )
    return {**SOUTHWARK, "pk": renewal.pk}


DIRECTOR = ("director",)
HEAD_ONLY = {"anonymous": LOGIN, "head": 200}

ROWS = [
    Page("membership:offer", SOUTHWARK, expected=everyone()),
    Page("membership:join", SOUTHWARK, expected=everyone()),
    Page("membership:join-thanks", SOUTHWARK, expected=everyone()),
    Page("membership:offer-manage", _year, expected=only(*DIRECTOR)),
    # This year's offer exists already: refused with a message, back to the offer.
    Page("membership:offer-copy", _year, expected=only(*DIRECTOR, status=302), method="post"),
    Page("membership:tier-create", _year, expected=only(*DIRECTOR)),
    Page("membership:tier-edit", _tier, expected=only(*DIRECTOR)),
    Page("membership:tier-remove", _tier, expected=only(*DIRECTOR, status=302), method="post"),
    Page("membership:protocols", SOUTHWARK, expected=only(*DIRECTOR)),
    Page("membership:application-list", SOUTHWARK, expected=only(*DIRECTOR)),
    Page("membership:application-detail", _pending, expected=only(*DIRECTOR)),
    Page(
        "membership:application-approve",
        _pending,
        expected=only(*DIRECTOR, status=302),
        method="post",
    ),
    # No reason given: the form comes back with its error.
    Page(
        "membership:application-decline",
        _pending,
        expected=only(*DIRECTOR, status=400),
        method="post",
    ),
    Page("membership:renewal-list", SOUTHWARK, expected=only(*DIRECTOR)),
    Page(
        "membership:renewals-request",
        SOUTHWARK,
        expected=only(*DIRECTOR, status=302),
        method="post",
    ),
    Page(
        "membership:renewal-remind",
        _bellenden_renewal,
        expected=only(*DIRECTOR, status=302),
        method="post",
    ),
    Page("membership:renewal", _bellenden_renewal, expected=HEAD_ONLY, default=404),
    Page(
        "membership:renewal-leave",
        _bellenden_renewal,
        expected={"anonymous": LOGIN, "head": 302},
        default=404,
        method="post",
    ),
]
