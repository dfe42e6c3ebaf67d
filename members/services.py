"""Writes about people: inviting them and accepting an invitation."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alliance.audit import audit_record
from alliance.models import AcademicYear, Alliance, AuditKind, Role, RoleAssignment
from alliance.permissions import has_perm, person_of
from members.models import Invitation, Person, User


def invitation_create(
    *, actor: User, alliance: Alliance, invitation: Invitation, base_url: str
) -> Invitation:
    """Save an invitation built from the form and email its link to the invitee."""
    if not has_perm(person_of(actor), "people.invite", alliance):
        raise PermissionDenied
    invitation.alliance = alliance
    invitation.email = invitation.email.lower()
    invitation.invited_by = actor
    invitation.full_clean()
    if Invitation.objects.filter(
        alliance=alliance,
        email=invitation.email,
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        raise ValidationError({"email": "This person already has an invitation waiting."})
    with transaction.atomic():
        invitation.save()
        audit_record(
            actor=actor,
            kind=AuditKind.INVITATION_SENT,
            alliance=alliance,
            subject=invitation,
            detail=f"as {invitation.get_role_display()}",
        )
    link = f"{base_url.rstrip('/')}{invitation_path(invitation)}"
    context = {"invitation": invitation, "link": link}
    send_mail(
        subject=f"You are invited to {alliance.name} on Alliance Portal",
        message=render_to_string("members/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
    return invitation


def invitation_path(invitation: Invitation) -> str:
    return reverse("invitation-accept", kwargs={"token": invitation.token})


@transaction.atomic
def invitation_accept(*, token: str, password: str | None = None, user: User | None = None) -> User:
    """Turn an invitation into a sign-in, a person and a role. Works once, before expiry.

    A new invitee chooses a password; someone who already signs in (say, in another alliance)
    accepts while signed in as the invited address.
    """
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("alliance")
        .filter(token=token)
        .first()
    )
    if invitation is None or not invitation.is_usable:
        raise ValidationError("This invitation link has expired or has already been used.")
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
    person = person_of(account)
    if person is None:
        person = Person.objects.create(
            user=account,
            full_name=invitation.full_name,
            email=invitation.email,
            organisation=invitation.organisation,
            job_title=invitation.job_title,
        )
    today = timezone.localdate()
    assignment = RoleAssignment(
        alliance=invitation.alliance,
        academic_year=AcademicYear.current(),
        person=person,
        role=invitation.role,
        strand=invitation.strand,
        organisation=invitation.organisation if invitation.role == Role.HEADTEACHER else None,
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
    up) but now name "Former member N". Their sign-in can no longer be used. Doing it twice
    changes nothing; returns whether this call anonymised them.
    """
    if not has_perm(person_of(actor), "people.anonymise", alliance):
        raise PermissionDenied
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    new_email = anonymised_email(person)
    if person.email == new_email:
        return False
    if person.user_id is not None and person.user_id == actor.pk:
        raise ValidationError("You cannot anonymise yourself.")
    if RoleAssignment.objects.current().filter(person=person).exists():
        raise ValidationError(
            f"{person.full_name} still holds a role this year: end it before anonymising them."
        )
    old_emails = {e.lower() for e in (person.email, getattr(person.user, "email", "")) if e}
    person.full_name = f"Former member {person.pk}"
    person.email = new_email
    person.save(update_fields=["full_name", "email"])
    if person.user is not None:
        user = person.user
        user.email, user.first_name, user.last_name = new_email, "", ""
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "first_name", "last_name", "is_active", "password"])
        # allauth keeps its own copy of each sign-in address.
        EmailAddress.objects.filter(user=user).delete()
    Invitation.objects.filter(email__in=old_emails).update(
        email=new_email, full_name=person.full_name
    )
    audit_record(
        actor=actor,
        kind=AuditKind.PERSON_ANONYMISED,
        alliance=alliance,
        subject=person,
        detail=reason.strip(),
    )
    return True
