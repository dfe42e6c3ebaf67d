"""Who confirms an invitation held back before it is sent: the one rule, read by the pages that
list and decide them, by the services that decide them and by accepting.

An invitation waits (``Invitation.needs_approval``) in two cases:

- a chair, director or administrator grant (``GRANTS_NEEDING_APPROVAL``): a chair of the
  alliance that invites, or the site administrator, approves it;
- a headteacher of a school the portal already knew, from an application to join that named
  it (``membership.services.application_approve``): an alliance may admit a school, but only
  the school itself says who its head is. Its current head confirms the new head, whichever
  alliance granted their headship, or the site administrator does (the only one told where
  the school has no head in any alliance this year).

Whoever sent an invitation never decides it (``members.services``, with a message saying so).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from alliance.models import Role, RoleAssignment
from alliance.permissions import GRANTS_NEEDING_APPROVAL, ROLE_PERMISSIONS, person_of
from members.models import Invitation

# The roles that approve privileged grants in their alliance (a chair).
APPROVING_ROLES = frozenset(
    role for role, names in ROLE_PERMISSIONS.items() if "roles.approve" in names
)


def heads_of(organisation_id: int) -> QuerySet[RoleAssignment]:
    """The school's heads today, granted by any alliance: who confirms a new head of it."""
    return (
        RoleAssignment.objects.headships()
        .filter(organisation_id=organisation_id)
        .select_related("person__user", "alliance")
        .order_by("person__full_name", "alliance__name")
    )


def confirmable_by(user: Any) -> Q:
    """The rule, as a filter on invitations: those ``user`` may approve or refuse (whatever
    their state; the services refuse one that is no longer waiting)."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    waiting = Q(needs_approval=True)
    if user.is_superuser:
        return waiting
    person = person_of(user)
    if person is None:
        return Q(pk__in=[])
    current = RoleAssignment.objects.current().filter(person=person)
    chaired = current.filter(role__in=APPROVING_ROLES).values("alliance")
    headed = current.filter(role=Role.HEADTEACHER).values("organisation")
    return waiting & (
        Q(role__in=GRANTS_NEEDING_APPROVAL, alliance__in=chaired)
        | Q(role=Role.HEADTEACHER, organisation__in=headed)
    )


def may_confirm(user: Any, invitation: Invitation) -> bool:
    """Whether ``user`` may approve (or refuse) this invitation today."""
    if user is None or invitation.pk is None:
        return False
    return Invitation.objects.filter(confirmable_by(user), pk=invitation.pk).exists()


def headships_to_confirm_for(user: Any) -> QuerySet[Invitation]:
    """New heads waiting for this person's confirmation (every one, for the site
    administrator), still within their dates, oldest first."""
    return (
        Invitation.objects.filter(
            confirmable_by(user),
            role=Role.HEADTEACHER,
            approved_at__isnull=True,
            declined_at__isnull=True,
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("alliance", "organisation", "invited_by__person")
        .order_by("created_at", "pk")
    )
