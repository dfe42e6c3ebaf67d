"""The results arithmetic on a hand-made case, who sees which results, and constant queries."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from evaluation.models import Answer, FeedbackRequest, FeedbackResponse, Question
from evaluation.selectors import programme_results, session_results
from evaluation.services import feedback_requests_create
from programmes.models import Booking


def _ask_everyone(course, session):
    feedback_requests_create(
        session=session, attended=list(Booking.objects.filter(session=session))
    )
    return list(FeedbackRequest.objects.filter(session=session).order_by("booking__delegate"))


def _answer(feedback_request, overall, usefulness, **texts):
    response = FeedbackResponse.objects.create(
        request=feedback_request, overall=overall, usefulness=usefulness, **texts
    )
    feedback_request.answered_at = response.submitted_at
    feedback_request.save()
    return response


def test_it_counts_rate_averages_and_distribution_of_a_hand_made_case(make_course):
    course = make_course(sessions=2, delegates=4)
    first, second = course.sessions
    asked = _ask_everyone(course, first) + _ask_everyone(course, second)
    confidence = Question.objects.create(programme=course.programme, kind="scale", text="Sure?")
    # First session: three of four answer; overall 5, 4, 4; usefulness 3, 3, 5.
    r1 = _answer(asked[0], 5, 3, will_change="Cold calling")
    _answer(asked[1], 4, 3)
    _answer(asked[2], 4, 5, anything_else="Too warm")
    Answer.objects.create(response=r1, question=confidence, scale=2)
    # Second session: one of four answers; overall 1, usefulness 2.
    _answer(asked[4], 1, 2)

    session = session_results(first)
    assert (session.asked, session.answered, session.response_rate) == (4, 3, 75)
    overall, usefulness, own = session.scales
    assert overall.average == Decimal("4.3")  # 13 / 3
    assert overall.rows == [(1, 0), (2, 0), (3, 0), (4, 2), (5, 1)]
    assert usefulness.average == Decimal("3.7")  # 11 / 3
    assert (own.label, own.rows[1], own.answered) == ("Sure?", (2, 1), 1)
    assert session.comments[0].texts == ["Cold calling"]
    assert session.comments[1].texts == ["Too warm"]

    programme = programme_results(course.programme)
    assert (programme.asked, programme.answered, programme.response_rate) == (8, 4, 50)
    assert programme.scales[0].average == Decimal("3.5")  # 14 / 4
    assert programme.scales[1].average == Decimal("3.3")  # 13 / 4, rounded half up


def test_the_page_shows_the_figures_the_chart_and_its_table(client, login, make_course):
    course = make_course(delegates=4)
    asked = _ask_everyone(course, course.sessions[0])
    _answer(asked[0], 5, 4)
    _answer(asked[1], 3, 4)
    login("cpd-lead")
    page = client.get(
        reverse("evaluation:session-results", args=["southwark", course.sessions[0].pk])
    )
    assert page.status_code == 200
    assert "50%" in page.text
    assert "Overall: 4.0 of 5" in page.text
    assert 'src="data:image/svg+xml;' in page.text
    assert "Overall: how many answered each point (2 in all)" in page.text
    # No delegate's name beside their answers.
    assert course.delegates[0].full_name not in page.text


def test_a_facilitator_sees_the_sessions_they_facilitate_and_not_others(
    client, login, make_course, demo
):
    mine, other = make_course(), make_course()
    mine.programme.facilitators.add(demo.user("sle").person)
    for course in (mine, other):
        _ask_everyone(course, course.sessions[0])
    login("sle")
    url = "evaluation:session-results"
    assert client.get(reverse(url, args=["southwark", mine.sessions[0].pk])).status_code == 200
    assert client.get(reverse(url, args=["southwark", other.sessions[0].pk])).status_code == 403
    overview = client.get(reverse("evaluation:results", args=["southwark"]))
    assert mine.programme.title in overview.text
    assert other.programme.title not in overview.text


def test_the_results_pages_ask_as_many_queries_with_more_answers(
    client, login, make_course, django_assert_max_num_queries
):
    course = make_course(delegates=3)
    Question.objects.create(programme=course.programme, kind="text", text="Which strategy?")
    login("director")
    pages = [
        reverse("evaluation:results", args=["southwark"]),
        reverse("evaluation:programme-results", args=["southwark", course.programme.pk]),
        reverse("evaluation:session-results", args=["southwark", course.sessions[0].pk]),
    ]
    for url in pages:  # warm the per-process caches (alliance, sessions)
        client.get(url)
    counts = {}
    for url in pages:
        with django_assert_max_num_queries(30) as captured:
            client.get(url)
        counts[url] = len(captured)
    bigger = make_course(delegates=12)
    for n, feedback_request in enumerate(_ask_everyone(bigger, bigger.sessions[0])):
        _answer(feedback_request, 1 + n % 5, 1 + n % 5, will_change=f"Idea {n}")
    bigger_pages = {
        pages[0]: pages[0],
        pages[1]: reverse("evaluation:programme-results", args=["southwark", bigger.programme.pk]),
        pages[2]: reverse("evaluation:session-results", args=["southwark", bigger.sessions[0].pk]),
    }
    for url, same_page in bigger_pages.items():
        with django_assert_max_num_queries(counts[url]):
            assert client.get(same_page).status_code == 200
