"""Writes about people: inviting them and accepting an invitation."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alliance.models import AcademicYear, Alliance, Role, RoleAssignment
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
    link = f"{base_url.rstrip('/')}{invitation_path(invitation)}"
    context = {"invitation": invitation, "link": link}
    send_mail(
        subject=f"You are invited to {alliance.name} on Alliance Portal",
        message=render_to_string("members/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
    return invitation


def _person_for_invitee(invitation: Invitation, account: User) -> Person:
    """The invitee as a person of their organisation: the one already there with the invited
    address (booked onto a course, say, without signing in), or a new one. One person per
    organisation and email."""
    person = (
        Person.objects.select_for_update()
        .filter(organisation=invitation.organisation, email__iexact=invitation.email)
        .first()
    )
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
    person = person_of(account) or _person_for_invitee(invitation, account)
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
    return account
