"""Small helpers shared by the director's desk tests."""

from __future__ import annotations

import datetime

from django.urls import reverse

from alliance.models import AcademicYear, Role, RoleAssignment
from members.models import Organisation, Person


def url(name: str, alliance: str = "southwark", **kwargs) -> str:
    return reverse(f"strands:{name}", kwargs={"alliance_slug": alliance, **kwargs})


def year() -> AcademicYear:
    return AcademicYear.current()


def day(offset: int) -> datetime.date:
    """A day of the current academic year, ``offset`` days after it starts."""
    return year().starts_on + datetime.timedelta(days=offset)


def current_lead(kind: str, alliance: str = "southwark") -> RoleAssignment:
    return RoleAssignment.objects.current().get(
        alliance__slug=alliance, role=Role.STRATEGIC_LEAD, strand__kind=kind
    )


def person(name: str) -> Person:
    return Person.objects.get(full_name=name)


def organisation(name: str) -> Organisation:
    return Organisation.objects.get(name=name)
