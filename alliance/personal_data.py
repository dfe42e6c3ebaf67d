"""What the portal holds about one person: gathered for "Download my data" (UK GDPR, article 15)
and overwritten when a director anonymises someone who has left.

Each app declares, beside its models, the sections it adds with ``personal_data_section`` (which
models each reads, as ``Held``) and the models holding a person that it deliberately leaves out,
with ``personal_data_left_out`` and why; each app's ``ready`` imports its ``personal_data``. This
bottom layer never imports the apps above it. One list serves both jobs: the download reads the
sections, ``personal_data_anonymise`` overwrites the copies of a name or address the same
declarations name, and ``tests/alliance/test_personal_data_coverage.py`` fails when a model with a
person in it is in neither list.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import timezone

from alliance.models import Alliance, AuditEntry, RoleAssignment

Section = Callable[[Any, Any], Any]  # (user, person or None) -> JSON-able data


@dataclass(frozen=True)
class Held:
    """A model a section reads: how its rows belong to a person, and what anonymising does to them.

    A row is the person's when one of the ``person`` lookups ("person", "trainee__person") leads
    to their Person, or when ``email`` (a field) holds one of their addresses: rows made before,
    or without, a Person (an ITT applicant, a school's application to join). On those rows,
    anonymising writes "Former member N" into ``names``, the anonymised address into ``emails``,
    nothing into ``blanks``, and swaps their name where the portal wrote it inside ``mentions``
    ("Ada Lovelace leads CPD"). Any other text field that may hold their name or address is in
    ``kept``, with why it is left as it is.
    """

    model: type[Model]
    person: str | tuple[str, ...] = ()
    email: str = ""
    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    blanks: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    kept: Mapping[str, str] = field(default_factory=dict)

    @property
    def lookups(self) -> tuple[str, ...]:
        return (self.person,) if isinstance(self.person, str) else self.person

    def rows_of(self, *, person_id: int | None, emails: Collection[str]) -> QuerySet:
        match = Q()
        if person_id is not None:
            for lookup in self.lookups:
                match |= Q(**{lookup: person_id})
        if self.email:
            for address in emails:
                match |= Q(**{f"{self.email}__iexact": address})
        if not match:
            return self.model._default_manager.none()
        # Through a many-to-many lookup a row may match twice: select each once, by key.
        return self.model._default_manager.filter(
            pk__in=self.model._default_manager.filter(match).values("pk")
        )


_SECTIONS: dict[str, Section] = {}
_HELD: dict[str, tuple[Held, ...]] = {}
_LEFT_OUT: dict[type[Model], str] = {}


def personal_data_section(name: str, *, models: Iterable[Held]) -> Callable[[Section], Section]:
    """Register a function giving one section of a person's data, keyed by ``name``, and the
    models it reads."""

    def register(section: Section) -> Section:
        _SECTIONS[name] = section
        _HELD[name] = tuple(models)
        return section

    return register


def personal_data_left_out(model: type[Model], why: str) -> None:
    """Declare a model with a person in it that no section reads and anonymising leaves, and
    why (say, the person in it is the staff member who acted, kept for accountability)."""
    _LEFT_OUT[model] = why


def personal_data_held() -> list[tuple[str, Held]]:
    """Every (section, Held) declared: what the coverage and anonymising tests walk."""
    return [(name, held) for name, helds in _HELD.items() for held in helds]


def personal_data_left_out_models() -> dict[type[Model], str]:
    return dict(_LEFT_OUT)


def personal_data_anonymise(
    *, person_id: int, old_name: str, old_emails: Collection[str], name: str, email: str
) -> None:
    """Overwrite every copy of a person's name and addresses the sections declare, in one
    UPDATE per model: the caller (``members.services.person_anonymise``) holds the transaction
    and the lock on the person, and deals with the sign-in itself."""
    for _section, held in personal_data_held():
        changes: dict[str, Any] = {f: name for f in held.names}
        changes |= {f: email for f in held.emails}
        changes |= {f: "" for f in held.blanks}
        if old_name:
            changes |= {f: Replace(f, Value(old_name), Value(name)) for f in held.mentions}
        if changes:
            held.rows_of(person_id=person_id, emails=old_emails).update(**changes)


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


def emails_of(user: Any, person: Any) -> set[str]:
    """The addresses a person is known by (their sign-in's and their record's), lower case: what
    a section reading rows by address (``Held.email``) matches."""
    found = {getattr(user, "email", ""), getattr(person, "email", "")}
    return {address.lower() for address in found if address}


@personal_data_section("roles", models=[Held(RoleAssignment, person="person")])
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


_AUDIT_WRITTEN_ONCE = (
    "written once and never changed (a database trigger refuses), so the trail stays evidence "
    "of who did what; it may name people as they were named when it was written"
)


@personal_data_section(
    "activity",
    models=[
        Held(
            AuditEntry,
            person="actor__person",
            kept={"subject": _AUDIT_WRITTEN_ONCE, "detail": _AUDIT_WRITTEN_ONCE},
        )
    ],
)
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


personal_data_left_out(
    Alliance,
    "Its contact_email is the address the alliance publishes for enquiries on its membership "
    "pages (the demo's are office mailboxes): a setting of the alliance, linked to no person or "
    "sign-in, so no download or anonymising can find whose it is. If it is someone's own "
    "address, it is changed where the alliance is set up, not by anonymising them.",
)
