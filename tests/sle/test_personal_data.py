"""An SLE applicant's "Download my data" holds their application with the experience and
statement they wrote, and an SLE's the yearly reviews of their designation (issue 23)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sle.models import DesignationReview, DesignationRound, SleApplication

pytestmark = pytest.mark.django_db


def _download(login, persona: str) -> dict:
    return login(persona).get(reverse("personal-data-download")).json()


@pytest.fixture
def application(demo) -> SleApplication:
    teacher = demo.user("teacher").person
    round_ = DesignationRound.objects.filter(alliance=demo.southwark).first()
    model = SleApplication.objects.filter(round=round_).first()
    return SleApplication.objects.create(
        round=round_,
        applicant=teacher,
        school=teacher.organisation,
        specialism=model.specialism,
        phase=model.phase,
        experience="Maths lead for three years; I coach two early career teachers.",
        statement="I want to help schools build a mastery approach to maths.",
    )


def test_it_gives_the_applicant_their_experience_and_statement(login, application):
    data = _download(login, "teacher")
    [mine] = data["sle_applications"]
    assert mine["experience"] == application.experience
    assert mine["statement"] == application.statement
    assert mine["status"] == "Awaiting the head's support"
    assert mine["round"] == application.round.title


def test_it_gives_no_one_else_the_applicants_words(login, application):
    others = SleApplication.objects.exclude(pk=application.pk)
    data = _download(login, "teacher")
    assert not any(other.statement in str(data) for other in others)
    for persona in ("head", "sle", "director"):
        theirs = _download(login, persona)
        assert application.statement not in str(theirs)
        assert application.experience not in str(theirs)


def test_it_keeps_the_panels_interview_notes_out_as_the_application_page_does(login, application):
    SleApplication.objects.filter(pk=application.pk).update(
        interview_notes="Panel only: strong on subject knowledge."
    )
    assert "Panel only" not in str(_download(login, "teacher"))


def test_it_gives_an_sle_the_reviews_of_their_designation(login, demo):
    review = DesignationReview.objects.get(designation__person__user__email="sle@demo.test")
    data = _download(login, "sle")
    [mine] = data["sle_designation_reviews"]
    assert (mine["outcome"], mine["academic_year"]) == (
        review.get_outcome_display(),
        review.academic_year.label,
    )
    assert _download(login, "teacher")["sle_designation_reviews"] == []
