"""CPD records: a person's (for themselves and their head) and a school's (for its head), each
as a page and a download."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliance.exports import csv_response
from alliance.pdf import pdf_response
from alliance.permissions import object_page, person_of, refuse, signed_in
from evaluation.records import person_record, school_record, school_record_rows
from members.models import Organisation, Person


def get_person_for_record(request: HttpRequest, pk: int) -> Person:
    """Oneself, or a member of staff of a school the person heads today."""
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    me = person_of(request.user)
    if me is None or (me.pk != person.pk and not request.perms.heads(person.organisation_id)):
        refuse(request)
    return person


def get_school_for_record(request: HttpRequest, pk: int) -> Organisation:
    """A school the person heads today."""
    school = get_object_or_404(Organisation, pk=pk)
    if not request.user.is_authenticated or not request.perms.heads(school.pk):
        refuse(request)
    return school


person_record_page = object_page(get_person_for_record)
school_record_page = object_page(get_school_for_record)


@signed_in
def my_cpd_record(request: HttpRequest) -> HttpResponse:
    if person_of(request.user) is None:  # a site administrator without a person has no record
        refuse(request)
    return _to_own_record(request)


@require_GET
def _to_own_record(request: HttpRequest) -> HttpResponse:
    me = person_of(request.user)
    return redirect("evaluation:person-record", alliance_slug=request.alliance.slug, pk=me.pk)


def _person_context(request: HttpRequest, person: Person) -> dict:
    record = person_record(person=person, alliance=request.alliance)
    return {"record": record, "person": person, "today": timezone.localdate()}


@person_record_page
@require_GET
def person_record_view(request: HttpRequest, person: Person) -> HttpResponse:
    return render(request, "evaluation/person_record.html", _person_context(request, person))


@person_record_page
@require_GET
def person_record_pdf(request: HttpRequest, person: Person) -> HttpResponse:
    context = _person_context(request, person)
    return pdf_response(
        request,
        "evaluation/person_record_pdf.html",
        context,
        filename=f"cpd-record-{person.pk}.pdf",
        disposition="attachment",
    )


@person_record_page
@require_GET
def person_record_csv(request: HttpRequest, person: Person) -> HttpResponse:
    record = person_record(person=person, alliance=request.alliance)
    header = ["Programme", "Strand", "Session", "Hours", "Feedback", "Certificate"]
    rows = (
        [
            entry.programme.title,
            entry.programme.strand.name,
            timezone.localdate(booking.session.starts_at).isoformat(),
            booking.hours,
            _feedback_label(booking),
            entry.certificate.code if entry.certificate else "",
        ]
        for entry, booking in record.rows()
    )
    return csv_response(f"cpd-record-{person.pk}.csv", header, rows)


def _feedback_label(booking) -> str:
    if booking.feedback_given:
        return "Given"
    return "Not given" if booking.feedback_asked else "Not asked"


@school_record_page
@require_GET
def school_record_view(request: HttpRequest, school: Organisation) -> HttpResponse:
    record = school_record(school=school, alliance=request.alliance)
    return render(request, "evaluation/school_record.html", {"record": record, "school": school})


@school_record_page
@require_GET
def school_record_csv(request: HttpRequest, school: Organisation) -> HttpResponse:
    header = ["Person", "Programme", "Strand", "Session", "Attendance", "Hours", "Price", "Due"]
    rows = school_record_rows(school=school, alliance=request.alliance)
    return csv_response(f"cpd-{school.pk}.csv", header, rows)
