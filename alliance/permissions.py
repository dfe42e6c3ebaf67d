"""Who may do what in an alliance: the one place that answers it.

Roles are held per alliance and academic year. Each role grants a set of dotted permission
names; an SLE or NLE designation grants a few more. Views ask through ``@requires``, services
through ``has_perm``, templates through ``"perm.name" in perms`` on the context.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from alliance.models import Alliance, Role, RoleAssignment

if TYPE_CHECKING:
    from members.models import Person

_BOARD = {"meeting.view_board", "strand.view_board"}
# The impact report with every figure and name is for those who hold the alliance to account;
# the director, who runs the work it reports, writes its foreword and publishes its public version.
_BOARD |= {"impact.view"}
_EVERYONE = {"home.view"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.CHAIR: frozenset(
        _EVERYONE
        | _BOARD
        | {
            "people.view",
            "meeting.call",
            "minutes.view_drafts",
            "minutes.approve",
            "actions.view_all",
            "funded_time.view",
            "roles.approve",
        }
    ),
    Role.DIRECTOR: frozenset(
        _EVERYONE
        | _BOARD
        | {
            "people.view",
            "people.invite",
            "strand.assign",
            "funded_time.view",
            "programme.manage_all",
            "session.run",
            "bookings.view_all",
            "support.request",
            "support.broker",
            "cluster.manage",
            "designation.view_capacity",
            "audit.view",
            "people.anonymise",
            "impact.publish",
            # Research and development: the director starts projects, as the research lead does.
            "research.manage",
        }
    ),
    Role.ADMINISTRATOR: frozenset(
        _EVERYONE
        | {
            "meeting.view_board",
            "people.view",
            "people.invite",
            "meeting.call",
            "meeting.record_attendance",
            "minutes.view_drafts",
            "minutes.draft",
            "minutes.publish",
            "actions.view_all",
        }
    ),
    Role.STRATEGIC_LEAD: frozenset(_EVERYONE | {"programme.manage_strand", "session.run"}),
    Role.BOARD_MEMBER: frozenset(_EVERYONE | _BOARD),
    Role.FINANCE_HOLDER: frozenset(_EVERYONE | {"funded_time.view"}),
    Role.HEADTEACHER: frozenset(
        _EVERYONE
        | {"booking.create", "bookings.view_own_school", "support.request", "staff.invite"}
    ),
    # Held through the invitation only: the right to book is the head's ``programmes.Booker``.
    Role.BOOKER: frozenset(_EVERYONE),
}
# --- Membership: the offer, joining, renewing (issue 14) ---
# The director sets the offer and protocols, decides applications and chases renewals; a head
# renews their own school (``AlliancePerms.heads`` says which).
ROLE_PERMISSIONS[Role.DIRECTOR] |= {"membership.manage"}
ROLE_PERMISSIONS[Role.HEADTEACHER] |= {"membership.renew"}
# --- end of membership ---
# --- Money: invoices, payments and the ledger (issue 14) ---
# The finance holder keeps the books: prepares and issues invoices, credit notes and reminders,
# and is the only one who records money received. The director reads every figure and shares
# the settings (prices and policies are the alliance's decisions). A head reads their own
# school's invoices and statement (the object check is ``AlliancePerms.heads``).
_FINANCE_READ = {"finance.view", "finance.settings"}
ROLE_PERMISSIONS[Role.FINANCE_HOLDER] |= _FINANCE_READ | {
    "finance.invoice",
    "finance.record_payment",
}
ROLE_PERMISSIONS[Role.DIRECTOR] |= _FINANCE_READ
ROLE_PERMISSIONS[Role.HEADTEACHER] |= {"finance.view_own_school"}
# --- end of money ---
# Who may grant which role: an invitation grants only a role ranked below the inviter's highest
# role in that alliance. The chair leads the alliance and the board, so stands above the director
# who runs it day to day. The administrator comes next: they invite people, call meetings and
# publish minutes, so they must not be able to make a director or a chair. A board member reads
# the confidential board papers and holds the leadership to account, above the finance holder,
# who sees only funded time. A strategic lead runs one strand's programmes; a headteacher books
# for one school, so sits at the bottom.
ROLE_RANK: dict[str, int] = {
    Role.CHAIR: 70,
    Role.DIRECTOR: 60,
    Role.ADMINISTRATOR: 50,
    Role.BOARD_MEMBER: 40,
    Role.FINANCE_HOLDER: 30,
    Role.STRATEGIC_LEAD: 20,
    Role.HEADTEACHER: 10,
    Role.BOOKER: 5,
}
# Granted by a head to staff of their own school ("staff.invite"), never through the director's
# invitation form: the head's invitation also records the right to book for that school.
STAFF_ROLES: frozenset[str] = frozenset({Role.BOOKER})
# These roles can invite, publish minutes or see every school's bookings: granting one takes a
# second person (another chair, or the site administrator) before the invitation is sent.
GRANTS_NEEDING_APPROVAL: frozenset[str] = frozenset({Role.CHAIR, Role.DIRECTOR, Role.ADMINISTRATOR})

DESIGNATION_PERMISSIONS = frozenset(_EVERYONE | {"deployment.view_own"})

# --- Designating SLEs (issue 17): the director runs rounds, decides applications and reviews
# each designation yearly. Applicants and their heads are answered per application (sle/access.py).
ROLE_PERMISSIONS[Role.DIRECTOR] = ROLE_PERMISSIONS[Role.DIRECTOR] | {"sle.designate"}
# --- end of designating SLEs ---

ALL_PERMISSIONS: frozenset[str] = frozenset().union(
    DESIGNATION_PERMISSIONS, *ROLE_PERMISSIONS.values()
)


class UnknownPermission(LookupError):
    """A permission name that no role grants: almost certainly a typo."""


def _check_name(perm: str) -> None:
    if perm not in ALL_PERMISSIONS:
        raise UnknownPermission(perm)


@dataclass(frozen=True)
class AlliancePerms:
    """What one person may do in one alliance today."""

    alliance: Alliance | None
    person: Person | None = None
    roles: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    strand_ids: frozenset[int] = frozenset()
    # The kinds of the strands led ("itt", "leadership", ...: ``strands.StrandKind`` values):
    # the ITT, leadership and research leads have work beyond their strand's programmes.
    strand_kinds: frozenset[str] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    assignments: tuple[RoleAssignment, ...] = field(default=(), repr=False)
    is_designated: bool = False

    def __contains__(self, perm: str) -> bool:
        _check_name(perm)
        return perm in self.names

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def leads_strand(self, strand_id: int) -> bool:
        return strand_id in self.strand_ids

    def leads_strand_kind(self, kind: str) -> bool:
        """Whether they lead this alliance's strand of that kind (a ``strands.StrandKind``)."""
        return kind in self.strand_kinds

    def may_manage_strand(self, strand_id: int) -> bool:
        """Strategic leads manage their own strand's programmes; the director manages all."""
        return "programme.manage_all" in self or (
            "programme.manage_strand" in self and self.leads_strand(strand_id)
        )

    def heads(self, organisation_id: int) -> bool:
        return organisation_id in self.organisation_ids

    @property
    def grantable_roles(self) -> tuple[str, ...]:
        """The roles this person may grant by invitation: those below their highest role; a
        head, only the staff roles, to their own school's staff (``staff.invite``)."""
        if "people.invite" in self:
            offered = [role for role in Role.values if role not in STAFF_ROLES]
        elif "staff.invite" in self:
            offered = sorted(STAFF_ROLES)
        else:
            return ()
        highest = max((ROLE_RANK[role] for role in self.roles), default=0)
        return tuple(role for role in offered if ROLE_RANK[role] < highest)

    def may_grant(self, role: str) -> bool:
        return role in self.grantable_roles

    @property
    def has_any_role(self) -> bool:
        return bool(self.names)

    @property
    def sees_confidential(self) -> bool:
        """Confidential agenda items are left out of the versions members and the public read."""
        return "meeting.view_board" in self


NO_PERMS = AlliancePerms(alliance=None)


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    # A user without a person (a superuser) makes the accessor raise an AttributeError subclass.
    return getattr(user, "person", None)


def perms_for(person: Person | None, alliance: Alliance) -> AlliancePerms:
    """Compute a person's permissions in an alliance from their current roles and designations."""
    if person is None:
        return AlliancePerms(alliance=alliance)
    assignments = tuple(
        RoleAssignment.objects.current()
        .filter(person=person, alliance=alliance)
        .select_related("strand", "organisation", "academic_year")
    )
    is_designated = person.designations.filter(alliance=alliance, active=True).exists()
    names: set[str] = set(DESIGNATION_PERMISSIONS) if is_designated else set()
    for assignment in assignments:
        names |= ROLE_PERMISSIONS[assignment.role]
    return AlliancePerms(
        alliance=alliance,
        person=person,
        roles=frozenset(a.role for a in assignments),
        names=frozenset(names),
        strand_ids=frozenset(a.strand_id for a in assignments if a.strand_id),
        strand_kinds=frozenset(a.strand.kind for a in assignments if a.strand_id),
        # The schools headed: ``assignments`` are today's, as ``RoleAssignment.headships`` asks.
        organisation_ids=frozenset(
            a.organisation_id for a in assignments if a.role == Role.HEADTEACHER
        ),
        assignments=assignments,
        is_designated=is_designated,
    )


def has_perm(person: Person | None, perm: str, alliance: Alliance) -> bool:
    _check_name(perm)
    return perm in perms_for(person, alliance)


def request_perms(request: HttpRequest, alliance: Alliance) -> AlliancePerms:
    """Permissions for the request's person, computed once per request and alliance."""
    cache = request.__dict__.setdefault("_alliance_perms", {})
    if alliance.pk not in cache:
        cache[alliance.pk] = perms_for(person_of(request.user), alliance)
    return cache[alliance.pk]


def _bind_alliance(request: HttpRequest, kwargs: dict[str, Any]) -> Alliance:
    alliance = Alliance.by_slug(kwargs.pop("alliance_slug"))
    if alliance is None:
        raise Http404
    request.alliance = alliance
    # Worked out when first asked (most pages do): a booking that redirects never needs it.
    request.perms = SimpleLazyObject(lambda: request_perms(request, alliance))
    return alliance


class SignInRequired(Exception):
    """``refuse`` for an anonymous visitor; every alliance page answers it with the sign-in page."""


def refuse(request: HttpRequest) -> NoReturn:
    """The one answer to someone who may not see a page: anonymous visitors are sent to sign in
    (they may well be allowed once signed in); a signed-in person without the right gets 403.
    Raised, so that a ``get_<thing>_for`` helper can refuse as well as a decorator."""
    if not request.user.is_authenticated:
        raise SignInRequired
    raise PermissionDenied


def alliance_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of one alliance: binds ``request.alliance`` and ``request.perms``, and answers
    ``refuse`` for anonymous visitors with the sign-in page. Open to everyone by itself."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _bind_alliance(request, kwargs)
        try:
            return view(request, *args, **kwargs)
        except SignInRequired:
            return redirect_to_login(request.get_full_path())

    return wrapped


def signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An alliance page for signed-in people whose right to it is object-level (which sessions
    they run, which schools they book for): the view's ``get_<thing>_for`` helper decides."""

    @functools.wraps(view)
    @alliance_page
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def object_page[M: Model](
    get: Callable[[HttpRequest, int], M], *, key: str = "pk"
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A page of one object, e.g. ``@object_page(get_meeting_to_read)``: ``get(request, pk)``
    returns the object or refuses (404 outside the alliance, ``refuse`` inside it without the
    right) before the method is looked at, and the view is given the object instead of its key.

    Put it above ``@require_GET`` and the like, as ``@requires``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        @alliance_page
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return view(request, get(request, kwargs.pop(key)), *args, **kwargs)

        return wrapped

    return decorator


def requires(perm: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Guard an alliance page: anonymous people go to sign in, people without ``perm`` get 403.

    Put it above ``@require_POST``: someone who may not write is refused whatever the method,
    rather than told which method the address wants."""
    _check_name(perm)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        @alliance_page
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated or perm not in request.perms:
                refuse(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def get_for_alliance[M: Model](queryset: QuerySet[M], alliance: Alliance, **lookup: Any) -> M:
    """Fetch an object that belongs to ``alliance``; anything else is a 404, never a leak."""
    try:
        return queryset.get(alliance=alliance, **lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
