"""Writes for ITT partnerships and recruitment. Each checks the permission again, runs in one
transaction and refuses a person's mistake with a ``ValidationError`` worded for them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from alliance.audit import audit_record
from alliance.locks import lock_one
from alliance.models import AcademicYear, AuditKind
from alliance.outbox import email_later
from alliance.permissions import AlliancePerms
from itt import stages
from itt.access import may_manage_itt
from itt.models import (
    Allocation,
    Applicant,
    ApplicantCleanup,
    ApplicantStageChange,
    Partnership,
    PlacementAllocation,
    Route,
    Stage,
    Trainee,
)
from members.models import Organisation, Person, Phase, User


def _check(perms: AlliancePerms) -> None:
    if not may_manage_itt(perms):
        raise PermissionDenied


# --- partnerships and their places ----------------------------------------------------------


@transaction.atomic
def partnership_save(
    *, perms: AlliancePerms, partnership: Partnership, phases: Iterable[Phase]
) -> Partnership:
    """Create or change a partnership of the asker's alliance."""
    _check(perms)
    partnership.alliance = perms.alliance
    partnership.full_clean()
    partnership.save()
    partnership.phases.set(phases)
    return partnership


def _places_given(allocation: Allocation, *, leaving_out: Organisation | None = None) -> int:
    rows = allocation.school_places.all()
    if leaving_out is not None:
        rows = rows.exclude(school=leaving_out)
    return rows.aggregate(total=Sum("places"))["total"] or 0


def _over_total(allocation: Allocation, given: int) -> str:
    return (
        f"The partnership has {allocation.places} places in {allocation.academic_year}; "
        f"placement schools would then have {given}. Enter fewer places."
    )


@transaction.atomic
def allocation_set(
    *, perms: AlliancePerms, partnership: Partnership, academic_year: AcademicYear, places: int
) -> Allocation:
    """Set a partnership's places for a year. A total below what the placement schools already
    have is refused: lower a school's places first."""
    _check(perms)
    if places < 1:
        raise ValidationError({"places": "Enter a number of places of 1 or more."})
    # The partnership's row serialises two people setting the same year's total at once.
    lock_one(Partnership.objects, pk=partnership.pk)
    allocation = Allocation.objects.filter(
        partnership=partnership, academic_year=academic_year
    ).first()
    if allocation is None:
        allocation = Allocation(partnership=partnership, academic_year=academic_year)
    else:
        given = _places_given(allocation)
        if places < given:
            raise ValidationError(
                {
                    "places": f"Placement schools already have {given} of this year's places. "
                    f"Enter {given} or more, or lower a school's places first."
                }
            )
    allocation.places = places
    allocation.full_clean()
    allocation.save()
    return allocation


@transaction.atomic
def placement_allocation_set(
    *, perms: AlliancePerms, allocation: Allocation, school: Organisation, places: int
) -> PlacementAllocation | None:
    """Give a placement school its places of a year (0 removes the school). The schools' places
    together never exceed the year's total: the allocation's row is locked while adding up."""
    _check(perms)
    if places < 0:
        raise ValidationError({"places": "Enter a number of places of 0 or more."})
    allocation = lock_one(Allocation.objects.select_related("academic_year"), pk=allocation.pk)
    given = _places_given(allocation, leaving_out=school) + places
    if given > allocation.places:
        raise ValidationError({"places": _over_total(allocation, given)})
    if places == 0:
        PlacementAllocation.objects.filter(allocation=allocation, school=school).delete()
        return None
    row, _ = PlacementAllocation.objects.update_or_create(
        allocation=allocation, school=school, defaults={"places": places}
    )
    return row


# --- recruitment ------------------------------------------------------------------------------


@transaction.atomic
def applicant_create(*, perms: AlliancePerms, applicant: Applicant, actor: User) -> Applicant:
    _check(perms)
    if applicant.partnership.alliance_id != perms.alliance.pk:
        raise PermissionDenied
    applicant.email = applicant.email.lower()
    applicant.stage = Stage.APPLIED
    applicant.full_clean()
    # The partnership's row makes a second post of the same form wait, then find the first.
    lock_one(Partnership.objects, pk=applicant.partnership_id)
    if Applicant.objects.filter(
        partnership=applicant.partnership,
        academic_year=applicant.academic_year,
        email=applicant.email,
    ).exists():
        raise ValidationError(
            {
                "email": f"Someone with this address has already applied to "
                f"{applicant.partnership.name} for {applicant.academic_year}."
            }
        )
    applicant.save()
    ApplicantStageChange.objects.create(applicant=applicant, to_stage=Stage.APPLIED, by=actor)
    return applicant


@transaction.atomic
def applicant_update(*, perms: AlliancePerms, applicant: Applicant, **details) -> Applicant:
    """Change an applicant's details (name, address, subject, interview); their stage moves only
    through ``applicant_move``."""
    _check(perms)
    locked = lock_one(Applicant.objects.select_related("partnership"), pk=applicant.pk)
    for field, value in details.items():
        setattr(locked, field, value)
    locked.email = locked.email.lower()
    if (
        Applicant.objects.filter(
            partnership=locked.partnership, academic_year=locked.academic_year, email=locked.email
        )
        .exclude(pk=locked.pk)
        .exists()
    ):
        raise ValidationError({"email": "Another applicant to this partnership has this address."})
    locked.full_clean()
    locked.save()
    return locked


def _require(errors: dict[str, str], value: object, field: str, message: str) -> None:
    if value in (None, ""):
        errors[field] = message


def _check_move_details(to_stage: str, details: dict, today: datetime.date) -> None:
    """What each move needs: the interview's date and panel, the offer's conditions, the
    checks' dates (never in the future), a reason to close."""
    errors: dict[str, str] = {}
    if to_stage == Stage.INTERVIEW:
        _require(errors, details.get("interview_at"), "interview_at", "Enter the interview date")
        _require(errors, details.get("interview_panel"), "interview_panel", "Enter the panel")
    elif to_stage == Stage.CHECKS_DONE:
        for field, what in [
            ("dbs_checked_on", "the DBS check"),
            ("qualifications_checked_on", "the qualifications check"),
            ("fitness_checked_on", "the fitness to teach check"),
        ]:
            day = details.get(field)
            if day is None:
                errors[field] = f"Enter the date {what} was done"
            elif day > today:
                errors[field] = f"Enter the date {what} was done: it cannot be in the future."
    elif to_stage in stages.NEEDS_REASON:
        _require(errors, details.get("reason"), "reason", "Enter the reason")
    if errors:
        raise ValidationError(errors)


# Which of the applicant's fields each move records.
MOVE_FIELDS: dict[str, tuple[str, ...]] = {
    Stage.INTERVIEW: ("interview_at", "interview_panel"),
    Stage.OFFER: ("offer_conditions",),
    Stage.CHECKS_DONE: ("dbs_checked_on", "qualifications_checked_on", "fitness_checked_on"),
    Stage.DECLINED: ("reason",),
    Stage.WITHDRAWN: ("reason",),
}


@transaction.atomic
def applicant_move(
    *, perms: AlliancePerms, actor: User, applicant: Applicant, to_stage: str, **details
) -> Applicant:
    """Move an applicant on to ``to_stage`` with what that move records. The same move posted
    twice (a double click) changes nothing the second time; any move the table does not allow
    is refused with why."""
    _check(perms)
    if to_stage == Stage.IN_TRAINING:
        raise ValueError("Starting training is applicant_start_training's.")
    locked = lock_one(Applicant.objects.select_related("partnership"), pk=applicant.pk)
    if locked.stage == to_stage:
        return locked
    if not stages.may_move(locked.stage, to_stage):
        raise ValidationError(stages.refusal(locked.stage, to_stage))
    _check_move_details(to_stage, details, timezone.localdate())
    for field in MOVE_FIELDS.get(to_stage, ()):
        setattr(locked, field, details.get(field) or getattr(locked, field))
    from_stage, locked.stage = locked.stage, to_stage
    locked.full_clean()
    locked.save()
    ApplicantStageChange.objects.create(
        applicant=locked,
        from_stage=from_stage,
        to_stage=to_stage,
        reason=details.get("reason", "") if to_stage in stages.NEEDS_REASON else "",
        by=actor,
    )
    return locked


def _trainee_person(applicant: Applicant) -> tuple[Person, User]:
    """The person who trains: the one who already signs in with the applicant's address, else
    one already in the portal with it (booked on a course, say), else a new person. A salaried
    trainee is employed by the lead school; a fee-funded one belongs to no school."""
    organisation = applicant.partnership.lead_school if applicant.route == Route.SALARIED else None
    user = User.objects.filter(email__iexact=applicant.email).first()
    person = getattr(user, "person", None) if user else None
    if person is None:
        person = (
            Person.objects.filter(email__iexact=applicant.email, user__isnull=True)
            .order_by("pk")
            .first()
        )
    if person is None:
        person = Person.objects.create(
            full_name=applicant.full_name, email=applicant.email, organisation=organisation
        )
    if user is None:
        # No password yet: the trainee chooses one through the link in their invitation.
        user = User.objects.create_user(
            email=applicant.email, password=None, first_name=applicant.full_name
        )
        user.verify_email()
    if person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    return person, user


@transaction.atomic
def applicant_start_training(
    *,
    perms: AlliancePerms,
    actor: User,
    applicant: Applicant,
    training_starts_on: datetime.date,
    training_ends_on: datetime.date,
    base_url: str,
) -> Trainee:
    """An applicant whose checks are done starts training: their trainee record, a sign-in
    (no role: a trainee sees only their own record) and an email inviting them to choose a
    password, all at once. Posting twice makes one trainee."""
    _check(perms)
    locked = lock_one(
        Applicant.objects.select_related("partnership__lead_school", "academic_year"),
        pk=applicant.pk,
    )
    existing = Trainee.objects.filter(applicant=locked).first()
    if locked.stage == Stage.IN_TRAINING and existing is not None:
        return existing
    if not stages.may_move(locked.stage, Stage.IN_TRAINING):
        raise ValidationError(stages.refusal(locked.stage, Stage.IN_TRAINING))
    if not locked.checks_complete:
        raise ValidationError("Record the DBS, qualifications and fitness to teach checks first.")
    if training_ends_on <= training_starts_on:
        raise ValidationError({"training_ends_on": "Enter an end date after the start date."})
    year = locked.academic_year
    if not year.contains(training_starts_on):
        raise ValidationError(
            {"training_starts_on": f"Enter a start date in {year}, the year they applied for."}
        )
    person, user = _trainee_person(locked)
    if Trainee.objects.filter(person=person, academic_year=year).exists():
        raise ValidationError(f"{person.full_name} is already a trainee in {year}.")
    trainee = Trainee(
        person=person,
        applicant=locked,
        partnership=locked.partnership,
        academic_year=year,
        subject=locked.subject,
        route=locked.route,
        training_starts_on=training_starts_on,
        training_ends_on=training_ends_on,
    )
    trainee.full_clean()
    trainee.save()
    ApplicantStageChange.objects.create(
        applicant=locked, from_stage=locked.stage, to_stage=Stage.IN_TRAINING, by=actor
    )
    locked.stage = Stage.IN_TRAINING
    locked.save(update_fields=["stage", "updated_at"])
    email_later(
        kind="itt_trainee_welcome",
        payloads=[
            {"trainee_id": trainee.pk, "base_url": base_url, "new": not user.has_usable_password()}
        ],
    )
    return trainee


# --- the clean-up ---------------------------------------------------------------------------


def recruitment_over(year: AcademicYear, today: datetime.date) -> bool:
    """A recruitment round is named by its year of entry and ends with that academic year:
    by then everyone who was going to start has started."""
    return today > year.ends_on


def applicants_clean_up(*, today: datetime.date | None = None, ran_by: str) -> int:
    """Delete the records of applicants who did not start training once their recruitment year
    has ended; one clean-up record and one audit entry per alliance and year. Returns how many
    were deleted. Safe to run twice at once: the second finds nothing left."""
    today = today or timezone.localdate()
    due = Applicant.objects.exclude(stage=Stage.IN_TRAINING).filter(
        academic_year__start_year__lt=AcademicYear.start_year_for(today)
    )
    groups = due.values_list("partnership__alliance", "academic_year").distinct()
    deleted = 0
    for alliance_id, year_id in sorted(set(groups)):
        year = AcademicYear.objects.get(pk=year_id)
        if not recruitment_over(year, today):
            continue
        with transaction.atomic():
            rows = due.filter(partnership__alliance_id=alliance_id, academic_year=year)
            # Another run at the same moment holds its rows: skip them rather than wait.
            claimed = Applicant.objects.filter(pk__in=rows.values("pk")).select_for_update(
                skip_locked=True
            )
            ids = list(claimed.values_list("pk", flat=True))
            if not ids:
                continue
            Applicant.objects.filter(pk__in=ids).delete()
            cleanup = ApplicantCleanup.objects.create(
                alliance_id=alliance_id, academic_year=year, deleted=len(ids), ran_by=ran_by
            )
            audit_record(
                actor=None,
                kind=AuditKind.PERSON_ANONYMISED,
                alliance=alliance_id,
                subject=cleanup,
                detail=f"{len(ids)} ITT applicants for {year} who did not start training "
                f"deleted ({ran_by})",
            )
            deleted += len(ids)
    return deleted
