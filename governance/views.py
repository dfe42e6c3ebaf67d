"""Pages for meetings, minutes and the action log. Rules live in the services and selectors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.pdf import pdf_response
from alliance.permissions import alliance_page, object_page, requires
from governance import services
from governance.access import (
    get_action_for,
    get_action_to_complete,
    get_meeting_for,
    get_meeting_to_read,
    get_paper_to_read,
)
from governance.forms import (
    ActionDoneForm,
    ActionFilterForm,
    ActionForm,
    AgendaItemForm,
    ArchiveForm,
    AttendanceForm,
    CorrectionForm,
    MeetingForm,
    MinutesEntryForm,
    PaperForm,
    ReplyForm,
)
from governance.models import Action, Invitee, Meeting, MinutesEntry, MinutesState, Paper
from governance.selectors import (
    action_owners_for,
    actions_for,
    agenda_for,
    attendance_for,
    entries_for,
    may_read,
    meetings_for,
    minutes_for,
    record_lock_for,
)

# A page of one meeting: 404 outside the alliance, sign-in or 403 for those who may not read it
# (the meeting's visibility decides).
meeting_page = object_page(get_meeting_to_read)


def _to_minutes(meeting: Meeting) -> HttpResponse:
    return redirect("governance:minutes-detail", alliance_slug=meeting.alliance.slug, pk=meeting.pk)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


# --- Meetings ---------------------------------------------------------------------------------


@require_GET
@alliance_page
def meeting_list(request: HttpRequest) -> HttpResponse:
    form = ArchiveForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    meetings = meetings_for(
        perms=request.perms,
        year=filters.get("year"),
        kind=filters.get("kind", ""),
        query=filters.get("q", "").strip(),
    )
    return render(request, "governance/meeting_list.html", {"form": form, "meetings": meetings})


@requires("meeting.call")
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_call(
                actor=request.user,
                meeting=form.save(commit=False),
                also_invite=form.cleaned_data["also_invite"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Meeting called. Now add the agenda, then send invitations.")
            return redirect(meeting)
    return render(request, "governance/meeting_form.html", {"form": form})


@requires("meeting.call")
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    form = MeetingForm(request.POST or None, instance=meeting, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=request.user, meeting=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Meeting saved. Send the invitations again if it moved.")
            return redirect(meeting)
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": meeting})


@meeting_page
@require_GET
def meeting_detail(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    person = request.perms.person
    mine = meeting.invitees.filter(person=person).first() if person else None
    context = {
        "meeting": meeting,
        "agenda": agenda_for(meeting=meeting, perms=request.perms),
        "invitees": meeting.invitees.select_related("person__organisation"),
        "my_invitation": mine,
        "reply_form": ReplyForm(initial={"reply": mine.reply}) if mine else None,
        "minutes": minutes_for(meeting=meeting, perms=request.perms),
        "record": record_lock_for(meeting=meeting),
    }
    return render(request, "governance/meeting_detail.html", context)


@meeting_page
@require_GET
def meeting_ics(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    url = request.build_absolute_uri(meeting.get_absolute_url())
    response = HttpResponse(services.meeting_ics(meeting=meeting, url=url), "text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@requires("meeting.call")
@require_http_methods(["GET", "POST"])
def agenda_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    form = AgendaItemForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            item = form.save(commit=False)
            services.agenda_item_add(actor=request.user, meeting=meeting, item=item)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{item.title}” added to the agenda.")
            return redirect(meeting)
    context = {"form": form, "meeting": meeting, "record": record_lock_for(meeting=meeting)}
    return render(request, "governance/agenda_item_form.html", context)


@requires("meeting.call")
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(actor=request.user, item=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{item.title}” saved.")
            return redirect(meeting)
    context = {"form": form, "meeting": meeting}
    return render(request, "governance/agenda_item_form.html", context)


@requires("meeting.call")
@require_http_methods(["GET", "POST"])
def paper_upload(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    form = PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_upload(
                actor=request.user,
                agenda_item=item,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error(None, error)  # a dict error lands on its field
        else:
            messages.success(request, "Paper uploaded.")
            return redirect(meeting)
    record = record_lock_for(meeting=meeting)
    context = {"form": form, "meeting": meeting, "item": item, "record": record}
    return render(request, "governance/paper_form.html", context)


@object_page(get_paper_to_read, key="paper_pk")
@require_GET
def paper_download(request: HttpRequest, paper: Paper) -> HttpResponse:
    if not paper.file.storage.exists(paper.file.name):
        raise Http404("The file of this paper is missing.")
    return FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=paper.original_name,
        content_type=services.paper_content_type(paper.original_name),
    )


@requires("meeting.call")
@require_POST
def invitations_send(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    sent = services.invitations_send(
        actor=request.user, meeting=meeting, base_url=_base_url(request)
    )
    messages.success(request, f"Invitations sent to {sent} people.")
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
@alliance_page
def rsvp(request: HttpRequest, token: str) -> HttpResponse:
    """Where the link in an invitation lands: attending or apologies, no sign-in needed."""
    invitee = get_object_or_404(
        Invitee.objects.select_related("meeting", "person"),
        token=token,
        meeting__alliance=request.alliance,
    )
    form = ReplyForm(request.POST or None, initial={"reply": invitee.reply})
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_reply(token=token, reply=form.cleaned_data["reply"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Thank you: your reply is recorded.")
            readable = may_read(request.perms, invitee.meeting.visibility)
            return redirect(invitee.meeting if readable else request.path)
    return render(request, "governance/rsvp.html", {"invitee": invitee, "form": form})


@requires("meeting.record_attendance")
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        present = {invitee.pk for invitee in form.cleaned_data["present"]}
        try:
            services.attendance_record(actor=request.user, meeting=meeting, present_ids=present)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Attendance recorded.")
            return redirect(meeting)
    context = {"form": form, "meeting": meeting, "record": record_lock_for(meeting=meeting)}
    return render(request, "governance/attendance_form.html", context)


# --- Minutes ----------------------------------------------------------------------------------


def _minutes_context(request: HttpRequest, meeting: Meeting, minutes) -> dict[str, Any]:
    if minutes is None:
        raise Http404("These minutes have not been published.")
    return {
        "meeting": meeting,
        "minutes": minutes,
        "entries": entries_for(minutes=minutes, perms=request.perms),
        "attendance": attendance_for(minutes=minutes),
    }


@meeting_page
@require_GET
def minutes_detail(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    context = _minutes_context(request, meeting, minutes_for(meeting=meeting, perms=request.perms))
    if "minutes.view_drafts" in request.perms:
        context["events"] = context["minutes"].events.select_related("actor__person")
        context["revisions"] = meeting.minutes.order_by("-revision")
        context["editable"] = context["minutes"].is_editable and "minutes.draft" in request.perms
        context["submitted_by_me"] = (
            context["minutes"].state == MinutesState.SUBMITTED
            and context["minutes"].submitted_by_id() == request.user.pk
        )
    return render(request, "governance/minutes_detail.html", context)


@requires("minutes.view_drafts")
@require_GET
def minutes_revision(request: HttpRequest, pk: int, revision: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    minutes = get_object_or_404(meeting.minutes, revision=revision)
    context = _minutes_context(request, meeting, minutes)
    context["events"] = minutes.events.select_related("actor__person")
    context["revisions"] = meeting.minutes.order_by("-revision")
    return render(request, "governance/minutes_detail.html", context)


@meeting_page
@require_GET
def minutes_print(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    context = _minutes_context(request, meeting, minutes_for(meeting=meeting, perms=request.perms))
    return render(request, "governance/minutes_print.html", context)


@meeting_page
@require_GET
def minutes_pdf(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    context = _minutes_context(request, meeting, minutes_for(meeting=meeting, perms=request.perms))
    return pdf_response(
        request, "governance/minutes_pdf.html", context, filename=f"minutes-{meeting.pk}.pdf"
    )


@requires("minutes.draft")
@require_POST
def minutes_start(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    try:
        services.minutes_start(actor=request.user, meeting=meeting)
    except ValidationError as error:
        # Back to the meeting: its minutes page does not exist until they are started.
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    return _to_minutes(meeting)


def _entry(request: HttpRequest, pk: int, entry_pk: int) -> MinutesEntry:
    meeting = get_meeting_for(request, pk)
    return get_object_or_404(
        MinutesEntry.objects.select_related("minutes__meeting__alliance", "agenda_item"),
        pk=entry_pk,
        minutes__meeting=meeting,
    )


def _entry_page(request: HttpRequest, entry: MinutesEntry, entry_form=None, action_form=None):
    meeting = entry.minutes.meeting
    keys = {"alliance_slug": meeting.alliance.slug, "pk": meeting.pk, "entry_pk": entry.pk}
    action_url = reverse("governance:action-create", kwargs=keys)
    context = {
        "meeting": meeting,
        "entry": entry,
        "actions": entry.actions.select_related("owner"),
        "form": entry_form or MinutesEntryForm(instance=entry),
        "action_form": action_form or ActionForm(alliance=meeting.alliance, action=action_url),
        "refusal": entry.minutes.edit_refusal(),
    }
    return render(request, "governance/minutes_entry_form.html", context)


@requires("minutes.draft")
@require_http_methods(["GET", "POST"])
def minutes_entry_edit(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = _entry(request, pk, entry_pk)
    form = MinutesEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_entry_update(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Minutes of “{entry.agenda_item.title}” saved.")
            return _to_minutes(entry.minutes.meeting)
    return _entry_page(request, entry, entry_form=form)


@requires("minutes.draft")
@require_POST
def action_create(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = _entry(request, pk, entry_pk)
    form = ActionForm(request.POST, alliance=request.alliance, action=request.path)
    if form.is_valid():
        try:
            services.action_add(actor=request.user, entry=entry, action=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Action added.")
            return redirect(
                "governance:minutes-entry-edit",
                alliance_slug=request.alliance.slug,
                pk=pk,
                entry_pk=entry_pk,
            )
    return _entry_page(request, entry, action_form=form)


@requires("minutes.draft")
@require_POST
def action_remove(request: HttpRequest, action_pk: int) -> HttpResponse:
    action = get_action_for(request, action_pk)
    try:
        services.action_remove(actor=request.user, action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Action removed.")
    return _to_minutes(action.entry.minutes.meeting)


def _minutes_step(perm: str, step: Callable[..., Any], done: str, needs_url: bool = False):
    """A POST that moves the meeting's latest minutes one step through the workflow."""

    @requires(perm)
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        meeting = get_meeting_for(request, pk)
        minutes = meeting.minutes.order_by("-revision").first()
        if minutes is None:
            raise Http404("There are no minutes yet.")
        extra = {"base_url": _base_url(request)} if needs_url else {}
        try:
            step(actor=request.user, minutes=minutes, **extra)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return _to_minutes(meeting)

    return view


minutes_submit = _minutes_step(
    "minutes.draft", services.minutes_submit, "Minutes submitted to the chair for approval."
)
minutes_return = _minutes_step(
    "minutes.approve", services.minutes_return, "Minutes returned to the administrator."
)
minutes_approve = _minutes_step("minutes.approve", services.minutes_approve, "Minutes approved.")
minutes_publish = _minutes_step(
    "minutes.publish",
    services.minutes_publish,
    "Minutes published; the meeting’s audience will be told by email.",
    needs_url=True,
)


@requires("minutes.publish")
@require_http_methods(["GET", "POST"])
def minutes_correct(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    published = get_object_or_404(meeting.minutes, state=MinutesState.PUBLISHED)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_correct(
                actor=request.user, minutes=published, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Correction started as a new draft revision.")
            return _to_minutes(meeting)
    context = {"form": form, "meeting": meeting, "minutes": published}
    return render(request, "governance/minutes_correct.html", context)


# --- Actions ----------------------------------------------------------------------------------


@require_GET
@alliance_page
def action_list(request: HttpRequest) -> HttpResponse:
    form = ActionFilterForm(request.GET or None, owners=action_owners_for(perms=request.perms))
    filters = form.cleaned_data if form.is_valid() else {}
    owner = filters.get("owner")
    actions = actions_for(
        perms=request.perms, owner_id=owner.pk if owner else None, status=filters.get("status", "")
    )
    return render(request, "governance/action_list.html", {"form": form, "actions": actions})


@object_page(get_action_to_complete, key="action_pk")
@require_http_methods(["GET", "POST"])
def action_done(request: HttpRequest, action: Action) -> HttpResponse:
    form = ActionDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            note = form.cleaned_data["done_note"]
            services.action_complete(actor=request.user, action=action, note=note)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{action.description}” marked done.")
            return redirect("alliance:role-home", alliance_slug=request.alliance.slug)
    return render(request, "governance/action_done.html", {"form": form, "action": action})
