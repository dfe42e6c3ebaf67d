"""Feedback, its questions and its results in the role × page matrix.

Results are for whoever manages the programme's strand (the CPD lead for CPD, the director for
every strand) and for a programme's facilitators, who see their sessions only: the SLE
facilitates the keep-up phonics course, the CPD lead the marking and feedback course. The
feedback form needs no sign-in: its link's token is the key."""

from django.utils import timezone

from alliance.models import AcademicYear, Alliance
from evaluation.certificates import certificates_issue
from evaluation.models import (
    Certificate,
    FeedbackRequest,
    ImpactReport,
    Question,
    QuestionKind,
    RequestKind,
    token_digest,
)
from evaluation.services import OPEN_FOR, request_token
from members.models import Organisation, Person
from programmes.models import Booking, Programme, Session
from strands.models import Strand
from tests.permission_table import LOGIN, SOUTHWARK, STEEP, Page, everyone, only

MARKING = "Marking and feedback that moves learning on"
KEEP_UP = "Teaching assistants: keep-up phonics sessions"
NETWORK = "Middle leaders' network"  # and last year's label
MANAGERS = ("director", "cpd-lead")
# The middle leaders' network is the leadership strand's.
LEADERSHIP = ("director", "leadership-lead")
# A strategic lead of any strand opens the results; they list what that lead may see.
LEADS = ("itt-lead", "leadership-lead")


def _programme(title: str):
    def kwargs(demo) -> dict:
        return {**SOUTHWARK, "pk": Programme.objects.get(title__startswith=title).pk}

    return kwargs


def _session(title: str):
    def kwargs(demo) -> dict:
        sessions = Session.objects.filter(programme__title__startswith=title)
        session = sessions.order_by("starts_at").first()
        return {**SOUTHWARK, "pk": session.pk}

    return kwargs


def _question(demo) -> dict:
    programme = Programme.objects.get(title=MARKING)
    question, _ = Question.objects.get_or_create(
        programme=programme, text="Was the gap task useful?", kind=QuestionKind.TEXT
    )
    return {**SOUTHWARK, "pk": programme.pk, "question_pk": question.pk}


def _facilitator(persona: str):
    def kwargs(demo) -> dict:
        return {**SOUTHWARK, "pk": Person.objects.get(user=demo.user(persona)).pk}

    return kwargs


def _strand(kind: str, slug: dict = SOUTHWARK):
    def kwargs(demo) -> dict:
        strand = Strand.objects.get(alliance__slug=slug["alliance_slug"], kind=kind)
        return {**slug, "pk": strand.pk}

    return kwargs


def _open_link(demo) -> dict:
    """A delegate's link, open: a Phonics place marked present this morning."""
    booking = Booking.objects.filter(session__programme__title="Phonics for new teachers").first()
    kind = RequestKind.SESSION
    token = request_token(
        kind=kind,
        booking_id=booking.pk,
        programme_id=booking.session.programme_id,
        person_id=booking.delegate_id,
    )
    FeedbackRequest.objects.get_or_create(
        kind=kind,
        booking=booking,
        defaults={
            "programme_id": booking.session.programme_id,
            "session": booking.session,
            "person_id": booking.delegate_id,
            "token_digest": token_digest(token),
            "expires_at": booking.session.starts_at + OPEN_FOR * 100,
        },
    )
    return {**SOUTHWARK, "token": token}


ROWS = [
    Page("evaluation:feedback-thanks", SOUTHWARK, expected=everyone()),
    Page("evaluation:feedback", {**SOUTHWARK, "token": "not-a-token"}, expected=everyone(404)),
    Page("evaluation:feedback", _open_link, expected=everyone()),
    Page("evaluation:question-list", _programme(MARKING), expected=only(*MANAGERS)),
    Page("evaluation:question-list", _programme(NETWORK), expected=only(*LEADERSHIP)),
    Page("evaluation:question-edit", _question, expected=only(*MANAGERS)),
    Page(
        "evaluation:question-remove",
        _question,
        expected=only(*MANAGERS, status=302),
        method="post",
    ),
    Page("evaluation:results", SOUTHWARK, expected=only(*MANAGERS, *LEADS, "sle")),
    Page("evaluation:results", STEEP, expected=only("steep-director")),
    Page("evaluation:session-results", _session(MARKING), expected=only(*MANAGERS)),
    Page("evaluation:session-results", _session(KEEP_UP), expected=only(*MANAGERS, "sle")),
    Page("evaluation:session-results", _session(NETWORK), expected=only(*LEADERSHIP)),
    Page("evaluation:programme-results", _programme(MARKING), expected=only(*MANAGERS)),
    # A facilitator sees their sessions, not the programme's whole results.
    Page("evaluation:programme-results", _programme(KEEP_UP), expected=only(*MANAGERS)),
    Page("evaluation:programme-results", _programme(NETWORK), expected=only(*LEADERSHIP)),
    Page(
        "evaluation:facilitator-results",
        _facilitator("sle"),
        expected=only(*MANAGERS, *LEADS, "sle"),
    ),
    Page(
        "evaluation:facilitator-results", _facilitator("cpd-lead"), expected=only(*MANAGERS, *LEADS)
    ),
    Page("evaluation:strand-results", _strand("cpd"), expected=only(*MANAGERS)),
    Page("evaluation:strand-results", _strand("leadership"), expected=only(*LEADERSHIP)),
    Page("evaluation:strand-results", _strand("cpd", STEEP), expected=only("steep-director")),
]

# --- Certificates and CPD records (issue 13, part 2) ---


def _demo_certificate() -> Certificate:
    """Alice Morgan of Bellenden attended the demo's one-day "Behaviour for learning"."""
    certificates_issue()
    return Certificate.objects.get(programme_title="Behaviour for learning")


def _certificate(demo) -> dict:
    return {**SOUTHWARK, "pk": _demo_certificate().pk}


def _code(demo) -> dict:
    return {"code": _demo_certificate().code}


def _bellenden_teacher(demo) -> dict:
    return {**SOUTHWARK, "pk": Person.objects.get(full_name="Alice Morgan").pk}


def _bellenden(demo) -> dict:
    return {**SOUTHWARK, "pk": Organisation.objects.get(name="Bellenden Road Primary School").pk}


ROWS += [
    Page("certificates:verify", _code, expected=everyone()),
    Page("certificates:verify", {"code": "ZZZZZ-ZZZZZ"}, expected=everyone(404)),
    # The delegate (no demo persona) and their head; nobody else, the director included.
    Page("evaluation:certificate-download", _certificate, expected=only("head")),
    # Everyone's own record; a site administrator without a person has none.
    Page(
        "evaluation:my-record",
        SOUTHWARK,
        expected={"anonymous": LOGIN, "superuser": 403},
        default=200,
    ),
    Page("evaluation:person-record", _bellenden_teacher, expected=only("head")),
    Page("evaluation:person-record-pdf", _bellenden_teacher, expected=only("head")),
    Page("evaluation:person-record-csv", _bellenden_teacher, expected=only("head")),
    Page("evaluation:school-record", _bellenden, expected=only("head")),
    Page("evaluation:school-record-csv", _bellenden, expected=only("head")),
]
# --- The impact report (issue 13, part 3) ---------------------------------------------------
# Every figure and name: the board (chair, director, board members); the director writes and
# publishes. The public version answers everyone once published, and 404 until then.
IMPACT_READERS = ("chair", "director", "board", "la-adviser")


def _last_year() -> int:
    return AcademicYear.current().start_year - 1


def impact_year(demo) -> dict:
    return {**SOUTHWARK, "start_year": _last_year()}


def unpublished_year(demo) -> dict:
    """The year before the last: the demo publishes the last year's public report."""
    return {**SOUTHWARK, "start_year": _last_year() - 1}


def published_year(demo) -> dict:
    year, _ = AcademicYear.objects.get_or_create(start_year=_last_year())
    ImpactReport.objects.update_or_create(
        alliance=Alliance.objects.get(slug="southwark"),
        academic_year=year,
        defaults={"published_at": timezone.now()},
    )
    return impact_year(demo)


ROWS += [
    Page("evaluation:impact-latest", SOUTHWARK, expected=only(*IMPACT_READERS, status=302)),
    Page(
        "evaluation:impact-latest", STEEP, expected=only("steep-director", "la-adviser", status=302)
    ),
    Page("evaluation:impact-report", impact_year, expected=only(*IMPACT_READERS)),
    Page("evaluation:impact-report-pdf", impact_year, expected=only(*IMPACT_READERS)),
    Page("evaluation:impact-foreword", impact_year, expected=only("director")),
    Page(
        "evaluation:impact-publish",
        impact_year,
        expected=only("director", status=302),
        method="post",
    ),
    Page(
        "evaluation:impact-withdraw",
        impact_year,
        expected=only("director", status=302),
        method="post",
    ),
    Page("evaluation:impact-public", unpublished_year, expected=everyone(404)),
    Page("evaluation:impact-public", published_year, expected=everyone(200)),
    Page("evaluation:impact-public-pdf", unpublished_year, expected=everyone(404)),
    Page("evaluation:impact-public-pdf", published_year, expected=everyone(200)),
]
