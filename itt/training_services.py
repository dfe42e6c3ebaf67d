"""Writes for the training half of ITT (issue 16): placements, progress reviews and their
alerts, and trainees' outcomes. Each checks who is asking, runs in one transaction and locks the
trainee's row, so two people acting at once on one trainee take turns."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliance.audit import audit_record
from alliance.locks import lock_all, lock_one
from alliance.models import AcademicYear, AuditKind
from alliance.outbox import email_later
from alliance.permissions import AlliancePerms
from itt.access import may_manage_itt
from itt.models import (
    Partnership,
    Placement,
    PlacementKind,
    ProgressReview,
    Rating,
    Term,
    Trainee,
    TraineeStatus,
)
from itt.training_selectors import current_placements_q
from members.models import Membership, Organisation, Person
from programmes import cohorts
from programmes.models import (
    PLACE_HOLDING_ENROLMENT_STATUSES,
    Enrolment,
    EnrolmentStatus,
    Programme,
)
from strands.models import StrandKind


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _locked_trainee(trainee: Trainee) -> Trainee:
    return lock_one(Trainee.objects.select_related("person"), pk=trainee.pk)


# --- placements ------------------------------------------------------------------------------


def _check_placement(
    trainee: Trainee,
    *,
    school: Organisation,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    mentor: Person,
    leaving_out: Placement | None = None,
) -> None:
    """Refuse, next to the field, a placement a trainee cannot have: dates in the wrong order or
    outside the training, a mentor of another school, a main placement overlapping another (the
    placement being changed, ``leaving_out``, does not overlap itself). The caller holds the
    trainee's lock."""
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": "Enter an end date after the start date."})
    if mentor.organisation_id != school.pk:
        raise ValidationError({"mentor": f"Choose a mentor who works at {school.name}."})
    if trainee.has_left:
        raise ValidationError(
            f"{trainee.person.full_name} is no longer in training "
            f"({trainee.get_status_display().lower()}): placements cannot change."
        )
    training = f"{_day(trainee.training_starts_on)} to {_day(trainee.training_ends_on)}"
    if not trainee.trains_on(starts_on):
        raise ValidationError(
            {"starts_on": f"Enter a start date within the training ({training})."}
        )
    if not trainee.trains_on(ends_on):
        raise ValidationError({"ends_on": f"Enter an end date within the training ({training})."})
    if kind != PlacementKind.MAIN:
        return
    others = Placement.objects.filter(
        trainee=trainee, kind=PlacementKind.MAIN, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if leaving_out is not None:
        others = others.exclude(pk=leaving_out.pk)
    overlap = others.select_related("school").first()
    if overlap is not None:
        raise ValidationError(
            {
                "starts_on": "These dates overlap the main placement at "
                f"{overlap.school.name} ({_day(overlap.starts_on)} to "
                f"{_day(overlap.ends_on)}): a trainee has one main placement at a time."
            }
        )


def placement_add(
    *,
    perms: AlliancePerms,
    trainee: Trainee,
    school: Organisation,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    mentor: Person,
    class_or_subject: str = "",
) -> Placement:
    """Place a trainee at a school with a named mentor there (refused as ``_check_placement``
    says). The same placement sent twice is made once."""
    if not may_manage_itt(perms):
        raise PermissionDenied
    with transaction.atomic():
        trainee = _locked_trainee(trainee)
        same = Placement.objects.filter(
            trainee=trainee,
            school=school,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            mentor=mentor,
        ).first()
        if same is not None:
            return same
        _check_placement(
            trainee, school=school, kind=kind, starts_on=starts_on, ends_on=ends_on, mentor=mentor
        )
        placement = Placement(
            trainee=trainee,
            school=school,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            mentor=mentor,
            class_or_subject=class_or_subject.strip(),
        )
        placement.full_clean()
        placement.save()
    return placement


def placement_change(
    *,
    perms: AlliancePerms,
    placement: Placement,
    school: Organisation,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    mentor: Person,
    class_or_subject: str = "",
) -> Placement:
    """Change a placement: its dates move, a new mentor takes over (and writes the reviews from
    now on). One with reviews keeps its school and kind, which its reviews were written about.
    Checked as a new placement is; recorded in the audit trail."""
    if not may_manage_itt(perms) or placement.trainee.partnership.alliance_id != perms.alliance.pk:
        raise PermissionDenied
    with transaction.atomic():
        trainee = _locked_trainee(placement.trainee)
        placement = Placement.objects.select_related("school", "mentor").get(pk=placement.pk)
        reviewed = ProgressReview.objects.filter(placement=placement).exists()
        if reviewed and school.pk != placement.school_id:
            raise ValidationError(
                {
                    "school": f"This placement has progress reviews written at "
                    f"{placement.school.name}: it stays there. Add a new placement instead."
                }
            )
        if reviewed and kind != placement.kind:
            raise ValidationError(
                {"kind": "This placement has progress reviews: its kind stays as it is."}
            )
        _check_placement(
            trainee,
            school=school,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            mentor=mentor,
            leaving_out=placement,
        )
        before = _placement_summary(placement)
        placement.school, placement.kind, placement.mentor = school, kind, mentor
        placement.starts_on, placement.ends_on = starts_on, ends_on
        placement.class_or_subject = class_or_subject.strip()
        placement.full_clean()
        after = _placement_summary(placement)
        if after == before:
            return placement  # sent twice, or nothing changed
        placement.save()
        _audit(perms, trainee, f"Placement changed from {before} to {after}")
    return placement


def _placement_summary(placement: Placement) -> str:
    what = f" ({placement.class_or_subject})" if placement.class_or_subject else ""
    return (
        f"{placement.get_kind_display().lower()} at {placement.school.name}{what}, "
        f"{_day(placement.starts_on)} to {_day(placement.ends_on)}, "
        f"mentor {placement.mentor.full_name}"
    )


def _audit(perms: AlliancePerms, trainee: Trainee, detail: str) -> None:
    audit_record(
        actor=perms.person,
        kind=AuditKind.ITT_TRAINEE,
        alliance=perms.alliance,
        subject=trainee,
        detail=detail,
    )


def placement_remove(*, perms: AlliancePerms, placement: Placement) -> None:
    """Take back a placement entered by mistake; one with reviews is part of the trainee's
    record and stays. Removing it twice removes it once."""
    if not may_manage_itt(perms):
        raise PermissionDenied
    with transaction.atomic():
        _locked_trainee(placement.trainee)
        if ProgressReview.objects.filter(placement_id=placement.pk).exists():
            raise ValidationError(
                "This placement has progress reviews, so it stays on the trainee's record."
            )
        deleted, _ = Placement.objects.filter(pk=placement.pk).delete()
        if deleted:
            _audit(perms, placement.trainee, f"Placement removed: {_placement_summary(placement)}")


def mentor_training_set(
    *, perms: AlliancePerms, partnership: Partnership, programme: Programme | None
) -> Partnership:
    """Name the programme a partnership's mentors should complete (one of the alliance's ITT
    strand's), or none."""
    if not may_manage_itt(perms):
        raise PermissionDenied
    if programme is not None and (
        programme.alliance_id != partnership.alliance_id or programme.strand.kind != StrandKind.ITT
    ):
        raise ValidationError({"mentor_training": "Choose a programme of the ITT strand."})
    partnership.mentor_training = programme
    partnership.save(update_fields=["mentor_training"])
    return partnership


# --- progress reviews ------------------------------------------------------------------------


def term_of(day: datetime.date) -> str:
    """The school term a day falls in: autumn to Christmas, spring to Easter (taken as the end
    of March), summer after."""
    if day.month >= 9:
        return Term.AUTUMN
    if day.month <= 3:
        return Term.SPRING
    return Term.SUMMER


def review_write(
    *,
    person: Person,
    placement: Placement,
    term: str,
    rating: str,
    targets: str,
    base_url: str = "",
) -> ProgressReview:
    """The mentor's termly review of their trainee. Refused for a trainee who has left. A cause
    for concern puts one alert email in the outbox (to the ITT lead and the provider contact)
    and shows on the ITT lead's pages until acknowledged."""
    if placement.mentor_id != person.pk:
        raise PermissionDenied
    with transaction.atomic():
        trainee = _locked_trainee(placement.trainee)
        if trainee.has_left:
            raise ValidationError(
                f"{trainee.person.full_name} has left training "
                f"({trainee.get_status_display().lower()}): reviews can no longer be written."
            )
        if not Placement.objects.filter(current_placements_q(), pk=placement.pk).exists():
            raise ValidationError("This placement is over: reviews can no longer be written.")
        year = AcademicYear.current()
        existing = ProgressReview.objects.filter(
            placement=placement, academic_year=year, term=term
        ).first()
        if existing is not None:
            if existing.rating == rating and existing.targets == targets.strip():
                return existing  # the same form sent twice
            raise ValidationError(
                {
                    "term": f"You have already written the {Term(term).label.lower()} term "
                    f"review for {trainee.person.full_name}."
                }
            )
        review = ProgressReview(
            trainee=trainee,
            placement=placement,
            academic_year=year,
            term=term,
            rating=rating,
            targets=targets.strip(),
            written_by=person,
        )
        review.full_clean(exclude=["trainee", "placement", "academic_year", "written_by"])
        try:
            with transaction.atomic():
                review.save()
        except IntegrityError as error:
            raise ValidationError(
                {"term": "This placement already has a review for that term."}
            ) from error
        if review.rating == Rating.CAUSE_FOR_CONCERN:
            review.alert_sent_at = timezone.now()
            review.save(update_fields=["alert_sent_at"])
            email_later(
                kind="itt.cause_for_concern", payloads=[{"review": review.pk, "base_url": base_url}]
            )
    return review


def review_acknowledge(*, perms: AlliancePerms, review: ProgressReview) -> ProgressReview:
    """The ITT lead has seen the alert: it leaves their pages. Acknowledging twice changes
    nothing."""
    if not may_manage_itt(perms):
        raise PermissionDenied
    with transaction.atomic():
        review = lock_one(ProgressReview.objects.all(), pk=review.pk)
        if review.acknowledged_at is None:
            review.acknowledged_at = timezone.now()
            review.acknowledged_by = perms.person
            review.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return review


# --- outcomes --------------------------------------------------------------------------------

# Where a trainee may go from each status; staying put records employment only.
ALLOWED_MOVES: dict[str, set[str]] = {
    TraineeStatus.IN_TRAINING: {
        TraineeStatus.RECOMMENDED,
        TraineeStatus.WITHDRAWN,
        TraineeStatus.DEFERRED,
    },
    TraineeStatus.RECOMMENDED: {TraineeStatus.QTS_AWARDED, TraineeStatus.WITHDRAWN},
    TraineeStatus.DEFERRED: {TraineeStatus.IN_TRAINING, TraineeStatus.WITHDRAWN},
    TraineeStatus.QTS_AWARDED: set(),
    TraineeStatus.WITHDRAWN: set(),
}
NEEDS_REASON = {TraineeStatus.WITHDRAWN, TraineeStatus.DEFERRED}
MAY_BE_EMPLOYED = {TraineeStatus.RECOMMENDED, TraineeStatus.QTS_AWARDED}


def _in_alliance(trainee: Trainee, school: Organisation) -> bool:
    """A member of the alliance in the training year or the year of the first post."""
    start = trainee.academic_year.start_year
    return Membership.objects.filter(
        alliance_id=trainee.partnership.alliance_id,
        organisation=school,
        academic_year__start_year__in=[start, start + 1],
    ).exists()


def trainee_outcome_record(
    *,
    perms: AlliancePerms,
    trainee: Trainee,
    status: str,
    reason: str = "",
    employed: bool | None = None,
    first_post_school: Organisation | None = None,
    first_post_name: str = "",
) -> Trainee:
    """Move a trainee on (recommended for QTS → QTS awarded, or withdrawn / deferred with a
    reason) and record whether they were employed, and where: a school in the portal (which
    says whether it is in the alliance) or a name."""
    if not may_manage_itt(perms):
        raise PermissionDenied
    with transaction.atomic():
        trainee = lock_one(
            Trainee.objects.select_related("person", "partnership", "academic_year"), pk=trainee.pk
        )
        if status != trainee.status and status not in ALLOWED_MOVES.get(trainee.status, set()):
            raise ValidationError(
                {
                    "status": f"A trainee who is “{trainee.get_status_display()}” cannot be "
                    f"recorded as “{TraineeStatus(status).label}”."
                }
            )
        reason = reason.strip()
        if status in NEEDS_REASON and not reason:
            raise ValidationError({"reason": "Enter the reason."})
        first_post_name = first_post_name.strip()
        if employed and status not in MAY_BE_EMPLOYED:
            raise ValidationError(
                {"employed": "Record employment once the trainee is recommended for QTS."}
            )
        if employed and not (first_post_school or first_post_name):
            raise ValidationError(
                {"first_post_school": "Choose the school of the first post, or enter its name."}
            )
        if employed and first_post_school and first_post_name:
            raise ValidationError({"first_post_name": "Choose a school or enter a name, not both."})
        before = _outcome_summary(trainee)
        if status != trainee.status:
            trainee.status = status
            trainee.status_changed_on = timezone.localdate()
        trainee.status_reason = reason if status in NEEDS_REASON else ""
        trainee.employed = employed if status in MAY_BE_EMPLOYED else None
        if trainee.employed:
            trainee.first_post_school = first_post_school
            trainee.first_post_name = first_post_name
            trainee.first_post_in_alliance = (
                _in_alliance(trainee, first_post_school) if first_post_school else False
            )
        else:
            trainee.first_post_school, trainee.first_post_name = None, ""
            trainee.first_post_in_alliance = None
        after = _outcome_summary(trainee)
        if after == before:
            return trainee  # sent twice, or nothing changed
        trainee.save()
        _audit(perms, trainee, f"Outcome changed from {before} to {after}")
        if trainee.status in NEEDS_REASON:
            _give_up_central_training(perms, trainee)
    return trainee


def _outcome_summary(trainee: Trainee) -> str:
    said = f" ({trainee.status_reason})" if trainee.status_reason else ""
    if trainee.employed is None:
        employed = ""
    elif not trainee.employed:
        employed = ", not employed"
    else:
        where = (
            trainee.first_post_school.name if trainee.first_post_school else trainee.first_post_name
        )
        employed = f", employed at {where}"
    return f"“{trainee.get_status_display()}”{said}{employed}"


# --- the central training --------------------------------------------------------------------


def _central_training(trainee: Trainee) -> Programme:
    programme = trainee.partnership.training_programme
    if programme is None:
        raise ValidationError(
            f"{trainee.partnership.name} has no central training programme yet: choose one on "
            "the partnership's page."
        )
    if not programme.is_cohort:
        raise ValidationError(
            f"{programme.title} is booked session by session; a partnership's central training "
            "must be a cohort programme, so that one place covers every session."
        )
    return programme


def central_training_enrol(*, perms: AlliancePerms, trainees: Sequence[Trainee]) -> int:
    """Give trainees of one partnership a place on its central training (a cohort programme:
    one enrolment books every session, so the register and the trainee's page show them). All
    or none: a trainee who has left, or too few places for everyone, refuses the lot. Those with
    a place already are left as they are, so a double click gives one place. Returns how many
    places were given."""
    if not may_manage_itt(perms):
        raise PermissionDenied
    if not trainees:
        raise ValidationError("There is nobody in training to give a place to.")
    if len({t.partnership_id for t in trainees}) != 1:
        raise ValidationError("Give places for one partnership at a time.")
    if trainees[0].partnership.alliance_id != perms.alliance.pk:
        raise PermissionDenied
    given = 0
    with transaction.atomic():
        # Trainees first, then (in ``enrol``) the programme: the order every ITT write takes.
        ids = [t.pk for t in trainees]
        lock_all(Trainee.objects.filter(pk__in=ids).order_by("pk"))
        locked = list(
            Trainee.objects.filter(pk__in=ids)
            .select_related("person", "partnership__training_programme")
            .order_by("pk")
        )
        programme = _central_training(locked[0])
        left = [t.person.full_name for t in locked if t.has_left]
        if left:
            raise ValidationError(
                f"{', '.join(left)} {'is' if len(left) == 1 else 'are'} no longer in training."
            )
        placed = set(
            Enrolment.objects.filter(
                programme=programme,
                participant__in=[t.person_id for t in locked],
                status__in=PLACE_HOLDING_ENROLMENT_STATUSES,
            ).values_list("participant_id", flat=True)
        )
        wanting = [t for t in locked if t.person_id not in placed]
        fresh = lock_one(Programme.objects.all(), pk=programme.pk)
        if len(wanting) > fresh.cohort_places_left:
            raise ValidationError(
                f"{programme.title} has {fresh.cohort_places_left} places left, too few for "
                f"{len(wanting)} trainees: add places to the programme first."
            )
        for trainee in wanting:
            # At the members' price (free in the demo): a fee-funded trainee has no school to
            # bill, a salaried one's school pays what the programme says.
            cohorts.enrol(
                programme=fresh, participant=trainee.person, by=perms.person, is_member=True
            )
            _audit(perms, trainee, f"Given a place on {programme.title}")
            given += 1
    return given


def _give_up_central_training(perms: AlliancePerms, trainee: Trainee) -> None:
    """A trainee who withdraws or defers gives up the central sessions still to come (those
    held keep their attendance), so the place can go to someone else."""
    programme = trainee.partnership.training_programme
    if programme is None or not programme.is_cohort:
        return
    enrolment = Enrolment.objects.filter(
        programme=programme,
        participant_id=trainee.person_id,
        status__in=[EnrolmentStatus.OFFERED, EnrolmentStatus.ACCEPTED],
    ).first()
    if enrolment is not None:
        cohorts.withdraw(
            actor=perms.person,
            perms=perms,
            enrolment=enrolment,
            reason=f"{trainee.get_status_display()}: {trainee.status_reason}",
        )
