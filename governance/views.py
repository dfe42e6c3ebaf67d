"""Pages for meetings, minutes and the action log. Rules live in the services and selectors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.documents import document_response
from alliance.pdf import pdf_response
from alliance.permissions import alliance_page, object_page, requires
from alliance.throttle import throttled
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
    CancelForm,
    CorrectionForm,
    InvitationForm,
    MeetingForm,
    MinutesEntryForm,
    PaperForm,
    ReplyForm,
    ReturnForm,
)
from governance.models import (
    Action,
    Invitee,
    Meeting,
    Minutes,
    MinutesEntry,
    MinutesState,
    Paper,
)
from governance.selectors import (
    action_owners_for,
    actions_for,
    agenda_for,
    attendance_for,
    cancellation_emails_for,
    entries_for,
    invitations_passed_by,
    matters_arising_for,
    may_read,
    meetings_for,
    minutes_for,
    publication_preview_for,
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
            services.meeting_update(
                actor=request.user, meeting=form.save(commit=False), base_url=_base_url(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Meeting saved; if it moved, those invited are emailed.")
            return redirect(meeting)
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": meeting})


@requires("meeting.call")
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancelling asks first, on its own page: why, and who will be emailed."""
    meeting = get_meeting_for(request, pk)
    emailed = cancellation_emails_for(meeting=meeting)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancelled = services.meeting_cancel(
                actor=request.user,
                meeting=meeting,
                reason=form.cleaned_data["reason"],
                base_url=_base_url(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if cancelled:
                people = f"{len(emailed)} {pluralize(len(emailed), 'person,people')}"
                messages.success(request, f"Meeting cancelled; {people} will be emailed.")
            else:
                messages.info(request, "This meeting was already cancelled.")
            return redirect(meeting)
    context = {
        "form": form,
        "meeting": meeting,
        "emailed": emailed,
        "minuted": meeting.minutes.exclude(state=MinutesState.DRAFT).exists(),
    }
    return render(request, "governance/meeting_cancel.html", context)


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
        "matters_arising": matters_arising_for(meeting=meeting, perms=request.perms),
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
    return document_response(paper.file, paper.original_name)


@requires("meeting.call")
@require_POST
def invitations_send(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    form = InvitationForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, "That person is not invited to this meeting.")
        return redirect(meeting)
    chosen = form.cleaned_data["invitee"]
    passed_by = [] if chosen else invitations_passed_by(meeting=meeting)
    sent = services.invitations_send(
        actor=request.user, meeting=meeting, base_url=_base_url(request), invitee=chosen
    )
    messages.success(request, f"Invitations sent to {sent} {pluralize(sent, 'person,people')}.")
    if passed_by:
        names = "; ".join(f"{i.person.full_name} ({i.invitation_refusal})" for i in passed_by)
        messages.warning(
            request, f"Not sent to {names}. The invitees below show how to send them one."
        )
    return redirect(meeting)


@throttled("meeting-reply-link")
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
        context["returned"] = context["minutes"].return_event()
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
        request, "governance/minutes_pdf.html", context, filename=f"{meeting.file_stem}-minutes.pdf"
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


def _entry_url(entry: MinutesEntry) -> str:
    meeting = entry.minutes.meeting
    keys = {"alliance_slug": meeting.alliance.slug, "pk": meeting.pk, "entry_pk": entry.pk}
    return reverse("governance:minutes-entry-edit", kwargs=keys)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _entry_page(
    request: HttpRequest,
    entry: MinutesEntry,
    entry_form: MinutesEntryForm | None = None,
    action_form: ActionForm | None = None,
    partial: str = "",
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The minutes of one agenda item as one form: notes, decisions and the actions, added in
    place; ``partial`` answers an htmx request with just the part that changed."""
    meeting = entry.minutes.meeting
    keys = {"alliance_slug": meeting.alliance.slug, "pk": meeting.pk, "entry_pk": entry.pk}
    edit_url = _entry_url(entry)
    context = {
        "meeting": meeting,
        "entry": entry,
        "actions": entry.actions.select_related("owner"),
        "form": entry_form or MinutesEntryForm(instance=entry, autosave_url=edit_url),
        "action_form": action_form
        or ActionForm(alliance=meeting.alliance, use_required_attribute=False),
        "edit_url": edit_url,
        "action_url": reverse("governance:action-create", kwargs=keys),
        "refusal": entry.minutes.edit_refusal(),
        **extra,
    }
    template = "governance/minutes_entry_form.html" + (f"#{partial}" if partial else "")
    return render(request, template, context, status=status)


@requires("minutes.draft")
@require_http_methods(["GET", "POST"])
def minutes_entry_edit(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Save notes and decisions: by the button (then back to the minutes) or as a draft, by
    htmx while typing (then only the line saying it is saved)."""
    entry = _entry(request, pk, entry_pk)
    form = MinutesEntryForm(request.POST or None, instance=entry, autosave_url=request.path)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_entry_update(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if _is_htmx(request):
                return _entry_page(request, entry, partial="draft-status", saved_at=timezone.now())
            messages.success(request, f"Minutes of “{entry.agenda_item.title}” saved.")
            return _to_minutes(entry.minutes.meeting)
    if request.method == "POST" and _is_htmx(request):
        # 409: not saved, and the page keeps warning before it is left.
        problem = " ".join(e for errors in form.errors.values() for e in errors)
        return _entry_page(request, entry, partial="draft-status", status=409, problem=problem)
    return _entry_page(request, entry, entry_form=form)


@requires("minutes.draft")
@require_POST
def action_create(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Add an action from the item's one form, saving the notes and decisions with it."""
    entry = _entry(request, pk, entry_pk)
    entry_form = MinutesEntryForm(request.POST, instance=entry, autosave_url=_entry_url(entry))
    form = ActionForm(request.POST, alliance=request.alliance, use_required_attribute=False)
    if entry_form.is_valid() and form.is_valid():
        # Saved only when sent: a form without them must not empty what is there.
        typed = entry_form.cleaned_data if {"notes", "decisions"} <= request.POST.keys() else {}
        try:
            services.action_add(
                actor=request.user, entry=entry, action=form.save(commit=False), **typed
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if _is_htmx(request):
                return _entry_page(request, entry, partial="actions", added=True)
            messages.success(request, "Action added; the notes and decisions are saved too.")
            return redirect(_entry_url(entry))
    if _is_htmx(request):
        return _entry_page(request, entry, action_form=form, partial="actions", status=422)
    return _entry_page(request, entry, entry_form=entry_form, action_form=form)


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


def _latest_minutes(meeting: Meeting) -> Minutes:
    minutes = meeting.minutes.order_by("-revision").first()
    if minutes is None:
        raise Http404("There are no minutes yet.")
    return minutes


def _minutes_step(perm: str, step: Callable[..., Any], done: str, needs_url: bool = False):
    """A POST that moves the meeting's latest minutes one step through the workflow."""

    @requires(perm)
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        meeting = get_meeting_for(request, pk)
        minutes = _latest_minutes(meeting)
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
    "minutes.draft",
    services.minutes_submit,
    "Minutes submitted; the chairs are emailed to approve them.",
    needs_url=True,
)
minutes_approve = _minutes_step("minutes.approve", services.minutes_approve, "Minutes approved.")


@requires("minutes.approve")
@require_http_methods(["GET", "POST"])
def minutes_return(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair returns submitted minutes, saying what needs changing."""
    meeting = get_meeting_for(request, pk)
    minutes = _latest_minutes(meeting)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_return(
                actor=request.user,
                minutes=minutes,
                reason=form.cleaned_data["reason"],
                base_url=_base_url(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Minutes returned; the administrator is emailed why.")
            return _to_minutes(meeting)
    context = {"form": form, "meeting": meeting, "minutes": minutes}
    return render(request, "governance/minutes_return.html", context)


@requires("minutes.publish")
@require_http_methods(["GET", "POST"])
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publishing asks first, on its own page: who is emailed, what some of them do not see.
    Only the POST publishes; a second one is refused by the state, so it publishes once."""
    meeting = get_meeting_for(request, pk)
    minutes = _latest_minutes(meeting)
    if request.method == "POST":
        try:
            services.minutes_publish(
                actor=request.user, minutes=minutes, base_url=_base_url(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, "Minutes published; the meeting’s audience will be told by email."
            )
        return _to_minutes(meeting)
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "preview": publication_preview_for(minutes=minutes),
    }
    return render(request, "governance/minutes_publish.html", context)


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


@requires("actions.view_all")
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, action_pk: int) -> HttpResponse:
    """A chair or the administrator changes an action's text, owner or due date."""
    action = get_action_for(request, action_pk)
    form = ActionForm(request.POST or None, instance=action, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Action changed; the change is in the minutes’ history.")
            return _to_minutes(action.entry.minutes.meeting)
    return render(request, "governance/action_edit.html", {"form": form, "action": action})
