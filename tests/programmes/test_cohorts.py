"""Cohort programmes (issue 15): applying, endorsing, the lead's decision, completion against
attendance, withdrawal, deferral and the waiting list."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliance.models import AuditEntry, AuditKind, OutboxEmail
from programmes import cohorts
from programmes.models import (
    Attendance,
    Booking,
    BookingStatus,
    EnrolmentStatus,
    Programme,
    ProgrammeFormat,
)
from programmes.selectors import completions
from programmes.services import NewDelegate, booking_create
from tests.programmes.conftest import other_head

pytestmark = pytest.mark.django_db


def _accepted(make_cohort, teacher, head, lead_perms, **cohort):
    programme = make_cohort(**cohort)
    enrolment = cohorts.apply(actor=head, programme=programme, participant=teacher)
    return cohorts.decide(perms=lead_perms, enrolment=enrolment, decision="accepted")


def _mark(enrolment, attended: int) -> None:
    """The first ``attended`` sessions present, the rest absent."""
    for index, booking in enumerate(enrolment.bookings.order_by("session__starts_at")):
        booking.attendance = Attendance.ATTENDED if index < attended else Attendance.ABSENT
        booking.save(update_fields=["attendance"])


# --- applying and endorsing ------------------------------------------------------------------


def test_a_teacher_applies_and_waits_for_their_heads_endorsement(make_cohort, teacher):
    enrolment = cohorts.apply(actor=teacher, programme=make_cohort(), participant=teacher)
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert enrolment.organisation == teacher.organisation
    assert enrolment.price_due == Decimal("950")  # the whole programme, member price
    assert OutboxEmail.objects.filter(kind="enrolment.endorse").exists()


def test_applying_twice_is_refused_with_a_clear_message(make_cohort, teacher):
    programme = make_cohort()
    cohorts.apply(actor=teacher, programme=programme, participant=teacher)
    with pytest.raises(ValidationError, match="Kemi Adeyemi has already applied"):
        cohorts.apply(actor=teacher, programme=programme, participant=teacher)
    assert programme.enrolments.count() == 1


def test_a_head_applying_for_their_own_staff_counts_as_endorsed(make_cohort, teacher, head):
    enrolment = cohorts.apply(actor=head, programme=make_cohort(), participant=teacher)
    assert enrolment.status == EnrolmentStatus.ENDORSED
    assert enrolment.endorsed_by == head


def test_a_head_applying_for_themselves_needs_no_endorsement(make_cohort, head):
    enrolment = cohorts.apply(actor=head, programme=make_cohort(), participant=head)
    assert enrolment.status == EnrolmentStatus.ENDORSED
    assert enrolment.endorsed_by is None
    assert enrolment.endorsement_label == "No endorsement needed"


def test_a_head_cannot_apply_for_another_schools_staff(make_cohort, teacher, demo):
    with pytest.raises(PermissionDenied):
        cohorts.apply(actor=other_head(demo), programme=make_cohort(), participant=teacher)


def test_the_head_endorses_once_and_another_head_cannot(make_cohort, teacher, head, demo):
    enrolment = cohorts.apply(actor=teacher, programme=make_cohort(), participant=teacher)
    with pytest.raises(PermissionDenied, match="your own staff"):
        cohorts.endorse(actor=other_head(demo), enrolment=enrolment)
    assert cohorts.endorse(actor=head, enrolment=enrolment) is True
    assert cohorts.endorse(actor=head, enrolment=enrolment) is False  # second click
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.endorsed_by) == (EnrolmentStatus.ENDORSED, head)


def test_the_endorsement_link_is_signed_not_a_guessable_id(make_cohort, teacher):
    enrolment = cohorts.apply(actor=teacher, programme=make_cohort(), participant=teacher)
    token = cohorts.endorse_token(enrolment)
    assert str(enrolment.pk) != token
    assert cohorts.enrolment_from_token(token) == enrolment
    assert cohorts.enrolment_from_token(token[:-2] + "xx") is None
    assert cohorts.enrolment_from_token(str(enrolment.pk)) is None


def test_a_cohort_cannot_be_booked_session_by_session(make_cohort, head, bellenden):
    programme = make_cohort()
    with pytest.raises(ValidationError, match="apply for a place"):
        booking_create(
            actor=head,
            organisation=bellenden,
            sessions=list(programme.sessions.all()),
            new_delegates=[NewDelegate("Nora Quinn", "nora@bellenden.test")],
        )


# --- the lead's decision ---------------------------------------------------------------------


def test_the_lead_cannot_accept_before_the_head_endorses(make_cohort, teacher, lead_perms):
    enrolment = cohorts.apply(actor=teacher, programme=make_cohort(), participant=teacher)
    with pytest.raises(ValidationError, match="not endorsed"):
        cohorts.decide(perms=lead_perms, enrolment=enrolment, decision="accepted")


def test_accepting_books_every_session_free_and_takes_one_place(
    make_cohort, teacher, head, lead_perms
):
    enrolment = _accepted(make_cohort, teacher, head, lead_perms, sessions=4)
    again = cohorts.decide(perms=lead_perms, enrolment=enrolment, decision="accepted")
    assert again.status == EnrolmentStatus.ACCEPTED  # a double click changes nothing
    programme = enrolment.programme
    programme.refresh_from_db()
    assert programme.cohort_places_taken == 1
    bookings = Booking.objects.filter(enrolment=enrolment)
    assert bookings.count() == 4
    assert {(b.status, b.price_due) for b in bookings} == {(BookingStatus.CONFIRMED, 0)}
    assert all(s.places_taken == 1 for s in programme.sessions.all())
    assert OutboxEmail.objects.filter(kind="enrolment.accepted").count() == 1
    assert AuditEntry.objects.filter(kind=AuditKind.ENROLMENT_CHANGED, detail__startswith="Acc")


def test_a_director_decides_but_another_strands_lead_cannot(make_cohort, teacher, head, demo):
    from alliance.permissions import perms_for

    enrolment = cohorts.apply(actor=head, programme=make_cohort(), participant=teacher)
    cpd_lead = perms_for(demo.user("cpd-lead").person, demo.southwark)
    with pytest.raises(PermissionDenied):
        cohorts.decide(perms=cpd_lead, enrolment=enrolment, decision="accepted")
    director = perms_for(demo.user("director").person, demo.southwark)
    assert cohorts.decide(perms=director, enrolment=enrolment, decision="declined").status == (
        EnrolmentStatus.DECLINED
    )


def test_a_full_cohort_refuses_to_accept_and_waitlists(make_cohort, staff, head, lead_perms):
    programme = make_cohort(places=1)
    first, second = (
        cohorts.apply(actor=head, programme=programme, participant=p) for p in staff(2)
    )
    cohorts.decide(perms=lead_perms, enrolment=first, decision="accepted")
    with pytest.raises(ValidationError, match="is full"):
        cohorts.decide(perms=lead_perms, enrolment=second, decision="accepted")
    waiting = cohorts.decide(perms=lead_perms, enrolment=second, decision="waitlisted")
    assert waiting.status == EnrolmentStatus.WAITING


def test_a_freed_place_is_offered_to_the_first_waiting(make_cohort, staff, head, lead_perms):
    programme = make_cohort(places=1)
    first, second, third = (
        cohorts.apply(actor=head, programme=programme, participant=p) for p in staff(3)
    )
    cohorts.decide(perms=lead_perms, enrolment=first, decision="accepted")
    cohorts.decide(perms=lead_perms, enrolment=second, decision="waitlisted")
    cohorts.decide(perms=lead_perms, enrolment=third, decision="waitlisted")
    cohorts.withdraw(actor=head, perms=lead_perms, enrolment=first, reason="Moved school")
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (EnrolmentStatus.OFFERED, EnrolmentStatus.WAITING)
    taken = cohorts.offer_take_up(actor=head, enrolment=second)
    assert taken.status == EnrolmentStatus.ACCEPTED
    assert taken.bookings.filter(status=BookingStatus.CONFIRMED).count() == 3
    programme.refresh_from_db()
    assert programme.cohort_places_taken == 1


# --- completion, withdrawal and deferral ----------------------------------------------------


def test_completion_refused_naming_the_missed_session(make_cohort, teacher, head, lead_perms):
    enrolment = _accepted(make_cohort, teacher, head, lead_perms, sessions=3)
    _mark(enrolment, attended=2)
    with pytest.raises(ValidationError, match="not marked present on") as refused:
        cohorts.complete(perms=lead_perms, enrolment=enrolment)
    last = enrolment.programme.sessions.order_by("starts_at").last()
    assert f"{last.starts_at:%-d %b %Y}" in str(refused.value)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert _completed(enrolment.programme) == []


def _completed(programme) -> list[int]:
    return [p for _, p in completions(Programme.objects.filter(pk=programme.pk))]


def test_completion_with_all_but_one_when_the_rule_allows(make_cohort, teacher, head, lead_perms):
    enrolment = _accepted(make_cohort, teacher, head, lead_perms, sessions=3, may_miss=1)
    _mark(enrolment, attended=2)
    done = cohorts.complete(perms=lead_perms, enrolment=enrolment)
    assert done.status == EnrolmentStatus.COMPLETED and done.completed_at
    assert _completed(enrolment.programme) == [teacher.pk]


def test_withdrawing_needs_a_reason_and_frees_the_sessions(make_cohort, teacher, head, lead_perms):
    enrolment = _accepted(make_cohort, teacher, head, lead_perms)
    with pytest.raises(ValidationError, match="Enter the reason"):
        cohorts.withdraw(actor=teacher, perms=lead_perms, enrolment=enrolment, reason=" ")
    cohorts.withdraw(actor=teacher, perms=lead_perms, enrolment=enrolment, reason="Illness")
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.reason) == (EnrolmentStatus.WITHDRAWN, "Illness")
    assert not enrolment.bookings.filter(status=BookingStatus.CONFIRMED).exists()
    assert all(s.places_taken == 0 for s in enrolment.programme.sessions.all())
    # Withdrawn, they may apply again.
    assert cohorts.apply(actor=teacher, programme=enrolment.programme, participant=teacher)


def test_deferral_to_a_later_cohort_of_the_same_kind(make_cohort, teacher, head, lead_perms):
    enrolment = _accepted(make_cohort, teacher, head, lead_perms, days=20)
    later = make_cohort(days=200)
    moved = cohorts.defer(perms=lead_perms, enrolment=enrolment, to=later, reason="Maternity")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.DEFERRED
    assert (enrolment.deferred_to, enrolment.price_due) == (later, 0)
    assert (moved.programme, moved.status, moved.price_due) == (
        later,
        EnrolmentStatus.ACCEPTED,
        Decimal("950"),
    )
    assert moved.deferred_from == enrolment
    enrolment.programme.refresh_from_db()
    later.refresh_from_db()
    assert (enrolment.programme.cohort_places_taken, later.cohort_places_taken) == (0, 1)


def test_deferral_refused_to_an_earlier_other_kind_or_full_cohort(
    make_cohort, teacher, head, lead_perms, staff
):
    enrolment = _accepted(make_cohort, teacher, head, lead_perms, days=60)
    earlier = make_cohort(days=20)
    other_kind = make_cohort(days=200, kind="npqh")
    full = make_cohort(days=200, places=1)
    cohorts.enrol(programme=full, participant=staff(1)[0], by=None)
    for target, message in [
        (earlier, "Choose a later cohort"),
        (other_kind, "Choose a later cohort"),
        (full, "is full"),
        (None, "Choose the later cohort"),
    ]:
        with pytest.raises(ValidationError, match=message):
            cohorts.defer(perms=lead_perms, enrolment=enrolment, to=target, reason="Illness")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert enrolment.bookings.filter(status=BookingStatus.CONFIRMED).count() == 3


def test_enrol_directly_for_the_demo_takes_a_place_without_email(make_cohort, teacher):
    programme = make_cohort(places=1)
    enrolment = cohorts.enrol(programme=programme, participant=teacher, by=None)
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert cohorts.enrol(programme=programme, participant=teacher, by=None) == enrolment
    assert not OutboxEmail.objects.filter(kind__startswith="enrolment.").exists()


def test_a_cohort_with_applications_cannot_go_back_to_drop_in(make_cohort, teacher):
    programme = make_cohort()
    assert cohorts.format_change_refusal(programme, ProgrammeFormat.DROP_IN) == ""
    cohorts.apply(actor=teacher, programme=programme, participant=teacher)
    assert "cannot become drop-in" in cohorts.format_change_refusal(
        programme, ProgrammeFormat.DROP_IN
    )


def test_drop_in_completion_is_attending_every_session(make_session, staff, head, bellenden):
    session = make_session(days=-3)
    person = staff(1)[0]
    Booking.objects.create(
        session=session,
        delegate=person,
        organisation=bellenden,
        status=BookingStatus.CONFIRMED,
        attendance=Attendance.ATTENDED,
    )
    assert _completed(session.programme) == [person.pk]  # not the head, who was not there


def test_an_offer_not_taken_up_lapses_and_passes_on(make_cohort, staff, head, lead_perms):
    import datetime

    from django.utils import timezone

    programme = make_cohort(places=1)
    first, second, third = (
        cohorts.apply(actor=head, programme=programme, participant=p) for p in staff(3)
    )
    cohorts.decide(perms=lead_perms, enrolment=first, decision="accepted")
    cohorts.decide(perms=lead_perms, enrolment=second, decision="waitlisted")
    cohorts.decide(perms=lead_perms, enrolment=third, decision="waitlisted")
    cohorts.withdraw(actor=head, perms=lead_perms, enrolment=first, reason="Moved school")
    assert cohorts.offers_expire() == 0  # still held
    later = timezone.now() + datetime.timedelta(days=3)
    assert cohorts.offers_expire(now=later) == 1
    assert cohorts.offers_expire(now=later) == 0  # run twice: nothing more
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == EnrolmentStatus.WITHDRAWN
    assert "not taken up in time" in second.reason
    assert third.status == EnrolmentStatus.OFFERED
    programme.refresh_from_db()
    assert programme.cohort_places_taken == 1


def test_one_session_of_a_cohort_place_cannot_be_cancelled_alone(
    make_cohort, teacher, head, lead_perms
):
    from programmes.services import booking_cancel

    enrolment = _accepted(make_cohort, teacher, head, lead_perms)
    booking = enrolment.bookings.first()
    with pytest.raises(ValidationError, match="withdraw from the programme"):
        booking_cancel(actor=head, booking=booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
