"""The ITT lead places a trainee at a school with a named mentor there; bad dates, a mentor of
another school and overlapping main placements are refused next to the field."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance.models import AcademicYear
from alliance.permissions import perms_for
from itt.models import Placement, PlacementKind, ProgressReview, Rating, Term, TraineeStatus
from itt.training_services import placement_add
from tests.itt import training_builders as build

pytestmark = pytest.mark.django_db

ALBION = "Albion Street Primary School"
GRANGE = "Grange Walk Primary School"


@pytest.fixture
def setting(demo):
    partnership = build.partnership(demo.southwark)
    trainee = build.trainee(partnership)
    albion = build.school(ALBION)
    mentor = build.person(albion, "Maya Mentor")
    lead = perms_for(demo.user("itt-lead").person, demo.southwark)
    return trainee, albion, mentor, lead


def _add(setting, **changes):
    trainee, albion, mentor, lead = setting
    year = trainee.training_starts_on.year
    fields = {
        "perms": lead,
        "trainee": trainee,
        "school": albion,
        "kind": PlacementKind.MAIN,
        "starts_on": datetime.date(year, 9, 8),
        "ends_on": datetime.date(year, 12, 18),
        "mentor": mentor,
        "class_or_subject": "Year 3",
    }
    return placement_add(**{**fields, **changes})


def _refusal(setting, **changes) -> dict:
    with pytest.raises(ValidationError) as refused:
        _add(setting, **changes)
    return refused.value.message_dict


def test_it_places_the_trainee_with_the_mentor(setting):
    placement = _add(setting)
    assert placement.mentor.full_name == "Maya Mentor"
    assert placement.school.name == ALBION


def test_it_makes_the_same_placement_once_when_sent_twice(setting):
    assert _add(setting) == _add(setting)
    assert Placement.objects.filter(trainee=setting[0]).count() == 1


def test_it_refuses_dates_in_the_wrong_order(setting):
    year = setting[0].training_starts_on.year
    errors = _refusal(setting, ends_on=datetime.date(year, 9, 1))
    assert errors == {"ends_on": ["Enter an end date after the start date."]}


def test_it_refuses_a_placement_outside_the_training(setting):
    trainee = setting[0]
    errors = _refusal(setting, ends_on=trainee.training_ends_on + datetime.timedelta(days=1))
    assert "Enter an end date within the training" in errors["ends_on"][0]
    errors = _refusal(setting, starts_on=trainee.training_starts_on - datetime.timedelta(days=1))
    assert "Enter a start date within the training" in errors["starts_on"][0]


def test_it_refuses_a_mentor_from_another_school(setting):
    other = build.person(build.school(GRANGE), "Other School Teacher")
    errors = _refusal(setting, mentor=other)
    assert errors == {"mentor": [f"Choose a mentor who works at {ALBION}."]}


def test_it_refuses_two_main_placements_that_overlap_but_not_a_second_one(setting):
    _add(setting)
    year = setting[0].training_starts_on.year
    grange = build.school(GRANGE)
    mentor = build.person(grange)
    overlapping = {
        "school": grange,
        "mentor": mentor,
        "starts_on": datetime.date(year, 12, 1),
        "ends_on": datetime.date(year + 1, 2, 1),
    }
    errors = _refusal(setting, **overlapping)
    assert "overlap the main placement at Albion Street" in errors["starts_on"][0]
    second = _add(setting, kind=PlacementKind.SECOND, **overlapping)
    assert second.kind == PlacementKind.SECOND


def test_it_refuses_a_placement_for_a_trainee_who_has_left(setting):
    trainee = setting[0]
    trainee.status = TraineeStatus.WITHDRAWN
    trainee.save()
    with pytest.raises(ValidationError, match="no longer in training"):
        _add(setting)


def test_the_lead_sees_the_error_next_to_the_field_and_nothing_is_saved(setting, login):
    trainee, albion, mentor, _ = setting
    url = reverse("itt_training:placement-add", args=["southwark", trainee.pk])
    client = login("itt-lead")
    year = trainee.training_starts_on.year
    form = {
        "school": albion.pk,
        "kind": "main",
        "starts_on": f"{year}-12-18",
        "ends_on": f"{year}-09-08",
        "mentor": mentor.pk,
    }
    page = client.post(url, form).content.decode()
    assert "Enter an end date after the start date." in page
    assert not Placement.objects.filter(trainee=trainee).exists()
    form["starts_on"], form["ends_on"] = f"{year}-09-08", f"{year}-12-18"
    response = client.post(url, form)
    assert response.status_code == 302
    assert Placement.objects.get(trainee=trainee).mentor == mentor


def test_the_form_says_a_mentor_of_another_school_is_refused(setting, login):
    trainee, albion, _, _ = setting
    other = build.person(build.school(GRANGE), "Gwen Grange")
    year = trainee.training_starts_on.year
    page = (
        login("itt-lead")
        .post(
            reverse("itt_training:placement-add", args=["southwark", trainee.pk]),
            {
                "school": albion.pk,
                "kind": "main",
                "starts_on": f"{year}-09-08",
                "ends_on": f"{year}-12-18",
                "mentor": other.pk,
            },
        )
        .content.decode()
    )
    assert f"Choose a mentor who works at {ALBION}." in page


def test_the_lead_removes_a_placement_made_by_mistake_but_not_one_with_reviews(setting, login):
    placement = _add(setting)
    trainee = setting[0]
    client = login("itt-lead")
    page = client.get(reverse("itt_training:trainee-detail", args=["southwark", trainee.pk]))
    remove = reverse("itt_training:placement-remove", args=["southwark", placement.pk])
    assert remove in page.text
    ProgressReview.objects.create(
        trainee=trainee,
        placement=placement,
        academic_year=AcademicYear.current(),
        term=Term.AUTUMN,
        rating=Rating.ON_TRACK,
        written_by=placement.mentor,
    )
    answer = client.post(remove, follow=True)
    assert "This placement has progress reviews, so it stays" in answer.text
    assert Placement.objects.filter(pk=placement.pk).exists()
    ProgressReview.objects.filter(placement=placement).delete()
    client.post(remove)
    assert not Placement.objects.filter(pk=placement.pk).exists()
    assert client.post(remove).status_code == 404  # removing it twice removes it once
