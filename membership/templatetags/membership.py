"""Membership's parts of pages other apps own: the alliance's public page and the role homes."""

from __future__ import annotations

from django import template

from alliance.models import Alliance, RoleAssignment
from membership import selectors

register = template.Library()


@register.inclusion_tag("membership/_offer_summary.html", takes_context=True)
def membership_offer_summary(context: template.Context, alliance: Alliance) -> dict:
    """This year's tiers and fees, short, with links to the full offer and the join form."""
    return {"alliance": alliance, "offer": selectors.current_offer_for(alliance=alliance)}


@register.inclusion_tag("membership/_school_card.html", takes_context=True)
def membership_school_card(context: template.Context, assignment: RoleAssignment) -> dict:
    """A head's school: its membership this year (and next, once renewed), and any renewal
    request waiting for an answer."""
    perms = context["alliance_perms"]
    return {
        "alliance": assignment.alliance,
        "memberships": selectors.memberships_of(
            alliance=assignment.alliance, organisation_id=assignment.organisation_id
        ),
        "waiting": [
            r
            for r in selectors.waiting_renewals_for(perms=perms)
            if r.organisation_id == assignment.organisation_id
        ],
    }


@register.inclusion_tag("membership/_director_links.html", takes_context=True)
def membership_director_links(context: template.Context, alliance: Alliance) -> dict:
    """The director's membership links. No count of waiting applications: the director's home
    is at its query budget (``tests/alliance/test_pages.py``), and the list puts them first."""
    return {
        "alliance": alliance,
        "start_year": selectors.this_start_year(),
    }
