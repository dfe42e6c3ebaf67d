"""On anyone's home (issue 15): applications waiting for the head's endorsement, and a link to
the person's own programmes when they have applied for one."""

from __future__ import annotations

from django import template

from programmes.models import Enrolment
from programmes.rights import rights_of
from programmes.selectors import waiting_for_endorsement

register = template.Library()


@register.inclusion_tag("programmes/cohort/_home.html", takes_context=True)
def cohort_tasks(context) -> dict:
    perms = context["alliance_perms"]
    person = perms.person
    alliance = context["alliance"]
    # Issue 23: what waits for the head as this alliance made them, of its cohorts only.
    headed = rights_of(person).headed_in(alliance.pk) if person is not None else []
    waiting = waiting_for_endorsement(organisation_ids=[s.pk for s in headed]) if headed else []
    return {
        "alliance": alliance,
        "waiting": [e for e in waiting if e.alliance_id == alliance.pk],
        "has_programmes": bool(headed)
        or (
            person is not None
            and Enrolment.objects.filter(participant=person, alliance=alliance).exists()
        ),
    }
