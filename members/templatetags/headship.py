"""On a head's home (and the site administrator's): new heads of their school waiting for them
to confirm, linking to the page where they do (``/home/headship/``)."""

from __future__ import annotations

from django import template

from members.confirming import headships_to_confirm_for

register = template.Library()


@register.inclusion_tag("members/_headships_to_confirm.html", takes_context=True)
def headships_to_confirm(context, organisation_id: int | None = None) -> dict:
    """For one school's head card (``organisation_id``), or every one (the site administrator)."""
    invitations = headships_to_confirm_for(context["user"])
    if organisation_id is not None:
        invitations = invitations.filter(organisation_id=organisation_id)
    return {"invitations": list(invitations)}
