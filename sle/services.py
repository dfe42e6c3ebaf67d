"""The writes of designating SLEs: each checks who may, runs in one transaction, and locks the
application (or designation) row where two people could act on it at once."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliance.audit import audit_record
from alliance.locks import lock_one
from alliance.models import AcademicYear, AuditKind
from alliance.outbox import email_later
from alliance.permissions import AlliancePerms, perms_for
from members.models import Designation, DesignationKind, MembershipKind, Person
from members.selectors import member_organisations_for
from programmes.models import Session, SessionStatus
from programmes.rights import BookingRights
from programmes.services import booking_create
from sle.models import (
    ApplicationStatus,
    DesignationReview,
    DesignationRound,
    ReviewOutcome,
    SleApplication,
)

SUPPORT_SALT = "sle.head-support"
# The head has a fortnight to answer; after that the director asks again (a new link).
SUPPORT_LINK_DAYS = 14


class LinkExpired(Exception):
    """The head's support link is older than ``SUPPORT_LINK_DAYS``."""


def support_token(application: SleApplication) -> str:
    """The signed key in the head's emailed link: it names the application and expires."""
    return signing.dumps({"application": application.pk}, salt=SUPPORT_SALT)


def application_for_token(token: str) -> SleApplication | None:
    """The application a support link is for; ``None`` for a forged one, ``LinkExpired`` when
    it is too old."""
    try:
        data = signing.loads(
            token, salt=SUPPORT_SALT, max_age=datetime.timedelta(days=SUPPORT_LINK_DAYS)
        )
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature:
        return None
    return (
        SleApplication.objects.select_related(
            "round__alliance", "applicant", "school", "specialism", "phase"
        )
        .filter(pk=data.get("application"))
        .first()
    )


def _require(perms: AlliancePerms) -> None:
    if "sle.designate" not in perms:
        raise PermissionDenied("Only the director designates SLEs.")


def round_save(
    *, perms: AlliancePerms, designation_round: DesignationRound, specialisms, phases
) -> DesignationRound:
    """Open a round, or change one that is still open."""
    _require(perms)
    if designation_round.pk and DesignationRound.objects.get(pk=designation_round.pk).is_closed:
        raise ValidationError("This round is closed: it can no longer be changed.")
    if designation_round.training_programme.alliance_id != perms.alliance.pk:
        raise PermissionDenied
    designation_round.alliance = perms.alliance
    designation_round.full_clean(exclude=["alliance", "opened_by"])
    with transaction.atomic():
        if designation_round.pk is None:
            designation_round.opened_by = perms.person.user
        designation_round.save()
        designation_round.specialisms.set(specialisms)
        designation_round.phases.set(phases)
    return designation_round


def round_close(*, perms: AlliancePerms, designation_round: DesignationRound) -> bool:
    """Close a round to applications; closing it twice changes nothing."""
    _require(perms)
    with transaction.atomic():
        locked = lock_one(DesignationRound.objects.all(), pk=designation_round.pk)
        if locked.closed_at is not None:
            return False
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
    designation_round.closed_at = locked.closed_at
    return True


SCHOOL_MEMBERSHIPS = (MembershipKind.TEACHING_SCHOOL, MembershipKind.MEMBER_SCHOOL)


def may_apply(perms: AlliancePerms) -> bool:
    """Staff of a school of the alliance this year (a teaching or member school; a partner's
    staff, the local authority's say, are not released by a school to support others), but
    not the director, who decides."""
    person = perms.person
    if person is None or person.organisation_id is None or "sle.designate" in perms:
        return False
    schools = member_organisations_for(alliance=perms.alliance, kinds=SCHOOL_MEMBERSHIPS)
    return schools.filter(pk=person.organisation_id).exists()


def application_create(*, applicant: Person, application: SleApplication) -> SleApplication:
    """Submit an application and email the applicant's head the link to support it."""
    designation_round = application.round
    if not may_apply(perms_for(applicant, designation_round.alliance)):
        raise PermissionDenied("Only staff of the alliance's member schools may apply.")
    errors: dict[str, str] = {}
    if not designation_round.accepts_applications:
        errors["__all__"] = "This round has closed: applications are no longer taken."
    if not designation_round.specialisms.filter(pk=application.specialism_id).exists():
        errors["specialism"] = "Choose one of the specialisms this round is seeking."
    if not designation_round.phases.filter(pk=application.phase_id).exists():
        errors["phase"] = "Choose one of the phases this round is seeking."
    if Designation.objects.filter(
        alliance=designation_round.alliance,
        person=applicant,
        kind=DesignationKind.SLE,
        active=True,
    ).exists():
        errors["__all__"] = "You are already a designated SLE of this alliance."
    if SleApplication.objects.filter(round=designation_round, applicant=applicant).exists():
        errors["__all__"] = "You have already applied in this round."
    if errors:
        raise ValidationError(errors)
    application.applicant = applicant
    application.school_id = applicant.organisation_id
    application.status = ApplicationStatus.AWAITING_SUPPORT
    try:
        with transaction.atomic():
            application.save()
            email_later(
                kind="sle.support_requested",
                payloads=[{"application_id": application.pk}],
            )
    except IntegrityError as error:
        # The same form posted twice at once: the unique constraint decides.
        raise ValidationError("You have already applied in this round.") from error
    return application


def support_record(
    *, head: Person, perms: AlliancePerms, application: SleApplication, supports: bool, comment: str
) -> SleApplication:
    """The head's answer: supported or not, with a comment. Once; a second answer is refused."""
    if not perms.heads(application.school_id):
        raise PermissionDenied("Only the applicant's headteacher answers for their school.")
    if not supports and not comment.strip():
        raise ValidationError({"comment": "Enter why you do not support this application."})
    with transaction.atomic():
        locked = lock_one(SleApplication.objects.all(), pk=application.pk)
        if locked.status != ApplicationStatus.AWAITING_SUPPORT:
            if locked.head_responded_at is not None:
                raise ValidationError("You have already answered for this application.")
            raise ValidationError("The director has already decided on this application.")
        locked.status = ApplicationStatus.SUPPORTED if supports else ApplicationStatus.NOT_SUPPORTED
        locked.head_comment = comment.strip()
        locked.head_responded_by = head
        locked.head_responded_at = timezone.now()
        locked.save()
        # The school's word on releasing one of its staff: a decision about a person.
        audit_record(
            actor=head,
            kind=AuditKind.SLE_DECISION,
            alliance=perms.alliance,
            subject=locked,
            detail=f"{locked.get_status_display()} {locked.head_comment}".strip(),
        )
    return locked


def _decide(
    perms: AlliancePerms, application: SleApplication, allowed: str, detail: str
) -> SleApplication:
    """Lock the application and check the decision may be made now (``allowed`` names the
    model's ``may_*`` property); the caller writes and saves."""
    _require(perms)
    if application.round.alliance_id != perms.alliance.pk:
        raise PermissionDenied
    locked = lock_one(
        SleApplication.objects.select_related("round", "applicant", "specialism", "phase"),
        pk=application.pk,
    )
    if not getattr(locked, allowed):
        raise ValidationError(
            f"This application is {locked.get_status_display().lower()}: it cannot be {detail}."
        )
    return locked


def _audit(perms: AlliancePerms, application: SleApplication, detail: str) -> None:
    audit_record(
        actor=perms.person,
        kind=AuditKind.SLE_DECISION,
        alliance=perms.alliance,
        subject=application,
        detail=detail,
    )


def application_shortlist(
    *, perms: AlliancePerms, application: SleApplication, shortlisted: bool, reason: str = ""
) -> SleApplication:
    """Shortlist a supported application, or turn one down with a reason (emailed)."""
    if not shortlisted and not reason.strip():
        raise ValidationError({"reason": "Enter why the application is not shortlisted."})
    with transaction.atomic():
        if shortlisted:
            locked = _decide(perms, application, "may_shortlist", "shortlisted")
            locked.status = ApplicationStatus.SHORTLISTED
        else:
            locked = _decide(perms, application, "may_turn_down", "turned down now")
            locked.status = ApplicationStatus.NOT_SHORTLISTED
            locked.shortlist_reason = locked.feedback = reason.strip()
            locked.decided_at = timezone.now()
            email_later(kind="sle.outcome", payloads=[{"application_id": locked.pk}])
        locked.save()
        _audit(perms, locked, f"{locked.get_status_display()} {reason.strip()}".strip())
    return locked


def interview_record(
    *,
    perms: AlliancePerms,
    application: SleApplication,
    interviewed_on: datetime.date,
    panel: str,
    notes: str,
) -> SleApplication:
    """Record (or correct, before the outcome) the interview of a shortlisted applicant."""
    with transaction.atomic():
        locked = _decide(perms, application, "may_record_interview", "interviewed now")
        if interviewed_on < locked.round.opened_at.date():
            raise ValidationError({"interviewed_on": "Enter a date after the round opened."})
        locked.interviewed_on = interviewed_on
        locked.interview_panel = panel.strip()
        locked.interview_notes = notes.strip()
        locked.status = ApplicationStatus.INTERVIEWED
        locked.save()
    return locked


def application_decide(
    *,
    perms: AlliancePerms,
    application: SleApplication,
    designate: bool,
    feedback: str,
    days_released: Decimal | None = None,
) -> SleApplication:
    """The outcome, once: designated (a ``Designation`` with the days the school releases them,
    and a booking on the round's training) or not; the applicant is emailed the feedback."""
    errors: dict[str, str] = {}
    if not feedback.strip():
        errors["feedback"] = "Enter feedback for the applicant."
    if designate and not days_released:
        errors["days_released"] = "Enter the days a year the school releases them."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _decide(perms, application, "may_decide", "decided now")
        locked.feedback = feedback.strip()
        locked.decided_at = timezone.now()
        if designate:
            locked.status = ApplicationStatus.DESIGNATED
            locked.days_released = days_released
            locked.designation = _designation_for(locked)
            _book_training(perms, locked)
        else:
            locked.status = ApplicationStatus.NOT_DESIGNATED
        locked.full_clean(exclude=["round", "applicant", "school", "specialism", "phase"])
        locked.save()
        email_later(kind="sle.outcome", payloads=[{"application_id": locked.pk}])
        _audit(perms, locked, f"{locked.get_status_display()}: {locked.feedback}")
    return locked


def _designation_for(application: SleApplication) -> Designation:
    """A new SLE designation, or one ended before taken up again with the new specialism."""
    designation, created = Designation.objects.get_or_create(
        alliance_id=application.round.alliance_id,
        person=application.applicant,
        kind=DesignationKind.SLE,
        defaults={
            "phase": application.phase,
            "days_available_per_year": application.days_released,
            "designated_on": timezone.localdate(),
        },
    )
    if not created:
        if designation.active:
            raise ValidationError("This person is already a designated SLE.")
        designation.phase = application.phase
        designation.days_available_per_year = application.days_released
        designation.designated_on = timezone.localdate()
        designation.active = True
        designation.save()
    designation.specialisms.set([application.specialism])
    return designation


def _book_training(perms: AlliancePerms, application: SleApplication) -> None:
    """Book the new SLE on every session of the required training still open for booking (the
    alliance books on the school's behalf; the place joins the waiting list when full)."""
    programme = application.round.training_programme
    now = timezone.now()
    sessions = [
        session
        for session in Session.objects.filter(
            programme=programme, status=SessionStatus.SCHEDULED
        ).select_related("programme")
        if not session.closed_reason(now)
    ]
    booked = Session.objects.filter(
        programme=programme, bookings__delegate=application.applicant
    ).values_list("pk", flat=True)
    sessions = [s for s in sessions if s.pk not in set(booked)]
    if not sessions:
        return
    school = application.school
    rights = BookingRights(
        person=perms.person,
        schools=(school,),
        member_of={school.pk: frozenset({programme.alliance_id})},
    )
    booking_create(
        actor=perms.person,
        organisation=school,
        sessions=sessions,
        delegates=[application.applicant],
        rights=rights,
    )


def review_record(
    *, perms: AlliancePerms, designation: Designation, outcome: str, reason: str
) -> DesignationReview:
    """This year's review of a designation: continued, or ended (with a reason), once. Ending
    leaves the SLE's deployments as they are."""
    _require(perms)
    if designation.alliance_id != perms.alliance.pk:
        raise PermissionDenied
    if outcome == ReviewOutcome.ENDED and not reason.strip():
        raise ValidationError({"reason": "Enter why the designation ends."})
    year = AcademicYear.current()
    with transaction.atomic():
        locked = lock_one(Designation.objects.all(), pk=designation.pk)
        if DesignationReview.objects.filter(designation=locked, academic_year=year).exists():
            raise ValidationError("This designation has been reviewed this year already.")
        if not locked.active:
            raise ValidationError("This designation has already ended.")
        review = DesignationReview.objects.create(
            designation=locked,
            academic_year=year,
            outcome=outcome,
            reason=reason.strip(),
            reviewed_by=perms.person.user,
        )
        if outcome == ReviewOutcome.ENDED:
            locked.active = False
            locked.save(update_fields=["active"])
        audit_record(
            actor=perms.person,
            kind=AuditKind.SLE_DECISION,
            alliance=perms.alliance,
            subject=locked,
            detail=f"Annual review {year}: {review.get_outcome_display()}"
            + (f": {review.reason}" if review.reason else ""),
        )
    return review
