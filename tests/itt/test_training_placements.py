"""The ITT lead places a trainee at a school with a named mentor there; bad dates, a mentor of
another school and overlapping main placements are refused next to the field."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance.models import AcademicYear, AuditEntry, AuditKind
from alliance.permissions import perms_for
from itt.models import Placement, PlacementKind, ProgressReview, Rating, Term, TraineeStatus
from itt.training_services import placement_add, placement_change
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


def _change(setting, placement, **changes):
    lead = setting[3]
    fields = {
        "school": placement.school,
        "kind": placement.kind,
        "starts_on": placement.starts_on,
        "ends_on": placement.ends_on,
        "mentor": placement.mentor,
        "class_or_subject": placement.class_or_subject,
    }
    return placement_change(perms=lead, placement=placement, **{**fields, **changes})


def test_the_lead_moves_a_placements_end_and_hands_it_to_a_new_mentor(setting, login):
    placement = _add(setting)
    trainee, albion, _, _ = setting
    successor = build.person(albion, "Sam Successor")
    year = trainee.training_starts_on.year
    url = reverse("itt_training:placement-change", args=["southwark", placement.pk])
    client = login("itt-lead")
    form = client.get(url).context["form"]
    assert form["mentor"].value() == placement.mentor_id  # the form starts from the placement

    response = client.post(
        url,
        {
            "school": albion.pk,
            "kind": "main",
            "starts_on": f"{year}-09-08",
            "ends_on": f"{year + 1}-02-12",
            "class_or_subject": "Year 4",
            "mentor": successor.pk,
        },
        follow=True,
    )

    assert f"Placement changed for {trainee.person.full_name}." in response.text
    placement.refresh_from_db()
    assert (placement.ends_on, placement.mentor, placement.class_or_subject) == (
        datetime.date(year + 1, 2, 12),
        successor,
        "Year 4",
    )
    entry = AuditEntry.objects.get(kind=AuditKind.ITT_TRAINEE, subject_id=str(trainee.pk))
    assert entry.detail == (
        f"Placement changed from main placement at {ALBION} (Year 3), 8 September {year} to "
        f"18 December {year}, mentor Maya Mentor to main placement at {ALBION} (Year 4), "
        f"8 September {year} to 12 February {year + 1}, mentor Sam Successor"
    )


def test_a_change_is_checked_as_a_new_placement_is_and_saves_nothing_when_refused(setting):
    placement = _add(setting)
    year = setting[0].training_starts_on.year
    grange = build.school(GRANGE)
    later = _add(
        setting,
        school=grange,
        mentor=build.person(grange),
        starts_on=datetime.date(year + 1, 1, 5),
        ends_on=datetime.date(year + 1, 3, 27),
    )
    with pytest.raises(ValidationError) as refused:
        _change(setting, placement, ends_on=datetime.date(year + 1, 1, 20))
    assert "overlap the main placement at Grange Walk" in refused.value.message_dict["starts_on"][0]
    with pytest.raises(ValidationError) as refused:
        _change(setting, placement, mentor=later.mentor)
    assert refused.value.message_dict == {"mentor": [f"Choose a mentor who works at {ALBION}."]}
    with pytest.raises(ValidationError) as refused:
        _change(setting, placement, ends_on=setting[0].training_ends_on + datetime.timedelta(1))
    assert "Enter an end date within the training" in refused.value.message_dict["ends_on"][0]
    placement.refresh_from_db()
    assert placement.ends_on == datetime.date(year, 12, 18)  # nothing half-saved
    # Its own dates never overlap it: moving the start alone is fine.
    assert _change(setting, placement, starts_on=datetime.date(year, 9, 15)).starts_on.day == 15
    assert not AuditEntry.objects.filter(
        kind=AuditKind.ITT_TRAINEE, detail__contains="Grange Walk"
    ).exists()


def test_a_placement_with_reviews_keeps_its_school_and_a_second_save_records_nothing(setting):
    placement = _add(setting)
    trainee = setting[0]
    ProgressReview.objects.create(
        trainee=trainee,
        placement=placement,
        academic_year=AcademicYear.current(),
        term=Term.AUTUMN,
        rating=Rating.ON_TRACK,
        written_by=placement.mentor,
    )
    grange = build.school(GRANGE)
    with pytest.raises(ValidationError) as refused:
        _change(setting, placement, school=grange, mentor=build.person(grange))
    assert (
        "This placement has progress reviews written at Albion Street"
        in (refused.value.message_dict["school"][0])
    )
    _change(setting, placement, class_or_subject="Year 5")
    _change(setting, placement, class_or_subject="Year 5")  # the form sent twice
    changes = AuditEntry.objects.filter(kind=AuditKind.ITT_TRAINEE, subject_id=str(trainee.pk))
    assert changes.count() == 1


def test_the_change_form_shows_the_refusal_next_to_the_field(setting, login):
    placement = _add(setting)
    trainee, albion, mentor, _ = setting
    year = trainee.training_starts_on.year
    page = login("itt-lead").post(
        reverse("itt_training:placement-change", args=["southwark", placement.pk]),
        {
            "school": albion.pk,
            "kind": "main",
            "starts_on": f"{year}-09-08",
            "ends_on": f"{year + 5}-01-01",
            "mentor": mentor.pk,
        },
    )
    assert page.status_code == 200
    assert page.context["form"].errors["ends_on"][0].startswith("Enter an end date within")
    placement.refresh_from_db()
    assert placement.ends_on == datetime.date(year, 12, 18)
