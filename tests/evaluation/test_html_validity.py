"""The feedback form and the results pages are valid HTML (Nu HTML checker, as for the rest)."""

from __future__ import annotations

import pytest

import tests.test_html_validity as html_validity
from evaluation.models import FeedbackRequest, Question
from evaluation.services import feedback_requests_create, token_of
from members.models import Person
from programmes.models import Booking, Programme, Session
from strands.models import Strand

pytestmark = pytest.mark.django_db


def test_it_serves_valid_html_on_evaluation_pages(tmp_path, login, monkeypatch, demo):
    marking = Programme.objects.get(title="Marking and feedback that moves learning on")
    question = Question.objects.filter(programme=marking).first()
    session = Session.objects.filter(programme=marking).earliest("starts_at")
    phonics = Booking.objects.filter(session__programme__title="Phonics for new teachers").first()
    feedback_requests_create(session=phonics.session, attended=[phonics])
    token = token_of(FeedbackRequest.objects.get(booking=phonics))
    sle = Person.objects.get(user=demo.user("sle"))
    cpd = Strand.objects.get(alliance=demo.southwark, kind="cpd")
    base = "/southwark/evaluation"
    pages = [
        ("anonymous", f"{base}/feedback/{token}/"),
        ("anonymous", f"{base}/feedback/thanks/"),
        ("cpd-lead", f"{base}/programmes/{marking.pk}/questions/"),
        ("cpd-lead", f"{base}/programmes/{marking.pk}/questions/{question.pk}/"),
        ("director", f"{base}/results/"),
        ("director", f"{base}/results/programmes/{marking.pk}/"),
        ("cpd-lead", f"{base}/results/sessions/{session.pk}/"),
        ("sle", f"{base}/results/facilitators/{sle.pk}/"),
        ("director", f"{base}/results/strands/{cpd.pk}/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    html_validity.test_it_serves_valid_html(tmp_path, login)
