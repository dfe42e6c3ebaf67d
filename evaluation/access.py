"""Fetch what a results page shows for the person asking: 404 outside their alliance, 403 (or
the sign-in page) inside it without the right.

Results are for those who manage the programme's strand (its strategic lead, the director) and
for the programme's facilitators, who see their own sessions only."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from alliance.permissions import get_for_alliance, refuse
from evaluation.models import Question
from members.models import Person
from programmes.access import get_programme_to_manage, may_manage_programmes
from programmes.models import Programme, Session
from strands.models import Strand


def facilitates(request: HttpRequest, programme: Programme) -> bool:
    person = request.perms.person
    return person is not None and any(p.pk == person.pk for p in programme.facilitators.all())


def programmes_to_evaluate(request: HttpRequest) -> QuerySet[Programme]:
    """The alliance's programmes whose results the person reads: every one for the director,
    their strand's for a strategic lead, and those they facilitate; refused if none."""
    programmes = Programme.objects.filter(alliance=request.alliance)
    if "programme.manage_all" in request.perms:
        return programmes
    person = request.perms.person
    facilitated = programmes.filter(facilitators=person) if person else programmes.none()
    if may_manage_programmes(request.perms):
        return programmes.filter(
            Q(strand_id__in=request.perms.strand_ids) | Q(pk__in=facilitated.values("pk"))
        )
    if not facilitated.exists():
        refuse(request)
    return facilitated


def get_session_to_evaluate(request: HttpRequest, pk: int) -> Session:
    session = get_for_alliance(
        Session.objects.select_related("programme__strand").prefetch_related(
            "programme__facilitators"
        ),
        request.alliance,
        pk=pk,
    )
    programme = session.programme
    if not (
        request.perms.may_manage_strand(programme.strand_id) or facilitates(request, programme)
    ):
        refuse(request)
    return session


def get_strand_to_evaluate(request: HttpRequest, pk: int) -> Strand:
    strand = get_for_alliance(Strand.objects.all(), request.alliance, pk=pk)
    if not request.perms.may_manage_strand(strand.pk):
        refuse(request)
    return strand


def get_facilitator_to_evaluate(request: HttpRequest, pk: int) -> Person:
    """A facilitator of the alliance's programmes: themselves, or for those who manage
    programmes (each sees the facilitator's work in the strands they manage)."""
    person = request.perms.person
    is_self = person is not None and person.pk == pk
    if not (is_self or may_manage_programmes(request.perms)):
        refuse(request)
    found = (
        Person.objects.filter(pk=pk, programmes_facilitated__alliance=request.alliance)
        .distinct()
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_question_to_manage(request: HttpRequest, pk: int, question_pk: int) -> Question:
    programme = get_programme_to_manage(request, pk)
    question = Question.objects.filter(programme=programme, pk=question_pk).first()
    if question is None:
        raise Http404
    question.programme = programme
    return question
