"""Writes of the talent pool and the outcomes: each checks who acts, validates, and runs in one
transaction with the rows two people could change at once locked."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliance.audit import audit_record
from alliance.locks import lock_one
from alliance.models import AuditKind
from alliance.outbox import email_later
from alliance.permissions import AlliancePerms
from leadership.access import manages_pipeline
from leadership.models import Nomination, NominationStatus, Outcome
from leadership.selectors import pipeline_people
from members.models import Person
from programmes.models import Programme

NOT_YOUR_STAFF = "Choose a member of staff of a school you lead."
ALREADY_NOMINATED = "{name} is already nominated for the talent pool."


def nomination_create(
    *, perms: AlliancePerms, person: Person, aspiration: str, note: str
) -> Nomination:
    """A head nominates someone on their own staff; they are in the pool once they agree."""
    head = perms.person
    if head is None or not person.organisation_id or not perms.heads(person.organisation_id):
        raise ValidationError({"person": NOT_YOUR_STAFF})
    if head.pk == person.pk:
        raise ValidationError({"person": "Nominate a member of your staff, not yourself."})
    nomination = Nomination(
        alliance=perms.alliance,
        person=person,
        organisation_id=person.organisation_id,
        nominated_by=head,
        aspiration=aspiration,
        note=note.strip(),
    )
    nomination.full_clean(
        exclude=["alliance", "person", "organisation", "nominated_by"], validate_constraints=False
    )
    # The partial unique index settles two heads (or a double click) nominating at once.
    try:
        with transaction.atomic():
            nomination.save()
            _audit(head, nomination, f"Nominated ({nomination.get_aspiration_display()})")
    except IntegrityError as error:
        raise ValidationError({"person": ALREADY_NOMINATED.format(name=person)}) from error
    return nomination


def _audit(actor: Person | None, subject: Nomination | Outcome, detail: str) -> None:
    audit_record(
        actor=actor,
        kind=(
            AuditKind.LEADERSHIP_OUTCOME if isinstance(subject, Outcome) else AuditKind.NOMINATION
        ),
        alliance=subject.alliance_id,
        subject=subject,
        detail=detail,
    )


def nomination_answer(*, perms: AlliancePerms, nomination: Nomination, agree: bool) -> Nomination:
    """The person agrees to (or declines) their own nomination; answering again changes nothing
    (a double click), but a declined nomination is not reopened: the head nominates again."""
    if perms.person is None or perms.person.pk != nomination.person_id:
        raise ValidationError("Only the person nominated can answer their nomination.")
    with transaction.atomic():
        nomination = lock_one(Nomination.objects.all(), pk=nomination.pk)
        if nomination.status != NominationStatus.AWAITING:
            return nomination
        nomination.status = NominationStatus.AGREED if agree else NominationStatus.DECLINED
        nomination.answered_at = timezone.now()
        nomination.save(update_fields=["status", "answered_at"])
        _audit(perms.person, nomination, nomination.get_status_display())
    return nomination


def nomination_invite(
    *, perms: AlliancePerms, nomination: Nomination, programme: Programme
) -> Nomination:
    """The leadership lead invites someone in the pool to apply for a cohort: an email with the
    programme's page, where they apply (and their head endorses) as anyone does. The invitation
    is a nudge, not a place: the cohort's own application rules still hold."""
    if not manages_pipeline(perms):
        raise ValidationError("Only the leadership lead or the director invites people.")
    if programme.alliance_id != nomination.alliance_id:
        raise ValidationError({"programme": "Choose one of the alliance's programmes."})
    with transaction.atomic():
        nomination = lock_one(Nomination.objects.select_related("person"), pk=nomination.pk)
        if nomination.status != NominationStatus.AGREED:
            raise ValidationError("Invite people once they have agreed to their nomination.")
        if nomination.invited_to_id == programme.pk:
            return nomination  # a double click: one email
        nomination.invited_to = programme
        nomination.invited_at = timezone.now()
        nomination.save(update_fields=["invited_to", "invited_at"])
        _audit(perms.person, nomination, f"Invited to apply for {programme}")
        email_later(
            kind="leadership.invitation",
            payloads=[
                {
                    "nomination_id": nomination.pk,
                    "programme_id": programme.pk,
                    "invited_by": perms.person.full_name if perms.person else "",
                }
            ],
        )
    return nomination


def outcome_record(*, perms: AlliancePerms, person: Person, outcome: Outcome) -> Outcome:
    """The leadership lead (or the director) records what happened next for someone; a person
    records their own, marked as self-reported."""
    me = perms.person
    is_self = me is not None and me.pk == person.pk
    if me is None or not (is_self or manages_pipeline(perms)):
        raise ValidationError("Only the leadership lead, the director or the person records this.")
    if not pipeline_people(alliance=perms.alliance).filter(pk=person.pk).exists():
        raise ValidationError(
            f"{person} is on none of {perms.alliance}'s schools or programmes: their outcomes "
            "are recorded in their own alliance."
        )
    outcome.alliance = perms.alliance
    outcome.person = person
    outcome.recorded_by = me
    outcome.self_reported = is_self and not manages_pipeline(perms)
    if outcome.kind != "promotion":
        outcome.role_title, outcome.organisation = "", None
    if outcome.kind != "system_role":
        outcome.system_role = ""
    if outcome.kind != "qualification":
        outcome.qualification = ""
    outcome.full_clean()
    with transaction.atomic():
        # A double submit of the same outcome adds it once.
        same = Outcome.objects.filter(
            alliance=outcome.alliance,
            person=person,
            kind=outcome.kind,
            happened_on=outcome.happened_on,
            role_title=outcome.role_title,
            system_role=outcome.system_role,
            qualification=outcome.qualification,
        ).first()
        if same is not None:
            return same
        outcome.save()
        _audit(me, outcome, "Self-reported" if outcome.self_reported else "Recorded")
    return outcome
