from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from alliance.permissions import alliance_page, object_page, signed_in
from alliance.throttle import throttled
from evaluation import access, selectors, services
from evaluation.charts import scale_chart
from evaluation.forms import FeedbackForm, FollowUpForm, QuestionForm
from evaluation.models import MAX_OWN_QUESTIONS, Question, RequestKind
from members.models import Person
from programmes.access import get_programme_to_manage
from programmes.models import Programme, Session
from strands.models import Strand

# --- the delegate's form (no sign-in: the link's token) ------------------------------------


def _open_request(request: HttpRequest, token: str):
    try:
        found = services.feedback_request_open(token)
    except services.FeedbackClosed as exc:
        raise Http404 from exc
    if found.programme.alliance_id != request.alliance.pk:
        raise Http404
    return found


@throttled("feedback-link")
@require_http_methods(["GET", "POST"])
@alliance_page
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    """Where the link in a feedback email lands; wrong, used or closed links answer 404."""
    feedback_request = _open_request(request, token)
    if feedback_request.kind == RequestKind.FOLLOW_UP:
        form = FollowUpForm(request.POST or None)
    else:
        questions = Question.objects.filter(programme_id=feedback_request.programme_id)
        form = FeedbackForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(token=token, answers=form.answers())
        except services.FeedbackClosed as exc:
            raise Http404 from exc
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("evaluation:feedback-thanks", alliance_slug=request.alliance.slug)
    context = {"feedback_request": feedback_request, "form": form}
    return render(request, "evaluation/feedback_form.html", context)


@require_GET
@alliance_page
def feedback_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluation/feedback_thanks.html")


# --- the programme's own questions ---------------------------------------------------------


@object_page(get_programme_to_manage)
@require_http_methods(["GET", "POST"])
def question_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    """The programme's own questions, and the form to add one (five at most)."""
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(perms=request.perms, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Question added.")
            return redirect("evaluation:question-list", request.alliance.slug, programme.pk)
    questions = list(Question.objects.filter(programme=programme))
    context = {
        "programme": programme,
        "questions": questions,
        "form": form,
        "room": len(questions) < MAX_OWN_QUESTIONS,
        "max_questions": MAX_OWN_QUESTIONS,
    }
    return render(request, "evaluation/question_list.html", context)


@alliance_page
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = access.get_question_to_manage(request, pk, question_pk)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    # The form edits a copy, so that a refused change leaves the question as it was.
    copy = Question(kind=question.kind, text=question.text, programme=question.programme)
    form = QuestionForm(request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_edit(perms=request.perms, question=question, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Question changed.")
            return redirect("evaluation:question-list", request.alliance.slug, pk)
    context = {"question": question, "programme": question.programme, "form": form}
    return render(request, "evaluation/question_form.html", context)


@alliance_page
def question_remove(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = access.get_question_to_manage(request, pk, question_pk)
    # Asked only now: whoever may not remove it is refused whatever the method.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.question_remove(perms=request.perms, question=question)
    messages.success(request, f"Removed the question “{question.text}”.")
    return redirect("evaluation:question-list", request.alliance.slug, pk)


# --- results -------------------------------------------------------------------------------


def _charted(results: selectors.Results) -> selectors.Results:
    for scale in results.scales:
        scale.chart = scale_chart(scale) if scale.answered else ""
    return results


@signed_in
def results_overview(request: HttpRequest) -> HttpResponse:
    """The programmes whose feedback the person may read: those of the strands they manage,
    and those they facilitate."""
    programmes = access.programmes_to_evaluate(request)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    # Programmes nobody has been asked about yet (this year's, still to run) would bury the rest.
    lines = [line for line in selectors.programme_lines(programmes) if line.asked]
    context = {
        "lines": lines,
        "strands": Strand.objects.filter(alliance=request.alliance).order_by("position"),
        "person": request.perms.person,
    }
    return render(request, "evaluation/results_overview.html", context)


@object_page(access.get_session_to_evaluate)
@require_GET
def session_results(request: HttpRequest, session: Session) -> HttpResponse:
    context = {
        "title": f"{session.programme.title}, {session.starts_at:%-d %B %Y}",
        "session": session,
        "results": _charted(selectors.session_results(session)),
    }
    return render(request, "evaluation/results.html", context)


@object_page(get_programme_to_manage)
@require_GET
def programme_results(request: HttpRequest, programme: Programme) -> HttpResponse:
    sessions = Session.objects.filter(programme=programme).order_by("starts_at")
    context = {
        "title": programme.title,
        "programme": programme,
        "sessions": sessions,
        "results": _charted(selectors.programme_results(programme)),
    }
    return render(request, "evaluation/results.html", context)


@object_page(access.get_facilitator_to_evaluate)
@require_GET
def facilitator_results(request: HttpRequest, facilitator: Person) -> HttpResponse:
    programmes = selectors.facilitated_programmes(facilitator=facilitator, perms=request.perms)
    context = {
        "title": f"Sessions facilitated by {facilitator.full_name}",
        "results": _charted(selectors.facilitator_results(programmes)),
        "lines": selectors.programme_lines(programmes),
    }
    return render(request, "evaluation/results.html", context)


@object_page(access.get_strand_to_evaluate)
@require_GET
def strand_results(request: HttpRequest, strand: Strand) -> HttpResponse:
    programmes = Programme.objects.filter(alliance=request.alliance, strand=strand)
    context = {
        "title": f"{strand.name} strand",
        "results": _charted(selectors.strand_results(strand.pk, request.alliance.pk)),
        "lines": selectors.programme_lines(programmes),
    }
    return render(request, "evaluation/results.html", context)
