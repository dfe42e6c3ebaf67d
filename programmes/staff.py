"""A headteacher invites members of staff of their own school to sign in and book its CPD.

The invitation is the members app's (its email, acceptance, grant rules), for the one role a
head may grant, ``Role.BOOKER``; what it adds is the right itself: the person, at the school,
is allowed to book for it (a ``Booker`` row) from the moment they are invited, so the head sees
them under "Staff who may book" at once and can take it back before they even sign in.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from alliance.models import Alliance, Role
from alliance.permissions import person_of
from members.models import Invitation, Organisation, Person, User
from members.services import invitation_create
from programmes.models import Booker


@transaction.atomic
def staff_invite(
    *,
    actor: User,
    alliance: Alliance,
    school: Organisation,
    full_name: str,
    email: str,
    job_title: str = "",
    base_url: str,
) -> Invitation:
    """Invite a member of ``school``'s staff to sign in and book for it.

    ``invitation_create`` refuses anyone but the school's headteacher in this alliance, any
    other school and any other role, and a second invitation to the same address (the same
    form posted twice waits on its lock, then finds the first)."""
    signed_in = Person.objects.filter(
        organisation=school, email__iexact=email, user__isnull=False
    ).first()
    if signed_in is not None:
        raise ValidationError(
            {"email": f"{signed_in.full_name} already signs in: allow them to book below."}
        )
    invitation = invitation_create(
        actor=actor,
        alliance=alliance,
        invitation=Invitation(
            full_name=full_name,
            email=email,
            job_title=job_title,
            organisation=school,
            role=Role.BOOKER,
        ),
        base_url=base_url,
    )
    # The person accepting the invitation becomes this one (one person per school and email).
    staff = Person.objects.filter(organisation=school, email__iexact=invitation.email).first()
    if staff is None:
        staff = Person.objects.create(
            full_name=full_name, email=invitation.email, organisation=school, job_title=job_title
        )
    Booker.objects.get_or_create(
        organisation=school, person=staff, defaults={"granted_by": person_of(actor)}
    )
    return invitation
