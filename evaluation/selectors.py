"""Reads of feedback: the results of a session, a programme, a facilitator or a strand, and who
may see which.

Comments are shown without names to everyone who reads results, the director included: the
delegates are told so on the form, they answer more frankly for it, and the results are about
the session, not about the person (the response rate already says who was asked).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet

from alliance.permissions import AlliancePerms
from evaluation.models import (
    Answer,
    FeedbackRequest,
    FeedbackResponse,
    Question,
    QuestionKind,
    RequestKind,
)
from members.models import Person
from programmes.models import Programme, Session

SCALE_POINTS = (1, 2, 3, 4, 5)
# The newest comments shown on a results page; the counts and averages cover every answer.
COMMENTS_SHOWN = 200


@dataclass
class Scale:
    """One 1–5 question's answers: how many gave each point, and their mean."""

    label: str
    counts: dict[int, int]

    @property
    def answered(self) -> int:
        return sum(self.counts.values())

    @property
    def average(self) -> Decimal | None:
        if not self.answered:
            return None
        total = sum(point * n for point, n in self.counts.items())
        return (Decimal(total) / self.answered).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def rows(self) -> list[tuple[int, int]]:
        return [(point, self.counts.get(point, 0)) for point in SCALE_POINTS]


@dataclass
class Comments:
    label: str
    texts: list[str]


@dataclass
class Results:
    asked: int
    answered: int
    scales: list[Scale] = field(default_factory=list)
    comments: list[Comments] = field(default_factory=list)

    @property
    def response_rate(self) -> int | None:
        """Per cent of those asked who answered, rounded to a whole number."""
        if not self.asked:
            return None
        return int((Decimal(100 * self.answered) / self.asked).quantize(1, ROUND_HALF_UP))


def _point_counts(prefix: str) -> dict[str, Count]:
    return {f"{prefix}_{point}": Count("pk", filter=Q(**{prefix: point})) for point in SCALE_POINTS}


def results_for(requests: QuerySet[FeedbackRequest], *, questions: list[Question] = ()) -> Results:
    """The session feedback of ``requests``: four queries, and two more for the programme's own
    questions, however many answers there are."""
    requests = requests.filter(kind=RequestKind.SESSION)
    counts = requests.aggregate(
        asked=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
    responses = FeedbackResponse.objects.filter(request__in=requests)
    totals = responses.aggregate(**_point_counts("overall"), **_point_counts("usefulness"))
    results = Results(asked=counts["asked"], answered=counts["answered"])
    for name, label in (("overall", "Overall"), ("usefulness", "Useful for their practice")):
        results.scales.append(
            Scale(label, {point: totals[f"{name}_{point}"] for point in SCALE_POINTS})
        )
    newest = responses.order_by("-submitted_at", "-pk")
    for name, label in (
        ("will_change", "What they will change in their classroom"),
        ("anything_else", "Anything else"),
    ):
        texts = list(newest.exclude(**{name: ""}).values_list(name, flat=True)[:COMMENTS_SHOWN])
        results.comments.append(Comments(label, texts))
    if questions:
        _own_questions(results, responses, questions)
    return results


def _own_questions(results: Results, responses, questions: list[Question]) -> None:
    answers = Answer.objects.filter(response__in=responses, question__in=questions)
    scale_counts = {
        (row["question_id"], row["scale"]): row["n"]
        for row in answers.filter(scale__isnull=False)
        .values("question_id", "scale")
        .annotate(n=Count("pk"))
    }
    texts: dict[int, list[str]] = {}
    for question_id, text in (
        answers.exclude(text="").order_by("-pk").values_list("question_id", "text")
    ):
        texts.setdefault(question_id, []).append(text)
    for question in questions:
        if question.kind == QuestionKind.SCALE:
            counts = {p: scale_counts.get((question.pk, p), 0) for p in SCALE_POINTS}
            results.scales.append(Scale(question.text, counts))
        else:
            results.comments.append(
                Comments(question.text, texts.get(question.pk, [])[:COMMENTS_SHOWN])
            )


def session_results(session: Session) -> Results:
    questions = list(Question.objects.filter(programme_id=session.programme_id))
    return results_for(FeedbackRequest.objects.filter(session=session), questions=questions)


def programme_results(programme: Programme) -> Results:
    questions = list(Question.objects.filter(programme=programme))
    return results_for(FeedbackRequest.objects.filter(programme=programme), questions=questions)


def strand_results(strand_id: int, alliance_id: int) -> Results:
    return results_for(
        FeedbackRequest.objects.filter(
            programme__strand_id=strand_id, programme__alliance_id=alliance_id
        )
    )


def facilitated_programmes(*, facilitator: Person, perms: AlliancePerms) -> QuerySet[Programme]:
    """The programmes of the alliance ``facilitator`` facilitates that the asker may read the
    results of: all of them for the facilitator, the strands they manage for anyone else."""
    programmes = Programme.objects.filter(alliance=perms.alliance, facilitators=facilitator)
    if perms.person is not None and perms.person.pk == facilitator.pk:
        return programmes
    if "programme.manage_all" in perms:
        return programmes
    return programmes.filter(strand_id__in=perms.strand_ids)


def facilitator_results(programmes: QuerySet[Programme]) -> Results:
    return results_for(FeedbackRequest.objects.filter(programme__in=programmes))


@dataclass
class ProgrammeLine:
    programme: Programme
    asked: int
    answered: int
    overall: Decimal | None

    @property
    def response_rate(self) -> int | None:
        return Results(self.asked, self.answered).response_rate


def programme_lines(programmes: QuerySet[Programme]) -> list[ProgrammeLine]:
    """Each programme with its response rate and overall average, in two queries."""
    figures = {
        row["programme_id"]: row
        for row in FeedbackRequest.objects.filter(
            kind=RequestKind.SESSION, programme__in=programmes
        )
        .values("programme_id")
        .annotate(
            asked=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            overall=Avg("response__overall"),
        )
    }
    lines = []
    for programme in programmes.select_related("strand").order_by("strand__position", "title"):
        row = figures.get(programme.pk, {"asked": 0, "answered": 0, "overall": None})
        overall = row["overall"]
        lines.append(
            ProgrammeLine(
                programme,
                row["asked"],
                row["answered"],
                None
                if overall is None
                else Decimal(str(overall)).quantize(Decimal("0.1"), ROUND_HALF_UP),
            )
        )
    return lines
