"""Who books CPD for which schools, where those schools pay members' prices, and their staff.

Read from the database on every request that asks, and once per request
(``programmes.access.request_rights``). A cache shared across requests did not pay: every
booking that adds a delegate changed a person and so emptied everyone's rights, and the
benchmark's booking was faster without it (benchmarks/RESULTS-caches.md).

A right to a school is granted by an alliance (issue 23): a headship by the alliance that made
the person head, a booker's by the alliances whose head of the school let them book. A head
books any alliance's courses open to their school; but a school's bookings with an alliance,
and who books for it there, belong to those whose right that alliance granted. Anyone else
with a right to the school sees and changes only the bookings they made themselves
(``programmes.selectors.booked_by_booker``). A head granted by Southwark may book STEEP's open
courses for their school and cancel what they booked, but never sees or cancels the places
its head in STEEP booked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Exists, OuterRef

from alliance.models import Partnership, RoleAssignment
from alliance.permissions import person_of
from members.models import Membership, Organisation, Person
from programmes.models import Booker


@dataclass(frozen=True)
class BookingRights:
    """One person's schools (those they head, and those whose head lets them book) and, for
    each, the alliances it is a member of this academic year."""

    person: Person | None = None
    schools: tuple[Organisation, ...] = ()
    # Keyed by school; ``None`` holds where someone of no school pays members' prices.
    member_of: dict[int | None, frozenset[int]] = field(default_factory=dict)
    headed_ids: frozenset[int] = frozenset()
    # Someone of no school (a childminder) who signs in books for themselves, and only that.
    for_self: bool = False

    def __bool__(self) -> bool:
        return bool(self.schools)

    def books_for(self, organisation_id: int | None) -> bool:
        if organisation_id is None:
            return self.for_self
        return any(s.pk == organisation_id for s in self.schools)

    def school(self, organisation_id: object) -> Organisation:
        """The school asked for (by a string from a query string, say), else the first."""
        return next((s for s in self.schools if str(s.pk) == str(organisation_id)), self.schools[0])

    def is_member(self, *, organisation_id: int | None, alliance_id: int) -> bool:
        return alliance_id in self.member_of.get(organisation_id, ())

    @property
    def self_booker(self) -> Person | None:
        """The person, when they book for themselves (of no school); else ``None``."""
        return self.person if self.for_self else None

    @property
    def headed(self) -> list[Organisation]:
        """The schools the person is headteacher of, in any alliance; who else books for each
        is decided on the pages of the alliance that made them head (``headed_in``)."""
        return [s for s in self.schools if s.pk in self.headed_ids]

    @cached_property
    def head_in(self) -> dict[int, frozenset[int]]:
        """Keyed by school headed: the alliances that made the person its head. Read when first
        asked (the pages of who books for a school): booking never needs it."""
        return heads_by_alliance(self.person) if self.headed_ids else {}

    def headed_in(self, alliance_id: int) -> list[Organisation]:
        """The schools this alliance made the person head of: on its pages they decide who
        else books for these."""
        return [s for s in self.headed if alliance_id in self.head_in.get(s.pk, ())]

    @property
    def member_alliance_ids(self) -> frozenset[int]:
        """The alliances where at least one of the person's schools pays members' prices."""
        return frozenset().union(*self.member_of.values())


NO_RIGHTS = BookingRights()


def _headed(person: Person):
    return RoleAssignment.objects.headships().filter(person=person)


def organisations_booked_for(person: Person | None) -> list[Organisation]:
    """The schools a person books CPD for: those they lead, and those whose head allows them.
    Each carries ``is_headed``: whether the person is its headteacher."""
    if person is None:
        return []
    # Built once and used twice: building the headships filter costs more than running it.
    headed = _headed(person)
    allowed = Booker.objects.filter(person=person).values("organisation")
    # One IN over a UNION, not two ORed INs: that made PostgreSQL scan every organisation.
    return list(
        Organisation.objects.filter(pk__in=headed.values("organisation").union(allowed))
        .annotate(is_headed=Exists(headed.filter(organisation=OuterRef("pk"))))
        .order_by("name")
    )


def heads_by_alliance(person: Person | None) -> dict[int, frozenset[int]]:
    """For each school the person heads today, the alliances that made them head. One query."""
    found: dict[int, set[int]] = {}
    if person is not None:
        rows = _headed(person).values_list("organisation_id", "alliance_id")
        for organisation_id, alliance_id in rows:
            found.setdefault(organisation_id, set()).add(alliance_id)
    return {pk: frozenset(ids) for pk, ids in found.items()}


def member_alliance_ids(*, organisation_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """For each school, the alliances it is a member of this academic year."""
    ids = list(organisation_ids)
    found: dict[int, set[int]] = {pk: set() for pk in ids}
    if ids:
        rows = Membership.objects.current().filter(organisation_id__in=ids)
        rows = rows.values_list("organisation_id", "alliance_id")
        for organisation_id, alliance_id in rows:
            found[organisation_id].add(alliance_id)
    return {pk: frozenset(alliances) for pk, alliances in found.items()}


def member_prices_for_no_school() -> frozenset[int]:
    """The alliances where people of no school pay members' prices: those of a partnership
    that says so. Anywhere else they pay the non-member price."""
    providers = Partnership.objects.filter(independents_pay_member_prices=True).values_list(
        "providers", flat=True
    )
    return frozenset(pk for pk in providers if pk is not None)


def rights_of(person: Person | None) -> BookingRights:
    schools = organisations_booked_for(person)
    member_of: dict[int | None, frozenset[int]] = member_alliance_ids(
        organisation_ids=[s.pk for s in schools]
    )
    for_self = person is not None and person.belongs_to_no_school
    if for_self:
        member_of[None] = member_prices_for_no_school()
    return BookingRights(
        person=person,
        schools=tuple(schools),
        member_of=member_of,
        headed_ids=frozenset(s.pk for s in schools if s.is_headed),
        for_self=for_self,
    )


def booking_rights_for(user) -> BookingRights:
    """The signed-in person's booking rights today; nobody's for anonymous visitors."""
    if not getattr(user, "is_authenticated", False):
        return NO_RIGHTS
    return rights_of(person_of(user))


def staff_of(school: Organisation) -> list[Person]:
    """The school's staff, for a head to choose delegates from."""
    return list(Person.objects.filter(organisation_id=school.pk).order_by("full_name"))
