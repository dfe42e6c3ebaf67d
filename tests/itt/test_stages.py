"""The recruitment stages: the table of allowed moves, what each move records, and starting
training (the trainee, their sign-in and its email)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance.models import OutboxEmail
from alliance.outbox import emails_send
from itt import stages
from itt.models import Applicant, Stage, Trainee
from itt.services import applicant_create, applicant_move, applicant_start_training
from members.models import User

WHEN = timezone.make_aware(datetime.datetime(2027, 3, 4, 10, 0))
TODAY = datetime.date(2026, 11, 1)


def test_it_allows_only_forward_moves_and_closing():
    assert stages.may_move(Stage.APPLIED, Stage.INTERVIEW)
    assert stages.may_move(Stage.OFFER, Stage.DECLINED)
    assert stages.may_move(Stage.CHECKS_DONE, Stage.IN_TRAINING)
    assert not stages.may_move(Stage.APPLIED, Stage.OFFER)  # no skipping the interview
    assert not stages.may_move(Stage.OFFER, Stage.INTERVIEW)  # backwards
    assert not stages.may_move(Stage.ACCEPTED, Stage.DECLINED)  # they withdraw instead
    assert not stages.may_move(Stage.WITHDRAWN, Stage.APPLIED)
    assert all(not stages.ALLOWED_MOVES[s] for s in (Stage.IN_TRAINING, *stages.CLOSED))


def test_it_says_why_a_move_is_refused():
    assert stages.refusal(Stage.OFFER, Stage.APPLIED) == (
        "An applicant at “Offer made” cannot go back to “Applied”."
    )
    assert "closed" in stages.refusal(Stage.DECLINED, Stage.INTERVIEW)
    assert "can move only to" in stages.refusal(Stage.APPLIED, Stage.ACCEPTED)


def test_it_records_the_interview_and_its_history(make_applicant, itt_lead):
    user, perms = itt_lead
    applicant = make_applicant()
    applicant_move(
        perms=perms,
        actor=user,
        applicant=applicant,
        to_stage=Stage.INTERVIEW,
        interview_at=WHEN,
        interview_panel="Tom Hartley, Clare Whitaker",
    )
    applicant.refresh_from_db()
    assert applicant.stage == Stage.INTERVIEW
    assert applicant.interview_at == WHEN
    assert [(c.from_stage, c.to_stage) for c in applicant.changes.all()] == [
        ("", Stage.APPLIED),
        (Stage.APPLIED, Stage.INTERVIEW),
    ]


def test_the_same_move_twice_changes_nothing_the_second_time(make_applicant, itt_lead):
    user, perms = itt_lead
    applicant = make_applicant(stage=Stage.INTERVIEW)
    for _ in range(2):
        applicant_move(
            perms=perms, actor=user, applicant=applicant, to_stage=Stage.OFFER, offer_conditions=""
        )
    assert applicant.changes.filter(to_stage=Stage.OFFER).count() == 1


def test_it_refuses_a_backward_move_and_a_move_without_its_details(make_applicant, itt_lead):
    user, perms = itt_lead
    applicant = make_applicant(stage=Stage.OFFER)
    with pytest.raises(ValidationError, match="cannot go back"):
        applicant_move(perms=perms, actor=user, applicant=applicant, to_stage=Stage.INTERVIEW)
    with pytest.raises(ValidationError) as refused:
        applicant_move(perms=perms, actor=user, applicant=applicant, to_stage=Stage.DECLINED)
    assert refused.value.message_dict == {"reason": ["Enter the reason"]}
    assert Applicant.objects.get(pk=applicant.pk).stage == Stage.OFFER


def test_checks_need_three_dates_none_in_the_future(make_applicant, itt_lead):
    user, perms = itt_lead
    applicant = make_applicant(stage=Stage.ACCEPTED)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        applicant_move(
            perms=perms,
            actor=user,
            applicant=applicant,
            to_stage=Stage.CHECKS_DONE,
            dbs_checked_on=tomorrow,
            qualifications_checked_on=None,
            fitness_checked_on=timezone.localdate(),
        )
    errors = refused.value.message_dict
    assert set(errors) == {"dbs_checked_on", "qualifications_checked_on"}
    assert "cannot be in the future" in errors["dbs_checked_on"][0]


def test_starting_training_makes_the_trainee_a_sign_in_and_one_email(
    make_applicant, itt_lead, next_year
):
    user, perms = itt_lead
    applicant = make_applicant(stage=Stage.ACCEPTED)
    applicant_move(
        perms=perms,
        actor=user,
        applicant=applicant,
        to_stage=Stage.CHECKS_DONE,
        dbs_checked_on=TODAY,
        qualifications_checked_on=TODAY,
        fitness_checked_on=TODAY,
    )
    emails_before = OutboxEmail.objects.filter(kind="itt_trainee_welcome").count()
    for _ in range(2):  # a double click makes one trainee
        trainee = applicant_start_training(
            perms=perms,
            actor=user,
            applicant=applicant,
            training_starts_on=next_year.starts_on,
            training_ends_on=datetime.date(next_year.start_year + 1, 7, 31),
            base_url="https://portal.test/",
        )
    assert Trainee.objects.filter(applicant=applicant).count() == 1
    account = User.objects.get(email=applicant.email)
    assert trainee.person.user == account
    assert not account.has_usable_password()
    # A salaried trainee is employed by the lead school; they hold no role anywhere.
    assert trainee.person.organisation == applicant.partnership.lead_school
    assert not trainee.person.role_assignments.exists()
    assert OutboxEmail.objects.filter(kind="itt_trainee_welcome").count() == emails_before + 1
    assert Applicant.objects.get(pk=applicant.pk).stage == Stage.IN_TRAINING
    emails_send()
    (welcome,) = [m for m in mail.outbox if m.to == [applicant.email]]
    assert "Choose a password" in welcome.body
    assert "https://portal.test/accounts/password/reset/key/" in welcome.body


def test_training_must_start_in_the_year_applied_for(make_applicant, itt_lead, next_year):
    user, perms = itt_lead
    applicant = make_applicant(stage=Stage.CHECKS_DONE)
    Applicant.objects.filter(pk=applicant.pk).update(
        dbs_checked_on=TODAY, qualifications_checked_on=TODAY, fitness_checked_on=TODAY
    )
    with pytest.raises(ValidationError) as refused:
        applicant_start_training(
            perms=perms,
            actor=user,
            applicant=applicant,
            training_starts_on=next_year.starts_on - datetime.timedelta(days=10),
            training_ends_on=next_year.ends_on,
            base_url="https://portal.test/",
        )
    assert "training_starts_on" in refused.value.message_dict
    assert not Trainee.objects.filter(applicant=applicant).exists()


def test_the_same_applicant_is_not_added_twice(make_applicant, itt_lead):
    user, perms = itt_lead
    first = make_applicant()
    with pytest.raises(ValidationError) as refused:
        applicant_create(
            perms=perms,
            actor=user,
            applicant=Applicant(
                partnership=first.partnership,
                academic_year=first.academic_year,
                full_name="Someone Else",
                email=first.email.upper(),
                subject="Primary general",
                route=first.route,
            ),
        )
    assert "already applied" in refused.value.message_dict["email"][0]
