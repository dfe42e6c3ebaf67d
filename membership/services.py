"""Writes about membership: the offer, applications and their decisions, renewals.

Each checks the actor's permission again, validates, and runs in one transaction: an approval
makes the organisation, its membership, its pledged strands, the invoice (through
``membership_started``) and the head's invitation together, or none of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliance.audit import audit_record
from alliance.locks import lock_one
from alliance.models import AcademicYear, Alliance, AuditKind, Protocol, Role, RoleAssignment
from alliance.outbox import email_later
from alliance.permissions import has_perm, perms_for, person_of
from members.models import (
    Invitation,
    Membership,
    MembershipKind,
    Organisation,
    OrganisationType,
    Person,
    Phase,
    User,
)
from members.services import invitation_create
from membership.models import (
    Application,
    ApplicationState,
    FeeRow,
    MembershipOffer,
    Renewal,
    RenewalState,
    Tier,
)
from membership.signals import membership_started
from strands.models import Strand
from strands.selectors import COMMITMENT_MINIMUM
from strands.services import contributions_pledge

REMIND_AGAIN_AFTER = datetime.timedelta(days=1)


def _require(actor: User, perm: str, alliance: Alliance) -> None:
    if not has_perm(person_of(actor), perm, alliance):
        raise PermissionDenied


def _year(start_year: int) -> AcademicYear:
    year, _ = AcademicYear.objects.get_or_create(start_year=start_year)
    return year


# --- the offer -----------------------------------------------------------------------------


def quote(*, tier: Tier, phase: Phase | None, number_on_roll: int) -> tuple[Decimal, str]:
    """The fee a school would pay for a tier, and the invoice line's words for it."""
    row = tier.fee_row_for(phase=phase, number_on_roll=number_on_roll)
    if row is None:
        phase_words = f"a {phase.name.lower()} school" if phase else "a school"
        raise ValidationError(
            {
                "tier": f"{tier.name} has no fee for {phase_words} with {number_on_roll} "
                "on roll: choose another tier, or ask the alliance."
            }
        )
    words = [f"{tier.name} {tier.offer.academic_year}"]
    if phase is not None:
        words.append(phase.name.lower())
    if row.roll_to is not None:
        words.append(f"{row.roll_from}-{row.roll_to} on roll")
    elif row.roll_from:
        words.append(f"{row.roll_from}+ on roll")
    return row.fee.quantize(Decimal("0.01")), ", ".join(words)


def fee_rows_check(rows: list[FeeRow]) -> None:
    """Refuse two rows of one tier whose phase and roll bands overlap: a school would not know
    which fee it pays."""
    for i, row in enumerate(rows):
        for other in rows[:i]:
            if row.overlaps(other):
                raise ValidationError(
                    f"The bands “{other.band_label}” and “{row.band_label}” overlap: "
                    "make each number on roll fall in one band only."
                )


@transaction.atomic
def offer_save(*, actor: User, offer: MembershipOffer) -> MembershipOffer:
    _require(actor, "membership.manage", offer.alliance)
    offer.full_clean()
    offer.save()
    return offer


@transaction.atomic
def tier_save(*, actor: User, tier: Tier, fee_rows: list[FeeRow]) -> Tier:
    """Save a tier with its whole fee table (the rows replace the old ones)."""
    _require(actor, "membership.manage", tier.offer.alliance)
    lock_one(MembershipOffer.objects, pk=tier.offer_id)
    if not fee_rows:
        raise ValidationError("Enter at least one fee.")
    fee_rows_check(fee_rows)
    tier.full_clean()
    tier.save()
    tier.fees.all().delete()
    for row in fee_rows:
        row.tier = tier
        row.full_clean()
    FeeRow.objects.bulk_create(fee_rows)
    return tier


@transaction.atomic
def tier_remove(*, actor: User, tier: Tier) -> None:
    _require(actor, "membership.manage", tier.offer.alliance)
    in_use = (
        Application.objects.filter(tier=tier).exists() or Renewal.objects.filter(tier=tier).exists()
    )
    if in_use:
        raise ValidationError(f"{tier.name} has been chosen by a school, so it stays.")
    tier.delete()


@transaction.atomic
def offer_copy(*, actor: User, alliance: Alliance, year: AcademicYear) -> MembershipOffer:
    """Start a year's offer as a copy of the latest earlier one (tiers, inclusions, fees)."""
    _require(actor, "membership.manage", alliance)
    if MembershipOffer.objects.filter(alliance=alliance, academic_year=year).exists():
        raise ValidationError(f"The alliance already has an offer for {year}.")
    source = (
        MembershipOffer.objects.filter(
            alliance=alliance, academic_year__start_year__lt=year.start_year
        )
        .order_by("-academic_year__start_year")
        .prefetch_related("tiers__fees")
        .first()
    )
    if source is None:
        raise ValidationError("There is no earlier offer to copy.")
    offer = MembershipOffer.objects.create(
        alliance=alliance, academic_year=year, introduction=source.introduction
    )
    for old_tier in source.tiers.all():
        rows = list(old_tier.fees.all())
        old_tier.pk, old_tier.offer = None, offer
        old_tier.save()
        for row in rows:
            row.pk, row.tier = None, old_tier
        FeeRow.objects.bulk_create(rows)
    return offer


@transaction.atomic
def protocols_save(
    *, actor: User, alliance: Alliance, protocols: list[tuple[str, str]]
) -> list[Protocol]:
    """Replace the alliance's protocols with these, in this order. Applications keep the words
    they accepted, so rewording a protocol changes nothing already agreed."""
    _require(actor, "membership.manage", alliance)
    if not protocols:
        raise ValidationError("Enter at least one protocol.")
    Protocol.objects.filter(alliance=alliance).delete()
    return Protocol.objects.bulk_create(
        Protocol(alliance=alliance, position=i, title=title, description=text)
        for i, (title, text) in enumerate(protocols)
    )


# --- joining -------------------------------------------------------------------------------


def _member_this_year(alliance: Alliance, urn: str, year: AcademicYear) -> bool:
    return Membership.objects.filter(
        alliance=alliance, organisation__urn=urn, academic_year=year
    ).exists()


def application_submit(
    *,
    alliance: Alliance,
    offer: MembershipOffer,
    tier: Tier,
    strands: Iterable[Strand],
    protocols: Iterable[Protocol],
    **school: object,
) -> Application:
    """A school asks to join; the applicant gets an acknowledgement by email."""
    strands = list(strands)
    if len(strands) < COMMITMENT_MINIMUM:
        raise ValidationError(
            {"strands": f"Choose at least {COMMITMENT_MINIMUM} strands to contribute to."}
        )
    application = Application(alliance=alliance, offer=offer, tier=tier, **school)
    application.fee, application.fee_description = quote(
        tier=tier, phase=application.phase, number_on_roll=application.number_on_roll
    )
    application.protocols_accepted = [f"{p.title}: {p.description}".strip() for p in protocols]
    application.full_clean(validate_constraints=False)
    if _member_this_year(alliance, application.urn, offer.academic_year):
        raise ValidationError(
            {"urn": f"This school is already a member of {alliance} for {offer.academic_year}."}
        )
    try:
        with transaction.atomic():
            application.save()
            application.strands.set(strands)
            email_later(
                kind="membership.acknowledged", payloads=[{"application_id": application.pk}]
            )
    except IntegrityError as error:
        # Two posts of the same form at once: the unique constraint lets one through.
        raise ValidationError(
            {"urn": "An application for this school is already waiting for a decision."}
        ) from error
    return application


def _decide(actor: User, application: Application) -> Application:
    _require(actor, "membership.manage", application.alliance)
    return lock_one(
        Application.objects.select_related("alliance", "offer__academic_year", "tier", "phase"),
        pk=application.pk,
    )


def _organisation_for(application: Application) -> tuple[Organisation, bool]:
    """The school by its URN, or a new one, and whether it was already there; locked, so two
    approvals wait for each other. Only the URN finds a school: a name alone (the director's
    page shows any organisation of that name) makes a new one, which hands nothing over."""
    found = Organisation.objects.filter(urn=application.urn).order_by("pk")
    if found.exists():
        return lock_one(found, pk=found.first().pk), True
    organisation = Organisation(
        name=application.school_name, urn=application.urn, organisation_type=OrganisationType.SCHOOL
    )
    organisation.full_clean()
    organisation.save()
    organisation.phases.add(application.phase)
    return organisation, False


def _invite_head(
    *,
    actor: User,
    alliance: Alliance,
    organisation: Organisation,
    existing: bool,
    name: str,
    email: str,
    base_url: str,
) -> None:
    """Invite the head to sign in as the school's headteacher, unless they already are, or an
    invitation to them is already waiting (a second approval must not fail on it).

    The application's word is the applicant's alone: for a school the portal already knew
    (``existing``), the invitation waits for its current head, in any alliance, or the site
    administrator to confirm the new head (``members.confirming``)."""
    already_head = RoleAssignment.objects.current().filter(
        alliance=alliance,
        role=Role.HEADTEACHER,
        organisation=organisation,
        person__email__iexact=email,
    )
    waiting = Invitation.objects.filter(
        alliance=alliance,
        email__iexact=email,
        accepted_at__isnull=True,
        declined_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    if already_head.exists() or waiting.exists():
        return
    invitation = Invitation(
        email=email,
        full_name=name,
        job_title="Headteacher",
        organisation=organisation,
        role=Role.HEADTEACHER,
    )
    invitation_create(
        actor=actor,
        alliance=alliance,
        invitation=invitation,
        base_url=base_url,
        existing_school=existing,
    )


def _start(
    *,
    actor: User,
    alliance: Alliance,
    organisation: Organisation,
    tier: Tier,
    year: AcademicYear,
    strands: Iterable[Strand],
    fee: Decimal,
    description: str,
    purchase_order: str = "",
) -> Membership:
    """The membership for a year, its pledged strands, and the signal finance bills it from."""
    if Membership.objects.filter(alliance=alliance, organisation=organisation, academic_year=year):
        raise ValidationError(f"{organisation} is already a member of {alliance} for {year}.")
    today = timezone.localdate()
    starts_on = max(today, year.starts_on)
    membership = Membership(
        alliance=alliance, organisation=organisation, academic_year=year, kind=tier.kind
    )
    membership.joined_on = starts_on
    membership.full_clean()
    membership.save()
    contributions_pledge(
        actor=actor, organisation=organisation, strands=strands, year=year, starts_on=starts_on
    )
    membership_started.send(
        sender=Membership,
        membership=membership,
        fee=fee,
        description=description,
        purchase_order=purchase_order,
        made_by=person_of(actor),
    )
    return membership


@transaction.atomic
def application_approve(*, actor: User, application: Application, base_url: str) -> Application:
    """Approve once: a second click (or a second director) finds it decided and changes nothing.

    A school found by its URN joins under its own record, and its head's invitation waits for
    the school's current head (or the site administrator) to confirm them (``_invite_head``)."""
    locked = _decide(actor, application)
    if locked.state == ApplicationState.APPROVED:
        return locked
    if locked.state != ApplicationState.PENDING:
        raise ValidationError("This application has already been declined.")
    alliance, year = locked.alliance, locked.offer.academic_year
    if timezone.localdate() > year.ends_on:
        raise ValidationError(
            f"This application was for {year}, which has ended: decline it, and ask the school "
            "to apply for this year."
        )
    organisation, existing = _organisation_for(locked)
    _start(
        actor=actor,
        alliance=alliance,
        organisation=organisation,
        tier=locked.tier,
        year=year,
        strands=locked.strands.all(),
        fee=locked.fee,
        description=locked.fee_description,
    )
    _invite_head(
        actor=actor,
        alliance=alliance,
        organisation=organisation,
        existing=existing,
        name=locked.head_name,
        email=locked.head_email,
        base_url=base_url,
    )
    locked.state = ApplicationState.APPROVED
    locked.decided_at, locked.decided_by = timezone.now(), actor
    locked.organisation = organisation
    locked.save(update_fields=["state", "decided_at", "decided_by", "organisation"])
    email_later(kind="membership.decided", payloads=[{"application_id": locked.pk}])
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBERSHIP_DECIDED,
        alliance=alliance,
        subject=locked,
        detail=f"approved as {locked.tier.name} for {year}",
    )
    return locked


@transaction.atomic
def application_decline(*, actor: User, application: Application, message: str) -> Application:
    locked = _decide(actor, application)
    if locked.state == ApplicationState.DECLINED:
        return locked
    if locked.state != ApplicationState.PENDING:
        raise ValidationError("This application has already been approved.")
    if not message.strip():
        raise ValidationError({"message": "Enter the reason, for the school."})
    locked.state = ApplicationState.DECLINED
    locked.decided_at, locked.decided_by = timezone.now(), actor
    locked.message = message.strip()
    locked.save(update_fields=["state", "decided_at", "decided_by", "message"])
    email_later(kind="membership.decided", payloads=[{"application_id": locked.pk}])
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBERSHIP_DECIDED,
        alliance=locked.alliance,
        subject=locked,
        detail="declined",
    )
    return locked


# --- renewing ------------------------------------------------------------------------------


def next_offer_for(offer: MembershipOffer) -> MembershipOffer | None:
    return (
        MembershipOffer.objects.filter(
            alliance_id=offer.alliance_id,
            academic_year__start_year=offer.academic_year.start_year + 1,
        )
        .select_related("academic_year")
        .first()
    )


class NoNextOffer(ValidationError):
    pass


@transaction.atomic
def renewals_request(*, offer: MembershipOffer, actor: User | None = None) -> int:
    """Ask each member of ``offer``'s year (not the teaching schools, who lead the alliance) to
    renew for the next year; returns how many were asked. Asking again asks only those not yet
    asked. ``actor`` is None when the daily command does it on the offer's date."""
    if actor is not None:
        _require(actor, "membership.manage", offer.alliance)
    following = next_offer_for(offer)
    if following is None or not following.tiers.exists():
        raise NoNextOffer(
            f"Set up the {offer.academic_year.start_year + 1}/"
            f"{(offer.academic_year.start_year + 2) % 100:02d} membership offer (with its "
            "tiers) first: the renewal requests quote its fees."
        )
    lock_one(MembershipOffer.objects, pk=following.pk)
    asked = set(Renewal.objects.filter(offer=following).values_list("organisation_id", flat=True))
    # A school already a member next year (it joined late, or the director added it) is not asked.
    asked |= set(
        Membership.objects.filter(
            alliance_id=offer.alliance_id, academic_year=following.academic_year
        ).values_list("organisation_id", flat=True)
    )
    members = (
        Membership.objects.filter(alliance_id=offer.alliance_id, academic_year=offer.academic_year)
        .exclude(kind=MembershipKind.TEACHING_SCHOOL)
        .exclude(organisation_id__in=asked)
    )
    renewals = Renewal.objects.bulk_create(
        Renewal(alliance_id=offer.alliance_id, offer=following, organisation_id=m.organisation_id)
        for m in members
    )
    email_later(kind="membership.renewal", payloads=[{"renewal_id": r.pk} for r in renewals])
    return len(renewals)


def renewals_request_due(*, today: datetime.date | None = None) -> int:
    """What the daily command does: send the requests of every offer whose date has come."""
    today = today or timezone.localdate()
    sent = 0
    for offer in MembershipOffer.objects.select_related("alliance", "academic_year"):
        if offer.academic_year.contains(today) and offer.renewal_date <= today:
            try:
                sent += renewals_request(offer=offer)
            except NoNextOffer:
                continue  # the director's renewals page says what is missing
    return sent


def _answer(actor: User, renewal: Renewal) -> tuple[Renewal, Person]:
    person = person_of(actor)
    perms = perms_for(person, renewal.alliance)
    if "membership.renew" not in perms or not perms.heads(renewal.organisation_id):
        raise PermissionDenied
    locked = lock_one(
        Renewal.objects.select_related("offer__academic_year", "organisation", "alliance"),
        pk=renewal.pk,
    )
    if locked.state != RenewalState.WAITING:
        raise ValidationError(
            f"{locked.organisation} has already answered: {locked.get_state_display().lower()}."
        )
    return locked, person


@transaction.atomic
def renewal_renew(
    *,
    actor: User,
    renewal: Renewal,
    tier: Tier,
    strands: Iterable[Strand],
    number_on_roll: int,
    purchase_order: str = "",
) -> Renewal:
    """The head renews for next year: next year's membership, pledges and invoice."""
    locked, person = _answer(actor, renewal)
    if tier.offer_id != locked.offer_id:
        raise ValidationError({"tier": "Choose one of next year's tiers."})
    strands = list(strands)
    if len(strands) < COMMITMENT_MINIMUM:
        raise ValidationError(
            {"strands": f"Choose at least {COMMITMENT_MINIMUM} strands to contribute to."}
        )
    phase = locked.organisation.phases.order_by("position").first()
    fee, description = quote(tier=tier, phase=phase, number_on_roll=number_on_roll)
    membership = _start(
        actor=actor,
        alliance=locked.alliance,
        organisation=locked.organisation,
        tier=tier,
        year=locked.offer.academic_year,
        strands=strands,
        fee=fee,
        description=description,
        purchase_order=purchase_order,
    )
    locked.state, locked.answered_at = RenewalState.RENEWED, timezone.now()
    locked.answered_by = person
    locked.tier, locked.number_on_roll, locked.fee = tier, number_on_roll, fee
    locked.save()
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBERSHIP_DECIDED,
        alliance=locked.alliance,
        subject=membership,
        detail=f"renewed as {tier.name} for {locked.offer.academic_year}",
    )
    return locked


@transaction.atomic
def renewal_leave(*, actor: User, renewal: Renewal, reason: str = "") -> Renewal:
    locked, person = _answer(actor, renewal)
    locked.state, locked.answered_at = RenewalState.LEAVING, timezone.now()
    locked.answered_by = person
    locked.reason = reason.strip()
    locked.save(update_fields=["state", "answered_at", "answered_by", "reason"])
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBERSHIP_DECIDED,
        alliance=locked.alliance,
        subject=locked,
        detail=f"leaving at the end of {locked.offer.academic_year.start_year - 1}/"
        f"{locked.offer.academic_year.start_year % 100:02d}",
    )
    return locked


@transaction.atomic
def renewal_remind(*, actor: User, renewal: Renewal) -> bool:
    """Remind a school that has not answered; once a day at most. Returns whether it was sent."""
    _require(actor, "membership.manage", renewal.alliance)
    locked = lock_one(Renewal.objects, pk=renewal.pk)
    now = timezone.now()
    if locked.state != RenewalState.WAITING:
        return False
    if locked.last_reminded_at and now - locked.last_reminded_at < REMIND_AGAIN_AFTER:
        return False
    locked.last_reminded_at = now
    locked.save(update_fields=["last_reminded_at"])
    email_later(kind="membership.renewal", payloads=[{"renewal_id": locked.pk, "reminder": True}])
    return True
