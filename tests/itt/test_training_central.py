"""The central training: the ITT lead gives trainees a place on their partnership's central
training (a cohort programme, so one place books every session), one trainee at a time or all
of a partnership's at once; a trainee who withdraws gives up the sessions still to come."""

from __future__ import annotations

import datetime
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from alliance.models import AuditEntry, AuditKind
from alliance.permissions import perms_for
from itt.models import TraineeStatus
from itt.training_services import central_training_enrol, trainee_outcome_record
from programmes.models import (
    Booking,
    BookingStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeFormat,
    ProgrammeKind,
    ProgrammeStatus,
    Session,
)
from tests.itt import training_builders as build
from tests.races import at_once

pytestmark = pytest.mark.django_db


def _central(alliance, *, places: int = 10) -> Programme:
    """A cohort of central days: one held last week, two to come."""
    itt = Programme.objects.filter(alliance=alliance, kind=ProgrammeKind.ITT).first()
    programme = Programme.objects.create(
        alliance=alliance,
        strand=itt.strand,
        kind=ProgrammeKind.ITT,
        title=f"Central days {timezone.now():%f}",
        summary="Behaviour and phonics.",
        led_by=itt.led_by,
        status=ProgrammeStatus.DRAFT,
        format=ProgrammeFormat.COHORT,
        cohort_places=places,
    )
    now = timezone.now()
    for days in (-7, 14, 35):
        starts = now + datetime.timedelta(days=days)
        Session.objects.create(
            alliance=alliance,
            programme=programme,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            booking_deadline=starts - datetime.timedelta(days=2),
            venue="John Donne Primary School",
            capacity=places,
        )
    return programme


@pytest.fixture
def setting(demo):
    partnership = build.partnership(demo.southwark)
    partnership.training_programme = _central(demo.southwark)
    partnership.save()
    today = timezone.localdate()
    trainees = [
        build.trainee(
            partnership,
            starts=today - datetime.timedelta(days=60),
            ends=today + datetime.timedelta(days=200),
        )
        for _ in range(3)
    ]
    lead = perms_for(demo.user("itt-lead").person, demo.southwark)
    return partnership, trainees, lead


def _places(programme: Programme) -> list[str]:
    return sorted(
        Enrolment.objects.filter(programme=programme, status=EnrolmentStatus.ACCEPTED).values_list(
            "participant__full_name", flat=True
        )
    )


def test_a_place_books_every_session_and_shows_on_the_trainees_page(demo, setting, login):
    partnership, (trainee, *_), _lead = setting

    client = login("itt-lead")
    page = reverse("itt_training:trainee-detail", args=["southwark", trainee.pk])
    assert "Give " + trainee.person.full_name + " a place" in client.get(page).text
    response = client.post(
        reverse("itt_training:trainee-central-training", args=["southwark", trainee.pk]),
        follow=True,
    )

    assert "A place given on the central training." in response.text
    assert "a place</button>" not in response.text
    programme = partnership.training_programme
    assert _places(programme) == [trainee.person.full_name]
    booked = Booking.objects.filter(delegate=trainee.person, status=BookingStatus.CONFIRMED)
    assert booked.count() == 3
    assert response.text.count("Not marked") == 1  # last week's day, its register not marked
    assert response.text.count(">Booked<") == 2
    entry = AuditEntry.objects.get(kind=AuditKind.ITT_TRAINEE, subject_id=str(trainee.pk))
    assert entry.detail == f"Given a place on {programme.title}"


def test_a_double_click_gives_one_place(setting):
    partnership, (trainee, *_), lead = setting
    assert central_training_enrol(perms=lead, trainees=[trainee]) == 1
    assert central_training_enrol(perms=lead, trainees=[trainee]) == 0
    assert Enrolment.objects.filter(participant=trainee.person).count() == 1
    partnership.training_programme.refresh_from_db()
    assert partnership.training_programme.cohort_places_taken == 1


def test_the_partnership_page_gives_everyone_without_a_place_one(demo, setting, login):
    partnership, trainees, lead = setting
    central_training_enrol(perms=lead, trainees=trainees[:1])
    client = login("itt-lead")
    page = reverse("itt:partnership-detail", args=["southwark", partnership.pk])
    assert "1 of 3 trainees in training have a place (9 places left)" in client.get(page).text

    response = client.post(
        reverse("itt_training:partnership-central-training", args=["southwark", partnership.pk]),
        follow=True,
    )

    assert "2 places given on the central training." in response.text
    assert "3 of 3 trainees in training have a place (7 places left)" in response.text
    assert _places(partnership.training_programme) == sorted(t.person.full_name for t in trainees)


def test_too_few_places_refuses_the_lot(setting):
    partnership, trainees, lead = setting
    Programme.objects.filter(pk=partnership.training_programme_id).update(cohort_places=2)
    with pytest.raises(ValidationError) as refused:
        central_training_enrol(perms=lead, trainees=trainees)
    assert refused.value.messages == [
        f"{partnership.training_programme.title} has 2 places left, too few for 3 trainees: "
        "add places to the programme first."
    ]
    assert _places(partnership.training_programme) == []
    assert not Booking.objects.filter(delegate__in=[t.person for t in trainees]).exists()


def test_a_trainee_who_has_left_gets_no_place(setting):
    partnership, (trainee, other, _), lead = setting
    trainee.status = TraineeStatus.WITHDRAWN
    trainee.save()
    with pytest.raises(ValidationError) as refused:
        central_training_enrol(perms=lead, trainees=[trainee, other])
    assert refused.value.messages == [f"{trainee.person.full_name} is no longer in training."]
    assert _places(partnership.training_programme) == []


def test_a_partnership_without_central_training_says_where_to_choose_it(demo, setting, login):
    partnership, (trainee, *_), _lead = setting
    partnership.training_programme = None
    partnership.save()
    response = login("itt-lead").post(
        reverse("itt_training:trainee-central-training", args=["southwark", trainee.pk]),
        follow=True,
    )
    assert (
        f"{partnership.name} has no central training programme yet: choose one on the "
        "partnership&#x27;s page."
    ) in response.text
    assert not Enrolment.objects.filter(participant=trainee.person).exists()


def test_only_cohort_programmes_can_be_chosen_as_central_training(demo, login):
    drop_in = Programme.objects.filter(
        alliance=demo.southwark, kind=ProgrammeKind.ITT, format=ProgrammeFormat.DROP_IN
    ).first()
    partnership = build.partnership(demo.southwark)
    page = login("itt-lead").get(
        reverse("itt:partnership-edit", args=["southwark", partnership.pk])
    )
    choices = page.context["form"].fields["training_programme"].queryset
    assert drop_in is not None and drop_in not in choices
    assert all(p.format == ProgrammeFormat.COHORT for p in choices)


def test_a_withdrawal_gives_up_the_sessions_to_come(setting):
    partnership, (trainee, *_), lead = setting
    central_training_enrol(perms=lead, trainees=[trainee])
    Booking.objects.filter(delegate=trainee.person, session__starts_at__lt=timezone.now()).update(
        attendance="attended"
    )

    trainee_outcome_record(
        perms=lead, trainee=trainee, status=TraineeStatus.WITHDRAWN, reason="Moved abroad"
    )

    enrolment = Enrolment.objects.get(participant=trainee.person)
    assert enrolment.status == EnrolmentStatus.WITHDRAWN
    kept = Booking.objects.filter(delegate=trainee.person, status=BookingStatus.CONFIRMED)
    assert [b.attendance for b in kept] == ["attended"]  # the day held keeps its register
    programme = Programme.objects.get(pk=partnership.training_programme_id)
    assert programme.cohort_places_taken == 0
    future = Session.objects.filter(programme=programme, starts_at__gt=timezone.now())
    assert [s.places_taken for s in future] == [0, 0]


def test_the_demo_lead_sees_the_trainee_still_without_a_place(demo, login):
    response = login("itt-lead").get(
        reverse(
            "itt:partnership-detail",
            args=["southwark", demo.southwark.itt_partnerships.get(name__contains="(salaried)").pk],
        )
    )
    assert "Without a place yet:" in response.text
    assert "Give them a place" in response.text


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_places_given_at_once_never_exceed_the_cohort(demo):
    lead = perms_for(demo.user("itt-lead").person, demo.southwark)
    partnership = build.partnership(demo.southwark)
    partnership.training_programme = _central(demo.southwark, places=3)
    partnership.save()
    trainees = [build.trainee(partnership) for _ in range(6)]
    # Each trainee twice: a double click racing the others.
    asks = [t for t in trainees for _ in range(2)]
    race = at_once([partial(central_training_enrol, perms=lead, trainees=[t]) for t in asks])
    assert race.errors == []
    programme = Programme.objects.get(pk=partnership.training_programme_id)
    given = programme.cohort_places_taken
    assert given == len(_places(programme)) == Enrolment.objects.filter(programme=programme).count()
    assert sum(race.done) == given  # each place given once, a double click's second gives none
    # Never more than the cohort, and full unless so many asks were answered busy that fewer
    # than three trainees had one answered (each busy pair can leave one trainee unanswered).
    assert min(3, len(trainees) - race.busy // 2) <= given <= 3
    # Both asks of each trainee left without a place were refused, bar any answered busy (with
    # nobody busy: six refused).
    without = len(trainees) - given
    assert 2 * without - race.busy <= len(race.refused) <= 2 * without


def test_the_partnership_page_reads_the_same_as_trainees_grow(
    demo, setting, login, django_assert_max_num_queries
):
    partnership, trainees, lead = setting
    central_training_enrol(perms=lead, trainees=trainees[:2])
    client = login("itt-lead")
    url = reverse("itt:partnership-detail", args=["southwark", partnership.pk])
    client.get(url)  # warm: the years exist
    # The page with its central training: this year, its trainees in training, their places.
    with django_assert_max_num_queries(18) as before:
        client.get(url)
    for _ in range(8):
        build.trainee(partnership)
    with django_assert_max_num_queries(len(before)):
        assert "2 of 11 trainees in training have a place" in client.get(url).text
