"""The evaluation sections of "Download my data": what a person was asked and what they answered,
and the certificates they were issued."""

from __future__ import annotations

from typing import Any

from alliance.personal_data import Held, personal_data_left_out, personal_data_section
from evaluation.models import Answer, Certificate, FeedbackRequest, FeedbackResponse, ImpactReport


@personal_data_section(
    "feedback_answers",
    models=[
        Held(FeedbackRequest, person="person"),
        Held(FeedbackResponse, person="request__person"),
        Held(Answer, person="response__request__person"),
    ],
)
def _feedback(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    asked = (
        FeedbackRequest.objects.filter(person=person)
        .select_related("programme", "session", "response")
        .order_by("created_at", "pk")
    )
    own = {}
    for answer in Answer.objects.filter(response__request__person=person).select_related(
        "question"
    ):
        own.setdefault(answer.response_id, []).append(
            {"question": answer.question.text, "answer": answer.scale or answer.text}
        )
    rows = []
    for feedback_request in asked:
        response = getattr(feedback_request, "response", None)
        row = {
            "kind": feedback_request.get_kind_display(),
            "programme": feedback_request.programme.title,
            "session_starts_at": feedback_request.session.starts_at
            if feedback_request.session
            else None,
            "asked_at": feedback_request.created_at,
            "answered_at": feedback_request.answered_at,
        }
        if response is not None:
            row |= {
                "overall": response.overall,
                "usefulness": response.usefulness,
                "will_change": response.will_change,
                "anything_else": response.anything_else,
                "pupils_changed": response.pupils_changed,
                "own_questions": own.get(response.pk, []),
            }
        rows.append(row)
    return rows


@personal_data_section(
    "certificates",
    models=[
        Held(
            Certificate,
            person="person",
            # The holder's name, printed on the certificate and shown to whoever checks its code.
            names=("full_name",),
            kept={
                "director_name": "the director who signed it, not the holder; a certificate "
                "keeps its signatory as issued (its holder's own certificates are theirs)"
            },
        )
    ],
)
def _certificates(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    return [
        {
            "programme": certificate.programme_title,
            "first_date": certificate.first_date,
            "last_date": certificate.last_date,
            "hours": certificate.hours,
            "code": certificate.code,
            "issued_at": certificate.issued_at,
        }
        for certificate in Certificate.objects.filter(person=person).order_by("issued_at", "pk")
    ]


personal_data_left_out(
    ImpactReport,
    "The alliance's report of a year: its figures (strategic leads named among them) are "
    "computed from the records when read, so an anonymised person shows anonymised; its only "
    "person field, published_by, is the director who published it, kept to say who did: a link "
    "to their person record. The foreword is the director's own prose, kept as published.",
)
