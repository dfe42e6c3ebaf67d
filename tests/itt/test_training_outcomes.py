"""Outcomes: the allowed moves, reasons and employment, and the per-year figures on a hand-made
set of trainees (the answers are written out below)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance.models import AcademicYear, AuditEntry, AuditKind
from alliance.permissions import perms_for
from itt.models import Route, TraineeStatus
from itt.training_selectors import outcomes_for
from itt.training_services import trainee_outcome_record
from members.models import Organisation
from tests.itt import training_builders as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(demo):
    return perms_for(demo.user("itt-lead").person, demo.southwark)


def test_the_figures_of_a_hand_made_year(demo):
    year = AcademicYear.objects.get_or_create(start_year=2019)[0]
    salaried = build.partnership(demo.southwark, name="A salaried")
    fee = build.partnership(demo.southwark, name="B fee-funded")
    fee.route = Route.FEE_FUNDED
    fee.save()
    albion = Organisation.objects.get(name="Albion Street Primary School")
    s = TraineeStatus
    for status, employed, in_alliance in [
        (s.QTS_AWARDED, True, True),
        (s.QTS_AWARDED, True, True),
        (s.QTS_AWARDED, True, False),
        (s.QTS_AWARDED, False, None),
        (s.RECOMMENDED, None, None),
        (s.WITHDRAWN, None, None),
    ]:
        build.trainee(
            salaried,
            year=year,
            status=status,
            employed=employed,
            first_post_in_alliance=in_alliance,
            first_post_school=albion if in_alliance else None,
        )
    for status in (s.QTS_AWARDED, s.DEFERRED, s.IN_TRAINING):
        build.trainee(fee, year=year, status=status, route=Route.FEE_FUNDED)
    build.trainee(salaried, year=AcademicYear.objects.get_or_create(start_year=2020)[0])

    figures = outcomes_for(alliance=demo.southwark, year=year)

    a, b = figures.rows
    assert (a.partnership, a.route, a.trainees, a.completed, a.qts, a.withdrawn) == (
        "A salaried",
        "Salaried",
        6,
        5,
        4,
        1,
    )
    assert (a.employed, a.employed_in_alliance, a.deferred, a.in_training) == (3, 2, 0, 0)
    assert (a.completion_rate, a.qts_rate, a.in_alliance_rate) == (
        Decimal("83.3"),
        Decimal("66.7"),
        Decimal("66.7"),
    )
    assert (b.route, b.trainees, b.completed, b.qts, b.deferred, b.in_training) == (
        "Fee-funded",
        3,
        1,
        1,
        1,
        1,
    )
    total = figures.total
    assert (total.trainees, total.completed, total.qts, total.employed_in_alliance) == (9, 6, 5, 2)
    assert outcomes_for(alliance=demo.steep, year=year).rows == []


def test_recommended_then_qts_then_employed_in_an_alliance_school(demo, lead):
    trainee = build.trainee(build.partnership(demo.southwark))
    trainee = trainee_outcome_record(perms=lead, trainee=trainee, status=TraineeStatus.RECOMMENDED)
    albion = Organisation.objects.get(name="Albion Street Primary School")
    trainee = trainee_outcome_record(
        perms=lead,
        trainee=trainee,
        status=TraineeStatus.QTS_AWARDED,
        employed=True,
        first_post_school=albion,
    )
    assert trainee.status == TraineeStatus.QTS_AWARDED and trainee.first_post_in_alliance is True
    trainee = trainee_outcome_record(
        perms=lead,
        trainee=trainee,
        status=TraineeStatus.QTS_AWARDED,
        employed=True,
        first_post_name="A school in Kent",
    )
    assert trainee.first_post_in_alliance is False and trainee.first_post_school is None


def _refused(lead, trainee, **fields) -> dict:
    with pytest.raises(ValidationError) as refused:
        trainee_outcome_record(perms=lead, trainee=trainee, **fields)
    return refused.value.message_dict


def test_each_outcome_decision_is_in_the_audit_trail_once(demo, lead):
    trainee = build.trainee(build.partnership(demo.southwark))
    albion = Organisation.objects.get(name="Albion Street Primary School")
    trainee_outcome_record(perms=lead, trainee=trainee, status=TraineeStatus.RECOMMENDED)
    trainee_outcome_record(perms=lead, trainee=trainee, status=TraineeStatus.RECOMMENDED)
    trainee_outcome_record(
        perms=lead,
        trainee=trainee,
        status=TraineeStatus.QTS_AWARDED,
        employed=True,
        first_post_school=albion,
    )
    with pytest.raises(ValidationError):
        trainee_outcome_record(perms=lead, trainee=trainee, status=TraineeStatus.WITHDRAWN)

    trail = AuditEntry.objects.filter(kind=AuditKind.ITT_TRAINEE, subject_id=str(trainee.pk))
    assert list(trail.order_by("pk").values_list("detail", flat=True)) == [
        "Outcome changed from “In training” to “Recommended for QTS”",
        "Outcome changed from “Recommended for QTS” to “QTS awarded”, employed at "
        "Albion Street Primary School",
    ]
    assert set(trail.values_list("actor_id", flat=True)) == {demo.user("itt-lead").pk}


def test_the_moves_and_what_they_need(demo, lead):
    trainee = build.trainee(build.partnership(demo.southwark))
    assert (
        "cannot be recorded as “QTS awarded”"
        in _refused(lead, trainee, status=TraineeStatus.QTS_AWARDED)["status"][0]
    )
    assert _refused(lead, trainee, status=TraineeStatus.WITHDRAWN) == {
        "reason": ["Enter the reason."]
    }
    assert (
        "once the trainee is recommended"
        in _refused(
            lead, trainee, status=TraineeStatus.IN_TRAINING, employed=True, first_post_name="X"
        )["employed"][0]
    )
    trainee_outcome_record(perms=lead, trainee=trainee, status="recommended")
    assert (
        "Choose the school of the first post"
        in _refused(lead, trainee, status="recommended", employed=True)["first_post_school"][0]
    )
    done = trainee_outcome_record(
        perms=lead, trainee=trainee, status=TraineeStatus.WITHDRAWN, reason="Moved abroad"
    )
    assert done.status_reason == "Moved abroad" and done.has_left
    assert "cannot be recorded" in _refused(lead, trainee, status="in_training")["status"][0]


def test_the_outcome_form_and_the_summary_page(demo, login):
    trainee = build.trainee(build.partnership(demo.southwark, name="Page partnership"))
    client = login("itt-lead")
    url = reverse("itt_training:trainee-outcome", args=["southwark", trainee.pk])
    page = client.post(url, {"status": "deferred", "reason": ""})
    assert "Enter the reason." in page.text
    client.post(url, {"status": "deferred", "reason": "Illness"})
    trainee.refresh_from_db()
    assert trainee.status == TraineeStatus.DEFERRED
    summary = client.get(
        reverse("itt_training:outcomes", args=["southwark"])
        + f"?year={trainee.academic_year.start_year}"
    )
    assert "Page partnership" in summary.text
