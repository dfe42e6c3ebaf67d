from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.models import AcademicYear
from alliance.permissions import alliance_page, get_for_alliance, requires
from alliance.throttle import throttled
from members.access import get_headship_to_confirm
from members.confirming import headships_to_confirm_for
from members.filters import MembershipFilter
from members.forms import AcceptInvitationForm, AnonymiseForm, InvitationForm, RefuseHeadForm
from members.models import Invitation, User
from members.selectors import (
    invitations_awaiting_approval_for,
    invitations_for,
    leavers_for,
    memberships_for,
    people_for,
    people_of_alliance,
)
from members.services import (
    anonymised_email,
    invitation_accept,
    invitation_approve,
    invitation_create,
    invitation_decline,
    person_anonymise,
)


@require_GET
@alliance_page
def member_directory(request: HttpRequest) -> HttpResponse:
    year = AcademicYear.current()
    members = MembershipFilter(
        request.GET, queryset=memberships_for(alliance=request.alliance, year=year)
    )
    return render(request, "members/member_directory.html", {"filter": members, "year": year})


@require_GET
@alliance_page
def sle_directory(request: HttpRequest) -> HttpResponse:
    # The directory moved to the SLE app (issue 17), with its search and availability; the old
    # address, linked from many pages and bookmarks, keeps working.
    return redirect(reverse("sle:directory", kwargs={"alliance_slug": request.alliance.slug}))


@requires("people.view")
@require_GET
def people_list(request: HttpRequest) -> HttpResponse:
    context = {
        "people": people_for(alliance=request.alliance),
        "invitations": invitations_for(alliance=request.alliance)[:50],
        "leavers": leavers_for(alliance=request.alliance)
        if "people.anonymise" in request.perms
        else (),
    }
    return render(request, "members/people_list.html", context)


@requires("people.invite")
@require_http_methods(["GET", "POST"])
def invitation_create_view(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None, alliance=request.alliance, perms=request.perms)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(
                actor=request.user,
                alliance=request.alliance,
                invitation=form.save(commit=False),
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if invitation.waits_for_head:
                messages.success(
                    request,
                    f"Invitation to {invitation.email} saved: it is sent once the head of "
                    f"{invitation.organisation} confirms them.",
                )
            elif invitation.needs_approval:
                messages.success(
                    request,
                    f"Invitation to {invitation.email} saved: it is sent once a chair approves it.",
                )
            else:
                messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("members:people-list", alliance_slug=request.alliance.slug)
    return render(request, "members/invitation_form.html", {"form": form})


@requires("roles.approve")
@require_GET
def invitation_approval_list(request: HttpRequest) -> HttpResponse:
    invitations = invitations_awaiting_approval_for(alliance=request.alliance, user=request.user)
    return render(request, "members/invitation_approval_list.html", {"invitations": invitations})


def _awaiting(request: HttpRequest, pk: int) -> Invitation:
    return get_for_alliance(
        Invitation.objects.select_related("invited_by"), request.alliance, pk=pk
    )


@requires("roles.approve")
@require_POST
def invitation_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _awaiting(request, pk)
    try:
        invitation_approve(
            actor=request.user, invitation=invitation, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Approved: the invitation is sent to {invitation.email}.")
    return redirect("members:invitation-approval-list", alliance_slug=request.alliance.slug)


@requires("roles.approve")
@require_POST
def invitation_decline_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _awaiting(request, pk)
    try:
        invitation_decline(actor=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Declined: no invitation goes to {invitation.email}.")
    return redirect("members:invitation-approval-list", alliance_slug=request.alliance.slug)


# --- a school's head confirms (or refuses) a new head of it ---------------------------------


def _headships_page(request: HttpRequest, refused: RefuseHeadForm | None = None, pk: int = 0):
    rows = [
        (i, refused if i.pk == pk and refused is not None else RefuseHeadForm(prefix=str(i.pk)))
        for i in headships_to_confirm_for(request.user)
    ]
    # The refused form at the top too, where the error summary finds the forms on a page.
    context = {"rows": rows, "refused": refused}
    status = 400 if refused is not None else 200
    return render(request, "members/headship_confirmations.html", context, status=status)


@login_required
@require_GET
def headship_confirmation_list(request: HttpRequest) -> HttpResponse:
    """New heads of the person's schools waiting for them to confirm (for the site
    administrator, every one)."""
    return _headships_page(request)


@login_required
@require_POST
def headship_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_headship_to_confirm(request, pk)
    try:
        invitation_approve(
            actor=request.user, invitation=invitation, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Confirmed: {invitation.full_name} is sent the invitation to sign in as head of "
            f"{invitation.organisation}.",
        )
    return redirect("headship-confirmations")


@login_required
@require_POST
def headship_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_headship_to_confirm(request, pk)
    form = RefuseHeadForm(request.POST, prefix=str(pk))
    if not form.is_valid():
        return _headships_page(request, refused=form, pk=pk)
    try:
        invitation_decline(
            actor=request.user, invitation=invitation, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Refused: {invitation.full_name} is not made head of {invitation.organisation}.",
        )
    return redirect("headship-confirmations")


@throttled("invitation-link")
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("alliance"), token=token)
    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    form = (
        None if has_account else AcceptInvitationForm(request.POST or None, email=invitation.email)
    )
    if request.method == "POST" and invitation.is_usable and (form is None or form.is_valid()):
        try:
            user = invitation_accept(
                token=token,
                password=form.cleaned_data["password1"] if form else None,
                user=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            login(request, user, backend="members.backends.PersonModelBackend")
            messages.success(request, f"Welcome to {invitation.alliance.name}.")
            return redirect("alliance:role-home", alliance_slug=invitation.alliance.slug)
    context = {"invitation": invitation, "form": form, "has_account": has_account}
    return render(request, "members/invitation_accept.html", context)


@requires("people.anonymise")
@require_http_methods(["GET", "POST"])
def person_anonymise_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The director confirms, then the person's name and email are replaced for good."""
    person = get_object_or_404(people_of_alliance(alliance=request.alliance), pk=pk)
    # Bound on any POST: the only field is optional, so the body may well be empty.
    form = AnonymiseForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            done = person_anonymise(
                actor=request.user,
                alliance=request.alliance,
                person=person,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = "has been anonymised" if done else "was already anonymised"
            messages.success(request, f"Person {person.pk} {message}.")
            return redirect("members:people-list", alliance_slug=request.alliance.slug)
    # Back to the page after confirming: say it is done rather than offer to do it again.
    done = person.email == anonymised_email(person)
    context = {"form": form, "person": person, "done": done}
    return render(request, "members/person_anonymise.html", context)
