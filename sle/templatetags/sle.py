"""``{% sle_support_requests %}``: on a head's home page, the SLE applications from their school
that wait for their support."""

from __future__ import annotations

from django import template

from sle.selectors import applications_awaiting_support_for
from sle.services import support_token

register = template.Library()


@register.inclusion_tag("sle/_support_requests.html", takes_context=True)
def sle_support_requests(context: template.Context) -> dict:
    perms = context["alliance_perms"]
    applications = list(applications_awaiting_support_for(perms=perms))
    return {
        "alliance": context["alliance"],
        "requests": [(a, support_token(a)) for a in applications],
    }
