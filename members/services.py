"""Writes about people: inviting them, approving privileged grants, accepting an invitation."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from alliance.audit import audit_record
from alliance.locks import lock_all, lock_one
from alliance.models import AcademicYear, Alliance, AuditKind, Role, RoleAssignment
from alliance.outbox import email_later
from alliance.permissions import (
    GRANTS_NEEDING_APPROVAL,
    STAFF_ROLES,
    has_perm,
    perms_for,
    person_of,
)
from alliance.personal_data import emails_of, personal_data_anonymise
from members.confirming import heads_of, may_confirm
from members.models import Invitation, InvitationState, Organisation, Person, User

ABOVE_YOUR_ROLE = "You may invite people only to roles below your own."
OWN_SCHOOL_ONLY = "You may invite staff of your own school only."
# Roles held for one school: the headteacher's, and the staff a head lets book for it.
SCHOOL_ROLES = frozenset({Role.HEADTEACHER, *STAFF_ROLES})


def _addresses_of(user: User) -> set[str]:
    """Every address a sign-in goes by: its own, its person's and any it added in allauth."""
    addresses = {user.email.lower()}
    if (person := person_of(user)) is not None and person.email:
        addresses.add(person.email.lower())
    addresses |= {
        a.lower() for a in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    return addresses


def _inviter_may_grant(invitation: Invitation) -> bool:
    """The inviter still holds a role above the one granted (or is the site administrator)."""
    inviter = invitation.invited_by
    if inviter is None:
        return False
    if inviter.is_superuser:
        return True
    return perms_for(person_of(inviter), invitation.alliance).may_grant(invitation.role)


def _waits_for_head(invitation: Invitation, *, existing_school: bool) -> bool:
    """Whether a new head must first be confirmed by the school's own head (or the site
    administrator): for a school the portal knew before the application naming them, or one
    another alliance has a head of today (so the director's form cannot do what approving an
    application may not). Never when the invitee already heads it: the link goes to their own
    address, so there is no one else to ask."""
    if invitation.role != Role.HEADTEACHER or not invitation.organisation_id:
        return False
    heads = list(heads_of(invitation.organisation_id))
    if any(
        invitation.email in {a.person.email.lower(), getattr(a.person.user, "email", "").lower()}
        for a in heads
    ):
        return False
    return existing_school or any(a.alliance_id != invitation.alliance_id for a in heads)


def invitation_create(
    *,
    actor: User,
    alliance: Alliance,
    invitation: Invitation,
    base_url: str,
    existing_school: bool = False,
) -> Invitation:
    """Save an invitation built from the form and email its link to the invitee.

    A chair, director or administrator grant waits for a second person to approve it and is
    emailed only then (``invitation_approve``). So does a headteacher of an ``existing_school``
    (one the portal knew before the application that names them) or of a school headed in
    another alliance: its current head, in any alliance, or the site administrator confirms
    them first (``members.confirming``), and is told so through the outbox.
    """
    perms = perms_for(person_of(actor), alliance)
    if not perms.grantable_roles:
        raise PermissionDenied
    invitation.alliance = alliance
    invitation.email = invitation.email.lower()
    invitation.invited_by = actor
    invitation.needs_approval = invitation.role in GRANTS_NEEDING_APPROVAL or _waits_for_head(
        invitation, existing_school=existing_school
    )
    invitation.full_clean()
    if not perms.may_grant(invitation.role):
        raise ValidationError({"role": ABOVE_YOUR_ROLE})
    if invitation.role in STAFF_ROLES and not perms.heads(invitation.organisation_id):
        raise ValidationError({"organisation": OWN_SCHOOL_ONLY})
    if invitation.email in _addresses_of(actor):
        raise ValidationError({"email": "You cannot invite yourself; ask someone else to."})
    with transaction.atomic():
        # One invitation waiting per address: the organisation's row lock makes a second post
        # of the same form (a double click) wait, then find the first one's invitation.
        lock_one(Organisation.objects, pk=invitation.organisation_id)
        if Invitation.objects.filter(
            alliance=alliance,
            email=invitation.email,
            accepted_at__isnull=True,
            declined_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).exists():
            raise ValidationError({"email": "This person already has an invitation waiting."})
        invitation.save()
        if invitation.waits_for_head:
            awaiting = f", awaiting the confirmation of the head of {invitation.organisation}"
        elif invitation.needs_approval:
            awaiting = ", awaiting a second person's approval"
        else:
            awaiting = ""
        audit_record(
            actor=actor,
            kind=AuditKind.INVITATION_SENT,
            alliance=alliance,
            subject=invitation,
            detail=f"as {invitation.get_role_display()}{awaiting}",
        )
        if invitation.waits_for_head:
            email_later(
                kind="invitation.confirm_head",
                payloads=[{"invitation_id": invitation.pk, "base_url": base_url}],
            )
        elif not invitation.needs_approval:
            _email_invitation(invitation, base_url)
    return invitation


def _email_invitation(invitation: Invitation, base_url: str) -> None:
    """Put the invitation's email in the outbox, in the caller's transaction."""
    email_later(
        kind="invitation", payloads=[{"invitation_id": invitation.pk, "base_url": base_url}]
    )


def _decide(*, actor: User, invitation: Invitation) -> Invitation:
    """Lock an invitation awaiting approval for the one who may (``members.confirming``) to
    decide on it."""
    if not may_confirm(actor, invitation):
        raise PermissionDenied
    if actor.pk == invitation.invited_by_id:
        raise ValidationError(
            "You sent this invitation, so another chair or the site administrator must decide."
        )
    return lock_one(Invitation.objects.select_related("alliance", "organisation"), pk=invitation.pk)


def invitation_approve(*, actor: User, invitation: Invitation, base_url: str) -> Invitation:
    """A second person approves a privileged grant, or the school's head (or the site
    administrator) confirms a new head of it; only then is the invitation emailed.

    Approving again (a double click) changes nothing and emails nobody.
    """
    with transaction.atomic():
        locked = _decide(actor=actor, invitation=invitation)
        if locked.approved_at:
            return locked
        if locked.state != InvitationState.AWAITING_APPROVAL:
            raise ValidationError(
                f"This invitation cannot be approved: {locked.state.label.lower()}."
            )
        if not _inviter_may_grant(locked):
            raise ValidationError(
                "The person who sent this invitation can no longer grant this role."
            )
        locked.approved_by = actor
        locked.approved_at = timezone.now()
        # The week to accept starts once the invitee can be told.
        locked.expires_at = locked.approved_at + datetime.timedelta(
            days=settings.INVITATION_VALID_DAYS
        )
        locked.save(update_fields=["approved_by", "approved_at", "expires_at"])
        audit_record(
            actor=actor,
            kind=AuditKind.ROLE_GRANT_APPROVED,
            alliance=locked.alliance,
            subject=locked,
            detail=_decision_detail(locked),
        )
        _email_invitation(locked, base_url)
    return locked


def _decision_detail(invitation: Invitation) -> str:
    detail = f"as {invitation.get_role_display()}"
    if invitation.waits_for_head:
        detail += f" of {invitation.organisation}, by the school's head or the site administrator"
    return detail


@transaction.atomic
def invitation_decline(*, actor: User, invitation: Invitation, reason: str = "") -> Invitation:
    """A second person declines a privileged grant, or the school's head refuses a new head of
    it (``reason``, optional, is kept): it is never sent. Declining again is a no-op."""
    locked = _decide(actor=actor, invitation=invitation)
    if locked.declined_at:
        return locked
    if locked.state != InvitationState.AWAITING_APPROVAL:
        raise ValidationError(f"This invitation cannot be declined: {locked.state.label.lower()}.")
    locked.declined_by = actor
    locked.declined_at = timezone.now()
    locked.declined_reason = reason.strip()
    locked.save(update_fields=["declined_by", "declined_at", "declined_reason"])
    detail = _decision_detail(locked)
    audit_record(
        actor=actor,
        kind=AuditKind.ROLE_GRANT_DECLINED,
        alliance=locked.alliance,
        subject=locked,
        detail=f"{detail}: {locked.declined_reason}" if locked.declined_reason else detail,
    )
    return locked


def _person_for_invitee(invitation: Invitation, account: User) -> Person:
    """The invitee as a person of their organisation: the one already there with the invited
    address (booked onto a course, say, without signing in), or a new one. One person per
    organisation and email."""
    same = Person.objects.filter(
        organisation=invitation.organisation, email__iexact=invitation.email
    )
    person = next(iter(lock_all(same.order_by("pk"))), None)
    if person is None:
        return Person.objects.create(
            user=account,
            full_name=invitation.full_name,
            email=invitation.email,
            organisation=invitation.organisation,
            job_title=invitation.job_title,
        )
    if person.user_id is not None:
        raise ValidationError(
            f"{person.full_name} at {invitation.organisation.name} already signs in with "
            f"another address; ask whoever invited you to check the address."
        )
    person.user = account
    person.job_title = person.job_title or invitation.job_title
    person.save(update_fields=["user", "job_title"])
    return person


@transaction.atomic
def invitation_accept(*, token: str, password: str | None = None, user: User | None = None) -> User:
    """Turn an invitation into a sign-in, a person and a role. Works once, before expiry.

    A new invitee chooses a password; someone who already signs in (say, in another alliance)
    accepts while signed in as the invited address.
    """
    found = lock_all(Invitation.objects.select_related("alliance").filter(token=token))
    invitation = found[0] if found else None
    if invitation is None:
        raise ValidationError("This invitation link has expired or has already been used.")
    # From the rule itself, not only the flag: an invitation made in the admin or before the rule.
    invitation.needs_approval |= invitation.role in GRANTS_NEEDING_APPROVAL
    if invitation.refusal:
        raise ValidationError(invitation.refusal)
    # Whoever approved it may still (a head who confirmed a new head still heads the school).
    if invitation.needs_approval and not may_confirm(invitation.approved_by, invitation):
        raise ValidationError(
            "This invitation no longer stands: whoever approved it no longer may. Ask the "
            "alliance for a new invitation."
        )
    # The inviter may have lost the role since they sent it.
    if not _inviter_may_grant(invitation):
        raise ValidationError(
            "This invitation no longer stands: the person who sent it can no longer grant this "
            "role. Ask the alliance for a new invitation."
        )
    # Never into another sign-in's account: the role goes to the address it was sent to.
    if user is not None and user.email.lower() != invitation.email.lower():
        raise ValidationError(
            f"This invitation is for {invitation.email}, and you are signed in as {user.email}. "
            "Sign out, then open the invitation link again."
        )
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if user is None or user.pk != existing.pk:
            raise ValidationError(
                f"Sign in as {invitation.email} first, then open the invitation link again."
            )
        account = existing
    else:
        if not password:
            raise ValidationError("Choose a password.")
        account = User.objects.create_user(
            email=invitation.email, password=password, first_name=invitation.full_name
        )
    # The link went to this address, so whoever opened it proves it is theirs.
    account.verify_email()
    person = person_of(account) or _person_for_invitee(invitation, account)
    today = timezone.localdate()
    assignment = RoleAssignment(
        alliance=invitation.alliance,
        academic_year=AcademicYear.current(),
        person=person,
        role=invitation.role,
        strand=invitation.strand,
        organisation=invitation.organisation if invitation.role in SCHOOL_ROLES else None,
        funded_days=invitation.funded_days,
        funded_period=invitation.funded_period,
        starts_on=today,
        created_by=invitation.invited_by,
    )
    assignment.full_clean()
    assignment.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=account,
        kind=AuditKind.INVITATION_ACCEPTED,
        alliance=invitation.alliance,
        subject=invitation,
        detail=f"as {invitation.get_role_display()}",
    )
    return account


def anonymised_email(person: Person) -> str:
    return f"anonymised-{person.pk}@anonymised.invalid"


@transaction.atomic
def person_anonymise(*, actor: User, alliance: Alliance, person: Person, reason: str = "") -> bool:
    """Replace the name and email of someone who has left, wherever the portal keeps them.

    Their bookings, attendance, meetings and actions stay (so counts and registers still add
    up) but now name "Former member N". Where the portal keeps a copy of their name or address
    is what the apps declare in their ``personal_data`` modules (``alliance.personal_data``).
    Their sign-in can no longer be used. Doing it twice changes nothing; returns whether this
    call anonymised them.
    """
    if not has_perm(person_of(actor), "people.anonymise", alliance):
        raise PermissionDenied
    person = lock_one(Person.objects.select_related("user"), of=("self",), pk=person.pk)
    new_email = anonymised_email(person)
    if person.email == new_email:
        return False
    if person.user_id is not None and person.user_id == actor.pk:
        raise ValidationError("You cannot anonymise yourself.")
    # A director must not be able to lock out the site administrator, the other approver.
    if person.user is not None and (person.user.is_superuser or person.user.is_staff):
        raise ValidationError(
            "This person signs in as a site administrator: only another site administrator "
            "can remove that sign-in."
        )
    if RoleAssignment.objects.current().filter(person=person).exists():
        raise ValidationError(
            f"{person.full_name} still holds a role this year: end it before anonymising them."
        )
    # Every copy of their name and addresses that an app declares with its "Download my data"
    # sections (the person and sign-in rows among them), so a new app's copies are covered too.
    personal_data_anonymise(
        person_id=person.pk,
        old_name=person.full_name,
        old_emails=emails_of(person.user, person),
        name=f"Former member {person.pk}",
        email=new_email,
    )
    person.refresh_from_db(fields=["full_name", "email"])
    if person.user is not None:
        user = person.user
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["is_active", "password"])
        # allauth keeps its own copy of each sign-in address.
        EmailAddress.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        kind=AuditKind.PERSON_ANONYMISED,
        alliance=alliance,
        subject=person,
        detail=reason.strip(),
    )
    return True
