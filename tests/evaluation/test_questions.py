"""A programme's manager adds, changes and removes up to five questions of its own."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from alliance.permissions import perms_for
from evaluation.models import Question
from evaluation.services import question_add


def _list(programme) -> str:
    return reverse("evaluation:question-list", args=["southwark", programme.pk])


def test_the_cpd_lead_adds_five_questions_and_no_sixth(client, login, make_course):
    programme = make_course().programme
    login("cpd-lead")
    for n in range(5):
        response = client.post(_list(programme), {"text": f"Question {n}", "kind": "scale"})
        assert response.status_code == 302
    page = client.post(_list(programme), {"text": "One too many", "kind": "text"})
    assert page.status_code == 200
    assert "at most 5 questions of its own" in page.text
    assert Question.objects.filter(programme=programme).count() == 5
    assert "remove one to add another" in client.get(_list(programme)).text


def test_a_question_is_refused_without_text_or_kind_beside_the_field(client, login, make_course):
    programme = make_course().programme
    login("cpd-lead")
    page = client.post(_list(programme), {"text": "Two\nlines", "kind": "essay"})
    assert "Keep this to one line" in page.text
    assert "Select a valid choice" in page.text
    assert not Question.objects.filter(programme=programme).exists()


def test_the_cpd_lead_changes_and_removes_a_question(client, login, make_course):
    programme = make_course().programme
    question = Question.objects.create(programme=programme, kind="text", text="Old wording")
    login("cpd-lead")
    url = reverse("evaluation:question-edit", args=["southwark", programme.pk, question.pk])
    assert client.post(url, {"text": "New wording", "kind": "text"}).status_code == 302
    question.refresh_from_db()
    assert question.text == "New wording"
    remove = reverse("evaluation:question-remove", args=["southwark", programme.pk, question.pk])
    assert client.post(remove).status_code == 302
    assert not Question.objects.filter(programme=programme).exists()


def test_a_question_of_another_programme_is_not_found(client, login, make_course):
    mine, other = make_course().programme, make_course().programme
    question = Question.objects.create(programme=other, kind="text", text="Theirs")
    login("cpd-lead")
    remove = reverse("evaluation:question-remove", args=["southwark", mine.pk, question.pk])
    assert client.post(remove).status_code == 404
    assert Question.objects.filter(pk=question.pk).exists()


def test_the_service_refuses_a_lead_of_another_strand(demo, make_course):
    programme = make_course().programme
    steep_director = perms_for(demo.user("steep-director").person, demo.southwark)
    with pytest.raises(PermissionDenied):
        question_add(perms=steep_director, programme=programme, kind="text", text="Sneaky")
