"""Reads about an alliance that several pages share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from alliance.models import Alliance, Role, RoleAssignment

if TYPE_CHECKING:
    from members.models import Person

LEADERSHIP_ROLES = (Role.CHAIR, Role.DIRECTOR, Role.STRATEGIC_LEAD)


def leadership_for(*, alliance: Alliance) -> dict[str, list[RoleAssignment]]:
    """Who leads the alliance this year: chairs, directors and strand leads, for the public page."""
    assignments = (
        RoleAssignment.objects.current()
        .filter(alliance=alliance, role__in=LEADERSHIP_ROLES)
        .select_related("person__organisation", "strand__alliance")
        .order_by("strand__position", "person__full_name")
    )
    grouped: dict[str, list[RoleAssignment]] = {role: [] for role in LEADERSHIP_ROLES}
    for assignment in assignments:
        grouped[assignment.role].append(assignment)
    return grouped


def alliances_for(*, person: Person | None) -> QuerySet[Alliance]:
    """The alliances where a person holds a role or an SLE/NLE designation today."""
    if person is None:
        return Alliance.objects.none()
    with_role = RoleAssignment.objects.current().filter(person=person).values("alliance")
    return (
        Alliance.objects.filter(
            Q(pk__in=with_role) | Q(designations__person=person, designations__active=True)
        )
        .distinct()
        .order_by("name")
    )
