"""Reads about membership: the offer of a year, applications, renewals and who may see them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from alliance.models import AcademicYear, Alliance, Role, RoleAssignment
from alliance.permissions import AlliancePerms
from members.models import Invitation, InvitationState, Membership, Organisation
from membership.models import (
    Application,
    ApplicationState,
    FeeRow,
    MembershipOffer,
    Renewal,
    RenewalState,
    Tier,
)
from strands.models import Contribution, Strand


def _with_tiers(queryset: QuerySet[MembershipOffer]) -> QuerySet[MembershipOffer]:
    fees = FeeRow.objects.select_related("phase")
    tiers = Tier.objects.prefetch_related(Prefetch("fees", queryset=fees))
    return queryset.select_related("academic_year", "alliance").prefetch_related(
        Prefetch("tiers", queryset=tiers)
    )


def offer_for(*, alliance: Alliance, start_year: int) -> MembershipOffer | None:
    """The offer of one year with its tiers and fee tables, in a fixed number of queries."""
    return (
        _with_tiers(MembershipOffer.objects.filter(alliance=alliance))
        .filter(academic_year__start_year=start_year)
        .first()
    )


def current_offer_for(*, alliance: Alliance) -> MembershipOffer | None:
    return offer_for(
        alliance=alliance, start_year=AcademicYear.start_year_for(timezone.localdate())
    )


def offers_for(*, alliance: Alliance) -> QuerySet[MembershipOffer]:
    return MembershipOffer.objects.filter(alliance=alliance).select_related("academic_year")


def strands_for(*, alliance: Alliance) -> QuerySet[Strand]:
    return Strand.objects.filter(alliance=alliance).order_by("position")


def applications_for(*, alliance: Alliance) -> QuerySet[Application]:
    """Waiting ones first, then the decided ones, newest first."""
    return (
        Application.objects.filter(alliance=alliance)
        .select_related("tier", "phase", "offer__academic_year")
        .order_by("-state", "-submitted_at", "-id")
    )


def application_for(*, alliance: Alliance, pk: int) -> Application:
    try:
        return (
            applications_for(alliance=alliance)
            .select_related("decided_by", "organisation")
            .prefetch_related("strands")
            .get(pk=pk)
        )
    except Application.DoesNotExist as exc:
        raise Http404 from exc


@dataclass
class KnownSchool:
    """An organisation already in the portal that an application names, by its URN or its
    name: what the director must see before approving (who the school really is, where it is
    a member, who heads it)."""

    organisation: Organisation
    by_urn: bool
    alliances: list[Alliance]
    heads: list[RoleAssignment]


def known_schools_for(application: Application) -> list[KnownSchool]:
    """Organisations with the application's URN or (whatever its case) its name, each with
    the alliances it is a member of this year and its heads today in any alliance: three
    queries, however many."""
    found = (
        Organisation.objects.filter(
            Q(urn=application.urn) | Q(name__iexact=application.school_name.strip())
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current()
                .select_related("alliance")
                .order_by("alliance__name"),
                to_attr="memberships_now",
            ),
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.headships()
                .select_related("person", "alliance")
                .order_by("person__full_name", "alliance__name"),
                to_attr="heads_now",
            ),
        )
        .order_by("name", "pk")
    )
    return [
        KnownSchool(
            organisation=o,
            by_urn=o.urn == application.urn,
            alliances=[m.alliance for m in o.memberships_now],
            heads=o.heads_now,
        )
        for o in found
    ]


@dataclass
class HeadStep:
    """The approved application's head invitation held back for the school's own head: who is
    asked (``heads``; none: the site administrator) and what became of it."""

    invitation: Invitation
    heads: list[RoleAssignment]

    @property
    def waiting(self) -> bool:
        return self.invitation.state == InvitationState.AWAITING_APPROVAL

    @property
    def lapsed(self) -> bool:
        return self.invitation.state == InvitationState.EXPIRED and not self.invitation.approved_at


def head_step_for(application: Application, known: list[KnownSchool]) -> HeadStep | None:
    """For an approved application of a school already known (``known``, from
    ``known_schools_for``): its head's invitation, when it waits (or waited) for confirmation.
    One query."""
    if application.organisation_id is None:
        return None
    invitation = (
        Invitation.objects.filter(
            alliance_id=application.alliance_id,
            organisation_id=application.organisation_id,
            role=Role.HEADTEACHER,
            email__iexact=application.head_email,
            needs_approval=True,
        )
        .select_related("approved_by__person", "declined_by__person")
        .order_by("-created_at", "-pk")
        .first()
    )
    if invitation is None:
        return None
    school = next((k for k in known if k.organisation.pk == application.organisation_id), None)
    return HeadStep(invitation=invitation, heads=school.heads if school else [])


@dataclass
class RenewalRow:
    renewal: Renewal
    heads: list[str]


def renewals_for(*, offer: MembershipOffer) -> list[RenewalRow]:
    """Every school asked to renew for ``offer``'s year, with the heads who were asked."""
    renewals = list(
        Renewal.objects.filter(offer=offer).select_related("organisation", "tier", "answered_by")
    )
    heads: dict[int, list[str]] = {}
    for assignment in (
        RoleAssignment.objects.headships()
        .filter(
            alliance_id=offer.alliance_id, organisation_id__in=[r.organisation_id for r in renewals]
        )
        .select_related("person")
    ):
        heads.setdefault(assignment.organisation_id, []).append(assignment.person.full_name)
    return [RenewalRow(r, heads.get(r.organisation_id, [])) for r in renewals]


def renewal_counts(rows: list[RenewalRow]) -> dict[str, int]:
    counts = {state: 0 for state in RenewalState.values}
    for row in rows:
        counts[row.renewal.state] += 1
    return counts


def renewal_for_head(*, perms: AlliancePerms, pk: int) -> Renewal:
    """A renewal of a school the person heads; anyone else's is a 404, never a leak."""
    try:
        renewal = Renewal.objects.select_related(
            "organisation", "offer__academic_year", "tier", "answered_by"
        ).get(pk=pk, alliance=perms.alliance)
    except Renewal.DoesNotExist as exc:
        raise Http404 from exc
    if not perms.heads(renewal.organisation_id):
        raise Http404
    return renewal


def waiting_renewals_for(*, perms: AlliancePerms) -> QuerySet[Renewal]:
    """What the head's home page asks them to answer."""
    return Renewal.objects.filter(
        alliance=perms.alliance,
        organisation_id__in=perms.organisation_ids,
        state=RenewalState.WAITING,
    ).select_related("organisation", "offer__academic_year")


def memberships_of(*, alliance: Alliance, organisation_id: int) -> QuerySet[Membership]:
    """The school's memberships, this year's and later (a renewal makes next year's)."""
    return Membership.objects.filter(
        alliance=alliance,
        organisation_id=organisation_id,
        academic_year__start_year__gte=AcademicYear.start_year_for(timezone.localdate()),
    ).select_related("academic_year")


def pledged_strand_ids(*, organisation_id: int, year: AcademicYear) -> list[int]:
    return list(
        Contribution.objects.filter(organisation_id=organisation_id, academic_year=year)
        .values_list("strand_id", flat=True)
        .distinct()
    )


def latest_choice(*, organisation_id: int) -> tuple[str, int | None]:
    """The tier name and number on roll the school last gave (its renewal, else its
    application), to fill in its next renewal."""
    renewal = (
        Renewal.objects.filter(organisation_id=organisation_id, state=RenewalState.RENEWED)
        .select_related("tier")
        .order_by("-answered_at")
        .first()
    )
    if renewal is not None:
        return renewal.tier.name, renewal.number_on_roll
    application = (
        Application.objects.filter(organisation_id=organisation_id, state=ApplicationState.APPROVED)
        .select_related("tier")
        .order_by("-submitted_at")
        .first()
    )
    return (application.tier.name, application.number_on_roll) if application else ("", None)


def this_start_year() -> int:
    return AcademicYear.start_year_for(timezone.localdate())


def fee_table(offer: MembershipOffer) -> list[dict]:
    """The offer's fees as data for the join form's live quote (``static/js/membership-fee.js``);
    the server quotes again from the same rows when the form is sent."""
    return [
        {
            "tier": tier.pk,
            "name": tier.name,
            "fees": [
                {
                    "phase": row.phase_id,
                    "from": row.roll_from,
                    "to": row.roll_to,
                    "fee": f"{row.fee:,.2f}",
                    "band": row.band_label,
                }
                for row in tier.fees.all()
            ],
        }
        for tier in offer.tiers.all()
    ]
