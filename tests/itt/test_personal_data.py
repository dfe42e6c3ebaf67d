"""A trainee's "Download my data" holds their application, traineeship, placements and progress
reviews (a cause for concern included); a mentor's, the placements they mentor (issue 23)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliance.models import AcademicYear
from itt.models import Placement, ProgressReview, Rating, Term, Trainee

pytestmark = pytest.mark.django_db


def _download(login, persona: str) -> dict:
    return login(persona).get(reverse("personal-data-download")).json()


@pytest.fixture
def traineeship(demo) -> Trainee:
    return Trainee.objects.get(person__user__email="trainee@demo.test")


@pytest.fixture
def concern(traineeship) -> ProgressReview:
    placement = traineeship.placements.get()
    return ProgressReview.objects.create(
        trainee=traineeship,
        placement=placement,
        academic_year=AcademicYear.current(),
        term=Term.AUTUMN,
        rating=Rating.CAUSE_FOR_CONCERN,
        targets="Plan phonics lessons with the class teacher each week.",
        written_by=placement.mentor,
    )


def _someone_elses_review(traineeship: Trainee) -> ProgressReview:
    other = Trainee.objects.exclude(pk=traineeship.pk).filter(placements__isnull=False).first()
    return ProgressReview.objects.create(
        trainee=other,
        placement=other.placements.first(),
        academic_year=AcademicYear.current(),
        term=Term.SPRING,
        rating=Rating.ON_TRACK,
        targets="Someone else's targets, never in Sam's file.",
        written_by=other.placements.first().mentor,
    )


def test_it_gives_the_trainee_their_traineeship_placements_and_reviews(login, traineeship, concern):
    other = _someone_elses_review(traineeship)
    data = _download(login, "trainee")
    [record] = data["itt_traineeships"]
    assert record["partnership"] == traineeship.partnership.name
    assert record["status"] == "In training"
    [placement] = record["placements"]
    assert (placement["school"], placement["mentor"]) == (
        "Bellenden Road Primary School",
        "Grace Holloway",
    )
    [review] = record["progress_reviews"]
    assert review["rating"] == "Cause for concern" and review["cause_for_concern"] is True
    assert review["targets"] == concern.targets
    assert review["written_by"] == "Grace Holloway"
    assert other.targets not in str(data)
    assert other.trainee.person.full_name not in str(data)


def test_it_gives_the_trainee_the_application_that_became_their_traineeship(login, traineeship):
    data = _download(login, "trainee")
    [application] = data["itt_applications"]
    assert application["full_name"] == traineeship.applicant.full_name
    assert application["stage"] == "In training"
    assert application["stages"], "the moves between stages are theirs too"
    # Not the partnership's other applicants.
    assert "Aled Gill" not in str(data["itt_applications"])


def test_it_gives_the_mentor_what_they_did_but_not_the_trainees_record(login, traineeship, concern):
    data = _download(login, "mentor")
    [placement] = data["itt_mentoring"]["placements"]
    assert placement["school"] == "Bellenden Road Primary School"
    [written] = data["itt_mentoring"]["reviews_written"]
    assert written["term"].startswith("Autumn")
    # The trainee's name and targets are the trainee's data, in the trainee's file.
    assert concern.targets not in str(data)
    assert "Sam Whitfield" not in str(data)
    assert data["itt_traineeships"] == [] and data["itt_applications"] == []


def test_it_gives_someone_else_none_of_the_trainees_record(login, traineeship, concern):
    data = _download(login, "teacher")
    assert data["itt_traineeships"] == []
    assert data["itt_mentoring"] == {"placements": [], "reviews_written": []}
    assert concern.targets not in str(data)


def test_it_reads_the_traineeship_in_the_same_queries_however_many_placements(
    login, traineeship, concern, django_assert_max_num_queries
):
    client = login("trainee")
    url = reverse("personal-data-download")
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    first = traineeship.placements.get()
    for n in range(3):
        extra = Placement.objects.create(
            trainee=traineeship,
            school=first.school,
            kind=first.kind,
            starts_on=first.starts_on,
            ends_on=first.ends_on,
            mentor=first.mentor,
            class_or_subject=f"Class {n}",
        )
        ProgressReview.objects.create(
            trainee=traineeship,
            placement=extra,
            academic_year=AcademicYear.current(),
            term=Term.SPRING,
            rating=Rating.ON_TRACK,
            written_by=first.mentor,
        )
    with django_assert_max_num_queries(len(before)):
        assert len(client.get(url).json()["itt_traineeships"][0]["placements"]) == 4
