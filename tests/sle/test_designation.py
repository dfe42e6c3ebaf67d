"""The designation round, from application to outcome, and the yearly review (issue 17)."""

from __future__ import annotations

import datetime
import re
import time
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance.models import AuditEntry, AuditKind
from alliance.outbox import emails_send
from members.models import Designation, Specialism
from programmes.models import Attendance, Booking, BookingStatus
from sle import services
from sle.models import ApplicationStatus, ReviewOutcome
from sle.selectors import DirectoryQuery, directory_for, term_of
from strands.models import Deployment
from tests.sle.helpers import apply, open_round, perms, person

pytestmark = pytest.mark.django_db


def _supported(demo):
    designation_round = open_round(demo.southwark)
    application = apply(designation_round)
    services.support_record(
        head=person("head@demo.test"),
        perms=perms("head@demo.test", demo.southwark),
        application=application,
        supports=True,
        comment="Kemi leads maths brilliantly.",
    )
    application.refresh_from_db()
    return application


def _interviewed(demo):
    director = perms("director@demo.test", demo.southwark)
    application = services.application_shortlist(
        perms=director, application=_supported(demo), shortlisted=True
    )
    return services.interview_record(
        perms=director,
        application=application,
        interviewed_on=timezone.localdate(),
        panel="The director and the chair",
        notes="Clear and practical.",
    )


def test_it_refuses_a_second_application_and_a_specialism_not_sought(demo):
    designation_round = open_round(demo.southwark)
    apply(designation_round)
    with pytest.raises(ValidationError) as second:
        apply(designation_round)
    assert second.value.message_dict["__all__"] == ["You have already applied in this round."]
    with pytest.raises(ValidationError) as not_sought:
        apply(
            designation_round, "head@demo.test", specialism=Specialism.objects.get(name="Science")
        )
    assert not_sought.value.message_dict["specialism"] == [
        "Choose one of the specialisms this round is seeking."
    ]


def test_it_refuses_applications_after_the_closing_date_and_from_outside_its_schools(demo):
    designation_round = open_round(demo.southwark)
    designation_round.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    designation_round.save()
    with pytest.raises(ValidationError, match="This round has closed"):
        apply(designation_round)
    with pytest.raises(PermissionDenied):
        apply(open_round(demo.southwark), "board@demo.test")


def test_it_emails_the_head_a_link_whose_answer_is_recorded_once(demo):
    application = apply(open_round(demo.southwark))
    emails_send()
    [email] = [m for m in mail.outbox if "SLE application" in m.subject]
    assert email.to == ["head@demo.test"]
    token = re.search(r"/sle/support/([^/]+)/", email.body).group(1)
    assert services.application_for_token(token) == application
    head = perms("head@demo.test", demo.southwark)
    with pytest.raises(ValidationError) as no_reason:
        services.support_record(
            head=head.person, perms=head, application=application, supports=False, comment=""
        )
    assert "comment" in no_reason.value.message_dict
    services.support_record(
        head=head.person, perms=head, application=application, supports=True, comment="Yes."
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUPPORTED
    assert application.head_responded_by == head.person
    with pytest.raises(ValidationError, match="already answered"):
        services.support_record(
            head=head.person, perms=head, application=application, supports=False, comment="No."
        )
    # Another school's head may not answer for Bellenden Road.
    chair = perms("chair@demo.test", demo.southwark)
    with pytest.raises(PermissionDenied):
        services.support_record(
            head=chair.person, perms=chair, application=application, supports=True, comment=""
        )


def test_it_refuses_a_support_link_that_has_expired_or_is_forged(demo, monkeypatch):
    application = apply(open_round(demo.southwark))
    long_ago = time.time() - (services.SUPPORT_LINK_DAYS + 1) * 86400
    monkeypatch.setattr("django.core.signing.time.time", lambda: long_ago)
    old = services.support_token(application)
    monkeypatch.undo()
    with pytest.raises(services.LinkExpired):
        services.application_for_token(old)
    assert services.application_for_token("forged") is None


def test_it_shortlists_only_a_supported_application_and_turns_down_with_a_reason(demo):
    director = perms("director@demo.test", demo.southwark)
    application = apply(open_round(demo.southwark))
    with pytest.raises(ValidationError, match="cannot be shortlisted"):
        services.application_shortlist(perms=director, application=application, shortlisted=True)
    with pytest.raises(ValidationError) as no_reason:
        services.application_shortlist(perms=director, application=application, shortlisted=False)
    assert "reason" in no_reason.value.message_dict
    services.application_shortlist(
        perms=director, application=application, shortlisted=False, reason="Too few years."
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOT_SHORTLISTED
    emails_send()
    [outcome] = [m for m in mail.outbox if m.subject.startswith("Your SLE application")]
    assert outcome.to == ["teacher@demo.test"] and "Too few years." in outcome.body
    assert AuditEntry.objects.filter(kind=AuditKind.SLE_DECISION, subject_id=application.pk)


def test_it_designates_once_books_the_training_and_audits(demo):
    director = perms("director@demo.test", demo.southwark)
    application = _interviewed(demo)
    with pytest.raises(ValidationError) as no_days:
        services.application_decide(
            perms=director, application=application, designate=True, feedback="Welcome."
        )
    assert "days_released" in no_days.value.message_dict
    services.application_decide(
        perms=director,
        application=application,
        designate=True,
        feedback="Welcome.",
        days_released=Decimal("12"),
    )
    designation = Designation.objects.get(alliance=demo.southwark, person=application.applicant)
    assert designation.active and designation.days_available_per_year == Decimal("12")
    assert [s.name for s in designation.specialisms.all()] == ["Mathematics"]
    # Booked on the training's sessions still to come (the first took place weeks ago).
    booked = Booking.objects.filter(
        delegate=application.applicant, session__programme=application.round.training_programme
    )
    assert booked.count() == 2 and all(b.status == BookingStatus.CONFIRMED for b in booked)
    with pytest.raises(ValidationError, match="cannot be decided"):
        services.application_decide(
            perms=director,
            application=application,
            designate=False,
            feedback="Changed my mind.",
        )
    assert AuditEntry.objects.filter(
        kind=AuditKind.SLE_DECISION, subject_id=application.pk, detail__startswith="Designated"
    ).exists()
    emails_send()
    [outcome] = [m for m in mail.outbox if m.subject.startswith("Your SLE application")]
    assert "designated an SLE in Mathematics" in outcome.body


def test_the_directory_shows_training_due_until_every_session_is_attended(demo):
    director = perms("director@demo.test", demo.southwark)
    application = services.application_decide(
        perms=director,
        application=_interviewed(demo),
        designate=True,
        feedback="Welcome.",
        days_released=Decimal("10"),
    )

    def due() -> bool:
        found = directory_for(
            alliance=demo.southwark,
            query=DirectoryQuery(text="Kemi Adeyemi"),
            today=timezone.localdate(),
        )
        return found.get(person=application.applicant).training_due

    assert due()
    for session in application.round.training_programme.sessions.all():
        Booking.objects.update_or_create(
            session=session,
            delegate=application.applicant,
            defaults={"status": BookingStatus.CONFIRMED, "attendance": Attendance.ATTENDED},
        )
    assert not due()


def test_it_only_lets_the_director_decide(demo):
    application = _supported(demo)
    with pytest.raises(PermissionDenied):
        services.application_shortlist(
            perms=perms("chair@demo.test", demo.southwark),
            application=application,
            shortlisted=True,
        )


def test_ending_a_designation_at_review_keeps_its_deployments_and_is_audited(demo):
    director = perms("director@demo.test", demo.southwark)
    nia = Designation.objects.get(alliance=demo.southwark, person__full_name="Nia Campbell")
    deployments = Deployment.objects.filter(designation=nia).count()
    assert deployments
    with pytest.raises(ValidationError) as no_reason:
        services.review_record(
            perms=director, designation=nia, outcome=ReviewOutcome.ENDED, reason=""
        )
    assert "reason" in no_reason.value.message_dict
    services.review_record(
        perms=director, designation=nia, outcome=ReviewOutcome.ENDED, reason="Moved school."
    )
    nia.refresh_from_db()
    assert not nia.active
    assert Deployment.objects.filter(designation=nia).count() == deployments
    with pytest.raises(ValidationError, match="reviewed this year already"):
        services.review_record(
            perms=director, designation=nia, outcome=ReviewOutcome.CONTINUED, reason=""
        )
    assert AuditEntry.objects.filter(
        kind=AuditKind.SLE_DECISION, subject_id=nia.pk, detail__contains="Moved school."
    ).exists()


def test_a_term_runs_between_the_long_holidays():
    assert term_of(datetime.date(2026, 11, 30)) == (
        datetime.date(2026, 9, 3),
        datetime.date(2026, 12, 19),
    )
    # In the Christmas holiday, "this term" is the spring term to come.
    starts, ends = term_of(datetime.date(2026, 12, 28))
    assert starts == datetime.date(2027, 1, 5)
    assert ends < datetime.date(2027, 4, 1)


def test_the_director_edits_a_round_until_it_closes(demo):
    director = perms("director@demo.test", demo.southwark)
    designation_round = open_round(demo.southwark)
    designation_round.title = "Maths and science SLEs"
    services.round_save(
        perms=director,
        designation_round=designation_round,
        specialisms=Specialism.objects.filter(name__in=["Mathematics", "Science"]),
        phases=designation_round.phases.all(),
    )
    assert designation_round.specialisms.count() == 2
    assert services.round_close(perms=director, designation_round=designation_round)
    assert not services.round_close(perms=director, designation_round=designation_round)
    with pytest.raises(ValidationError, match="This round is closed"):
        services.round_save(
            perms=director,
            designation_round=designation_round,
            specialisms=designation_round.specialisms.all(),
            phases=designation_round.phases.all(),
        )
    with pytest.raises(ValidationError, match="This round has closed"):
        apply(designation_round)
