"""The leadership pipeline in the role × page matrix (issue 15).

The pool, its participants and outcomes are the leadership strand lead's and the director's; the
pipeline's figures also the board's (the chair and the board member). A nomination is private:
the demo teacher's, made by the demo head, is seen by the two of them, the leadership lead and
the director; everyone else signed in is told it does not exist (404), and only the teacher
answers it."""

from leadership.models import Nomination
from members.models import Person
from tests.permission_table import LOGIN, SOUTHWARK, Page, everyone, only

MANAGERS = ("director", "leadership-lead")
FIGURES = ("director", "leadership-lead", "chair", "board", "la-adviser")  # + board members
HEADS = ("head", "chair")  # the chair is also Charles Dickens Primary's head
SEES_NOMINATION = ("head", "teacher", "director", "leadership-lead")


def _teachers_nomination(demo) -> dict:
    nomination = Nomination.objects.get(person__user__email="teacher@demo.test")
    return {**SOUTHWARK, "pk": nomination.pk}


def _teacher(demo) -> dict:
    return {**SOUTHWARK, "pk": Person.objects.get(user__email="teacher@demo.test").pk}


def _private(status_for_viewers: dict[str, int]) -> dict[str, int | str]:
    hidden = {persona: 404 for persona in everyone()}
    return {**hidden, **status_for_viewers, "anonymous": LOGIN}


ROWS = [
    Page("leadership:pipeline", SOUTHWARK, expected=only(*FIGURES)),
    Page("leadership:pool", SOUTHWARK, expected=only(*MANAGERS)),
    Page("leadership:participants", SOUTHWARK, expected=only(*MANAGERS)),
    # Anyone signed in with a person sees their own nominations (often none).
    Page(
        "leadership:nomination-list",
        SOUTHWARK,
        expected={"anonymous": LOGIN, "superuser": 403},
        default=200,
    ),
    Page("leadership:nomination-create", SOUTHWARK, expected=only(*HEADS)),
    Page(
        "leadership:nomination-detail",
        _teachers_nomination,
        expected=_private(only(*SEES_NOMINATION)),
    ),
    # Writes, as the booking and enrolment actions: asked after the method (405 to a GET),
    # and not there (404) for whoever may not make them; only the teacher answers, only the
    # lead and the director invite (here the form's error: she has not agreed yet).
    Page(
        "leadership:nomination-agree",
        _teachers_nomination,
        method="post",
        expected={"anonymous": LOGIN, "teacher": 302},
        default=404,
    ),
    Page(
        "leadership:nomination-decline",
        _teachers_nomination,
        method="post",
        expected={"anonymous": LOGIN, "teacher": 302},
        default=404,
    ),
    Page(
        "leadership:nomination-invite",
        _teachers_nomination,
        method="post",
        expected={"anonymous": LOGIN, **only(*MANAGERS)},
        default=404,
    ),
    # A person's outcomes: themselves, the leadership lead and the director.
    Page(
        "leadership:person-outcomes",
        _teacher,
        expected=only("teacher", *MANAGERS),
    ),
]
