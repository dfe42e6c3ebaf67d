"""On anyone's home page (issue 16): the placements a mentor has, a trainee's own training, and
for the ITT lead and the director the causes for concern waiting to be acknowledged."""

from __future__ import annotations

from django import template

from alliance.permissions import person_of
from itt.access import may_manage_itt
from itt.training_selectors import (
    itt_roles_of,
    open_concerns_for,
    placements_mentored_by,
    traineeships_of,
)

register = template.Library()


@register.inclusion_tag("itt/_home.html", takes_context=True)
def itt_home(context) -> dict:
    """In an alliance (the role home) only its trainees; elsewhere (the home of someone with
    no role, where mentors and trainees land) every alliance's."""
    alliance = context.get("alliance")
    perms = context.get("alliance_perms")
    person = person_of(context["request"].user)
    if person is None:
        return {}
    manages = alliance is not None and perms is not None and may_manage_itt(perms)
    # One query for everyone; the lists only for the few who mentor or train.
    mentors, trains = itt_roles_of(person=person)
    return {
        "alliance": alliance,
        "manages": manages,
        "concerns": list(open_concerns_for(alliance=alliance)) if manages else [],
        "placements": placements_mentored_by(person=person, alliance=alliance) if mentors else [],
        "traineeships": traineeships_of(person=person, alliance=alliance) if trains else [],
    }


@register.simple_tag(takes_context=True)
def itt_has_work(context) -> bool:
    """Whether the signed-in person mentors or trains: their home then needs no "no role"."""
    person = person_of(context["request"].user)
    return person is not None and any(itt_roles_of(person=person))
