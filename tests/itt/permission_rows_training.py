"""Trainees' placements, reviews and outcomes (issue 16, itt-train) in the role × page matrix.

The rows' trainee is placed now at Bellenden Road, the demo head's school, with the demo
teacher (Kemi Adeyemi, who holds no role) as mentor: the ITT lead, the director, the head and
the mentor see the trainee; everyone else signed in is answered 404, as if there were none."""

from __future__ import annotations

import datetime

from alliance.models import AcademicYear
from itt.models import Partnership, Placement, ProgressReview, Rating, Route, Term, Trainee
from members.models import Organisation, Person
from tests.permission_table import LOGIN, SOUTHWARK, Page, everyone

ROW_TRAINEE = "Rowena Matrix"
MANAGERS = {"itt-lead": 200, "director": 200}
MANAGERS_WRITE = {"itt-lead": 302, "director": 302}
# See the trainee, may not change the record: 403; everyone else: 404.
SEERS = {"head": 403, "teacher": 403}


def _placement(demo) -> Placement:
    found = Placement.objects.filter(trainee__person__full_name=ROW_TRAINEE).first()
    if found:
        return found
    bellenden = Organisation.objects.get(name="Bellenden Road Primary School")
    partnership, _ = Partnership.objects.get_or_create(
        alliance=demo.southwark,
        name="Matrix partnership",
        defaults={
            "lead_school": Organisation.objects.get(name="John Donne Primary School"),
            "provider": Organisation.objects.get(name="UCL Institute of Education"),
            "route": Route.SALARIED,
        },
    )
    year = AcademicYear.current()
    today = datetime.date.today()
    trainee = Trainee.objects.create(
        person=Person.objects.create(full_name=ROW_TRAINEE),
        partnership=partnership,
        academic_year=year,
        route=Route.SALARIED,
        training_starts_on=year.starts_on,
        training_ends_on=max(year.ends_on, today + datetime.timedelta(days=30)),
    )
    return Placement.objects.create(
        trainee=trainee,
        school=bellenden,
        kind="main",
        starts_on=year.starts_on,
        ends_on=trainee.training_ends_on,
        mentor=demo.user("teacher").person,
    )


def _trainee(demo) -> dict:
    return {**SOUTHWARK, "pk": _placement(demo).trainee_id}


def _placement_kwargs(demo) -> dict:
    return {**SOUTHWARK, "pk": _placement(demo).pk}


def _concern(demo) -> dict:
    placement = _placement(demo)
    review, _ = ProgressReview.objects.get_or_create(
        placement=placement,
        academic_year=AcademicYear.current(),
        term=Term.AUTUMN,
        defaults={
            "trainee": placement.trainee,
            "rating": Rating.CAUSE_FOR_CONCERN,
            "targets": "Plan with the mentor.",
            "written_by": placement.mentor,
        },
    )
    return {**SOUTHWARK, "pk": review.pk}


NOT_FOUND = {**everyone(404), "anonymous": LOGIN}


def _partnership(demo) -> dict:
    partnership = Partnership.objects.get(alliance=demo.southwark, name__contains="(salaried)")
    return {**SOUTHWARK, "pk": partnership.pk}


ROWS = [
    Page("itt_training:trainee-list", SOUTHWARK, MANAGERS),
    Page("itt_training:outcomes", SOUTHWARK, MANAGERS),
    Page("itt_training:mentor-training-edit", _partnership, MANAGERS),
    Page(
        "itt_training:trainee-detail",
        _trainee,
        {**NOT_FOUND, **MANAGERS, "head": 200, "teacher": 200},
    ),
    Page("itt_training:placement-add", _trainee, {**NOT_FOUND, **MANAGERS, **SEERS}),
    Page("itt_training:trainee-outcome", _trainee, {**NOT_FOUND, **MANAGERS, **SEERS}),
    Page(
        "itt_training:review-write",
        _placement_kwargs,
        {**NOT_FOUND, "itt-lead": 403, "director": 403, "head": 403, "teacher": 200},
    ),
    Page("itt_training:placement-remove", _placement_kwargs, MANAGERS_WRITE, method="post"),
    Page("itt_training:placement-change", _placement_kwargs, MANAGERS),
    Page("itt_training:trainee-central-training", _trainee, MANAGERS_WRITE, method="post"),
    Page("itt_training:partnership-central-training", _partnership, MANAGERS_WRITE, method="post"),
    Page(
        "itt_training:review-acknowledge",
        _concern,
        MANAGERS_WRITE,
        method="post",
    ),
    # A trainee's own record: the demo trainee is sent to it; nobody else has one.
    Page("itt_training:my-training", SOUTHWARK, {**NOT_FOUND, "trainee": 200}),
    # Anyone signed in: the placements they mentor now (none, for most).
    Page("itt_training:mentoring", SOUTHWARK, {**everyone(200), "anonymous": LOGIN}),
]
