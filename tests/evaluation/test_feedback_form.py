"""The delegate's form behind the emailed link: single use, closing after 14 days, 404 for a
wrong link, scales 1–5 only, the programme's own questions, and answers shown escaped."""

from __future__ import annotations

import datetime
import json

from django.urls import reverse
from django.utils import timezone

from evaluation.models import Answer, FeedbackResponse, Question
from evaluation.services import OPEN_FOR
from members.models import User


def _url(token: str, slug: str = "southwark") -> str:
    return reverse("evaluation:feedback", kwargs={"alliance_slug": slug, "token": token})


GOOD = {"overall": "4", "usefulness": "5", "will_change": "Wait longer for answers."}


def test_it_records_the_answers_once_and_then_the_link_is_gone(client, open_link):
    feedback_request, token = open_link()
    page = client.get(_url(token))
    assert page.status_code == 200
    assert "Overall, how was the session?" in page.text
    response = client.post(_url(token), GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:feedback-thanks", args=["southwark"])
    saved = FeedbackResponse.objects.get(request=feedback_request)
    assert (saved.overall, saved.usefulness, saved.will_change) == (
        4,
        5,
        "Wait longer for answers.",
    )
    assert client.post(_url(token), GOOD).status_code == 404
    assert client.get(_url(token)).status_code == 404
    assert FeedbackResponse.objects.filter(request=feedback_request).count() == 1


def test_a_wrong_link_or_another_alliances_address_answers_404(client, open_link):
    _, token = open_link()
    assert client.get(_url(token[:-1] + ("0" if token[-1] != "0" else "1"))).status_code == 404
    assert client.get(_url(token, slug="steep")).status_code == 404


def test_the_link_closes_after_fourteen_days(client, open_link):
    feedback_request, token = open_link()
    assert feedback_request.expires_at - feedback_request.created_at == OPEN_FOR
    feedback_request.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    feedback_request.save()
    assert client.get(_url(token)).status_code == 404
    assert client.post(_url(token), GOOD).status_code == 404
    assert not FeedbackResponse.objects.filter(request=feedback_request).exists()


def test_it_refuses_a_scale_outside_one_to_five_beside_the_field(client, open_link):
    feedback_request, token = open_link()
    page = client.post(_url(token), {**GOOD, "overall": "7", "usefulness": "0"})
    assert page.status_code == 200
    # Each in the summary at the top of the page and beside its field.
    assert page.text.count("Choose a number from 1 to 5.") == 4
    assert 'id="error_1_id_overall"' in page.text
    assert 'id="error_1_id_usefulness"' in page.text
    assert not FeedbackResponse.objects.filter(request=feedback_request).exists()
    feedback_request.refresh_from_db()
    assert feedback_request.answered_at is None


def test_it_asks_the_programmes_own_questions_and_keeps_their_answers(client, open_link):
    feedback_request, token = open_link()
    scale = Question.objects.create(
        programme=feedback_request.programme, kind="scale", text="How confident are you now?"
    )
    text = Question.objects.create(
        programme=feedback_request.programme, kind="text", text="Which strategy will you try?"
    )
    assert "How confident are you now?" in client.get(_url(token)).text
    refused = client.post(_url(token), {**GOOD, f"question_{scale.pk}": "9"})
    assert "Choose a number from 1 to 5." in refused.text
    client.post(
        _url(token), {**GOOD, f"question_{scale.pk}": "3", f"question_{text.pk}": "Cold calling"}
    )
    answers = {
        a.question_id: (a.scale, a.text)
        for a in Answer.objects.filter(response__request=feedback_request)
    }
    assert answers == {scale.pk: (3, ""), text.pk: (None, "Cold calling")}


def test_answers_are_shown_escaped_on_the_results(client, open_link, login):
    feedback_request, token = open_link()
    client.post(_url(token), {**GOOD, "anything_else": "<script>alert('hi')</script>"})
    login("director")
    page = client.get(
        reverse("evaluation:programme-results", args=["southwark", feedback_request.programme_id])
    )
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in page.text


def test_a_delegates_answers_are_in_their_download(client, open_link):
    feedback_request, token = open_link()
    client.post(_url(token), {**GOOD, "will_change": "Mini whiteboards"})
    person = feedback_request.person
    person.user = User.objects.create_user(email="delegate.download@example.test", password="x")
    person.save()
    client.force_login(person.user)
    data = json.loads(client.get(reverse("personal-data-download")).content)
    (answers,) = data["feedback_answers"]
    assert (answers["overall"], answers["will_change"]) == (4, "Mini whiteboards")
