"""Lists of organisations and people that depend on the alliance and on who is asking."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from alliance.models import AcademicYear, Alliance, RoleAssignment
from members.confirming import confirmable_by
from members.models import Designation, Invitation, Membership, Organisation, Person


def member_organisations_for(
    *, alliance: Alliance, kinds: Iterable[str] = ()
) -> QuerySet[Organisation]:
    """The alliance's members (of ``kinds``, if given) this academic year, by name."""
    memberships = Membership.objects.current().filter(alliance=alliance)
    if kinds:
        memberships = memberships.filter(kind__in=kinds)
    return Organisation.objects.filter(pk__in=memberships.values("organisation")).order_by("name")


def memberships_for(*, alliance: Alliance, year: AcademicYear) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(alliance=alliance, academic_year=year)
        .select_related("organisation")
        .prefetch_related("organisation__phases")
        .order_by("kind", "organisation__name")
    )


def designations_for(*, alliance: Alliance) -> QuerySet[Designation]:
    return (
        Designation.objects.filter(alliance=alliance, active=True)
        .select_related("person__organisation", "phase")
        .prefetch_related("specialisms")
        .order_by("kind", "person__full_name")
    )


def people_for(*, alliance: Alliance) -> QuerySet[Person]:
    """Everyone holding a role in the alliance this year, with those roles."""
    current = RoleAssignment.objects.current().filter(alliance=alliance)
    return (
        Person.objects.filter(role_assignments__in=current)
        .distinct()
        .select_related("organisation", "user")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=current.select_related("strand", "organisation"),
                to_attr="current_roles",
            )
        )
        .order_by("full_name")
    )


def invitations_awaiting_approval_for(*, alliance: Alliance, user: Any) -> QuerySet[Invitation]:
    """Invitations of the alliance ``user`` may approve (``members.confirming``: a chair, the
    privileged grants) that nobody has decided on yet, still within their dates."""
    return (
        invitations_for(alliance=alliance)
        .filter(
            confirmable_by(user),
            needs_approval=True,
            approved_at__isnull=True,
            declined_at__isnull=True,
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by__person")
    )


def invitations_for(*, alliance: Alliance) -> QuerySet[Invitation]:
    return Invitation.objects.filter(alliance=alliance).select_related(
        "organisation", "strand", "invited_by"
    )


def people_of_alliance(*, alliance: Alliance) -> QuerySet[Person]:
    """Anyone who has held a role in the alliance or works in one of its organisations."""
    return (
        Person.objects.filter(
            Q(role_assignments__alliance=alliance) | Q(organisation__memberships__alliance=alliance)
        )
        .distinct()
        .select_related("organisation", "user")
    )


def leavers_for(*, alliance: Alliance) -> QuerySet[Person]:
    """People who held a role in the alliance and hold none now, not yet anonymised."""
    current = RoleAssignment.objects.current().filter(person=OuterRef("pk"))
    return (
        Person.objects.filter(role_assignments__alliance=alliance)
        .exclude(Exists(current))
        .exclude(email__endswith="@anonymised.invalid")
        .distinct()
        .select_related("organisation")
        .order_by("full_name")
    )


def is_alliance_member(*, person: Person | None, alliance: Alliance | None) -> bool:
    """Whether this person's organisation is a member of the alliance this year."""
    if person is None or alliance is None:
        return False
    return (
        Membership.objects.current()
        .filter(alliance=alliance, organisation_id=person.organisation_id)
        .exists()
    )


def people_for_picker(people: QuerySet[Person], *, alliance: Alliance) -> QuerySet[Person]:
    """``people`` with what a people picker shows beside each name (their school, and their
    roles and designations in the alliance this year), loaded in three queries however many."""
    return people.select_related("organisation").prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.current()
            .filter(alliance=alliance)
            .select_related("strand", "organisation")
            .order_by("role"),
            to_attr="picker_roles",
        ),
        Prefetch(
            "designations",
            queryset=Designation.objects.filter(alliance=alliance, active=True).order_by("kind"),
            to_attr="picker_designations",
        ),
    )
