"""What the portal holds about one person, gathered for "Download my data" (UK GDPR, article 15).

Each app adds the sections it owns with ``personal_data_section`` (programmes adds bookings and
attendance, governance meetings and actions, from their ``ready``), so this bottom layer never
imports the apps above it and a new app holding personal data adds its own section beside its
models.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from alliance.models import AuditEntry, RoleAssignment

Section = Callable[[Any, Any], Any]  # (user, person or None) -> JSON-able data
_SECTIONS: dict[str, Section] = {}


def personal_data_section(name: str) -> Callable[[Section], Section]:
    """Register a function giving one section of a person's data, keyed by ``name``."""

    def register(section: Section) -> Section:
        _SECTIONS[name] = section
        return section

    return register


def _json_default(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def personal_data_for(*, user: Any) -> dict[str, Any]:
    """Every registered section for this sign-in and its person, and nobody else's."""
    person = getattr(user, "person", None)
    data: dict[str, Any] = {"exported_at": timezone.now()}
    for name, section in _SECTIONS.items():
        data[name] = section(user, person)
    return data


def personal_data_json(*, user: Any) -> bytes:
    return json.dumps(
        personal_data_for(user=user), default=_json_default, indent=2, ensure_ascii=False
    ).encode()


@personal_data_section("profile")
def _profile(user: Any, person: Any) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "sign_in": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        }
    }
    if person is not None:
        profile["person"] = {
            "full_name": person.full_name,
            "email": person.email,
            "job_title": person.job_title,
            "organisation": person.organisation.name if person.organisation else None,
        }
    return profile


@personal_data_section("roles")
def _roles(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    assignments = RoleAssignment.objects.filter(person=person).select_related(
        "alliance", "academic_year", "strand", "organisation"
    )
    return [
        {
            "alliance": a.alliance.name,
            "role": a.get_role_display(),
            "academic_year": a.academic_year.label,
            "strand": a.strand.name if a.strand else None,
            "school": a.organisation.name if a.organisation else None,
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
        }
        for a in assignments
    ]


@personal_data_section("activity")
def _activity(user: Any, person: Any) -> list[dict[str, Any]]:
    """The audit trail of what they did, with the address they did it from: data about them.

    Without each entry's subject and detail, which name other people (the staff they booked,
    the people they invited)."""
    entries = AuditEntry.objects.filter(actor=user).select_related("alliance").order_by("at")
    return [
        {
            "at": e.at,
            "what": e.get_kind_display(),
            "alliance": e.alliance.name if e.alliance else None,
            "ip_address": e.ip_address,
        }
        for e in entries.iterator(chunk_size=500)
    ]
