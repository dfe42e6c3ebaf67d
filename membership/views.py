from __future__ import annotations

import time

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.models import FIRST_YEAR, LAST_YEAR, AcademicYear, Protocol
from alliance.permissions import alliance_page, requires, signed_in
from membership import selectors, services
from membership.forms import (
    DeclineForm,
    FeeRowFormSet,
    JoinForm,
    LeaveForm,
    OfferForm,
    ProtocolFormSet,
    RenewForm,
    TierForm,
    fee_rows_initial,
)
from membership.models import ApplicationState, MembershipOffer, Renewal, RenewalState, Tier

# Applications one address may send in an hour: a school applies once; a flood is a bot.
JOIN_LIMIT_PER_HOUR = 10


def _year(start_year: int, *, create: bool = False) -> AcademicYear:
    """The year in the address; made only by a write, so looking ahead stores nothing."""
    if not FIRST_YEAR <= start_year < LAST_YEAR:
        raise Http404
    found = AcademicYear.objects.filter(start_year=start_year).first()
    if found is None and create:
        found = AcademicYear.objects.create(start_year=start_year)
    return found or AcademicYear(start_year=start_year)


# --- the public offer and the join form ----------------------------------------------------


@require_GET
@alliance_page
def offer(request: HttpRequest) -> HttpResponse:
    """The full membership offer of this year (and next year's, once there is one)."""
    current = selectors.current_offer_for(alliance=request.alliance)
    following = (
        selectors.offer_for(
            alliance=request.alliance, start_year=current.academic_year.start_year + 1
        )
        if current
        else None
    )
    offers = [o for o in (current, following) if o is not None]
    return render(request, "membership/offer.html", {"offers": offers, "current": current})


def _join_allowed(request: HttpRequest) -> bool:
    """allauth's way: a counter per address and hour in the cache, so a flood is turned away
    before it reaches the database."""
    address = request.META.get("REMOTE_ADDR", "")
    key = f"membership-join:{address}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= JOIN_LIMIT_PER_HOUR
    except ValueError:  # expired between add and incr
        return True


@require_http_methods(["GET", "POST"])
@alliance_page
def join(request: HttpRequest) -> HttpResponse:
    alliance = request.alliance
    current = selectors.current_offer_for(alliance=alliance)
    if current is None or not current.tiers.all():
        return render(request, "membership/join_closed.html", status=200)
    protocols = list(Protocol.objects.filter(alliance=alliance))
    form = JoinForm(
        request.POST or None,
        offer=current,
        strands=selectors.strands_for(alliance=alliance),
        protocols=protocols,
    )
    if request.method == "POST":
        if not _join_allowed(request):
            form.add_error(None, "Too many applications from this address: try again in an hour.")
        elif form.is_valid() and form.is_bot:
            return redirect("membership:join-thanks", alliance_slug=alliance.slug)
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("protocol_")}
            data.pop("website", None)
            try:
                services.application_submit(
                    alliance=alliance, offer=current, protocols=protocols, **data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("membership:join-thanks", alliance_slug=alliance.slug)
    context = {"form": form, "offer": current, "fee_table": selectors.fee_table(current)}
    return render(request, "membership/join.html", context)


@require_GET
@alliance_page
def join_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "membership/join_thanks.html")


# --- the director: offers and protocols ------------------------------------------------------


@requires("membership.manage")
@require_http_methods(["GET", "POST"])
def offer_manage(request: HttpRequest, start_year: int) -> HttpResponse:
    """One year's offer: its dates and words, its tiers; or, with none yet, how to start it."""
    year = _year(start_year, create=request.method == "POST")
    found = selectors.offer_for(alliance=request.alliance, start_year=start_year)
    instance = found or MembershipOffer(alliance=request.alliance, academic_year=year)
    form = OfferForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_save(actor=request.user, offer=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The {year} offer is saved.")
            return redirect("membership:offer-manage", request.alliance.slug, start_year)
    offers = list(selectors.offers_for(alliance=request.alliance))
    latest = max([o.academic_year.start_year for o in offers] + [start_year])
    context = {
        "year": year,
        "found": found,
        "form": form,
        "offers": offers,
        # The year after the latest offer, to start it; never further ahead.
        "next_year": AcademicYear(start_year=latest + 1),
        "earlier": selectors.offers_for(alliance=request.alliance)
        .filter(academic_year__start_year__lt=start_year)
        .exists(),
    }
    return render(request, "membership/offer_manage.html", context)


@requires("membership.manage")
@require_POST
def offer_copy(request: HttpRequest, start_year: int) -> HttpResponse:
    try:
        services.offer_copy(
            actor=request.user, alliance=request.alliance, year=_year(start_year, create=True)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Last year's offer is copied: check its fees.")
    return redirect("membership:offer-manage", request.alliance.slug, start_year)


def _offer_or_404(request: HttpRequest, start_year: int) -> MembershipOffer:
    found = selectors.offer_for(alliance=request.alliance, start_year=start_year)
    if found is None:
        raise Http404
    return found


@requires("membership.manage")
@require_http_methods(["GET", "POST"])
def tier_edit(request: HttpRequest, start_year: int, pk: int | None = None) -> HttpResponse:
    """A tier with its fee table, saved together or not at all."""
    found = _offer_or_404(request, start_year)
    tier = next((t for t in found.tiers.all() if t.pk == pk), None) if pk else Tier(offer=found)
    if tier is None:
        raise Http404
    form = TierForm(request.POST or None, instance=tier, offer=found)
    fees = FeeRowFormSet(
        request.POST or None, prefix="fees", initial=fee_rows_initial(tier) if pk else None
    )
    if request.method == "POST" and form.is_valid() and fees.is_valid():
        try:
            services.tier_save(actor=request.user, tier=form.instance, fee_rows=fees.rows())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{form.instance.name} is saved.")
            return redirect("membership:offer-manage", request.alliance.slug, start_year)
    context = {"offer": found, "tier": tier, "form": form, "fees": fees}
    return render(request, "membership/tier_form.html", context)


@requires("membership.manage")
@require_POST
def tier_remove(request: HttpRequest, start_year: int, pk: int) -> HttpResponse:
    found = _offer_or_404(request, start_year)
    tier = next((t for t in found.tiers.all() if t.pk == pk), None)
    if tier is None:
        raise Http404
    try:
        services.tier_remove(actor=request.user, tier=tier)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{tier.name} is removed from the offer.")
    return redirect("membership:offer-manage", request.alliance.slug, start_year)


@requires("membership.manage")
@require_http_methods(["GET", "POST"])
def protocols_edit(request: HttpRequest) -> HttpResponse:
    current = Protocol.objects.filter(alliance=request.alliance)
    initial = [{"title": p.title, "description": p.description} for p in current]
    formset = ProtocolFormSet(request.POST or None, prefix="protocols", initial=initial)
    if request.method == "POST" and formset.is_valid():
        rows = [
            (f.cleaned_data["title"], f.cleaned_data.get("description", ""))
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.protocols_save(actor=request.user, alliance=request.alliance, protocols=rows)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The protocols are saved.")
            return redirect("membership:protocols", request.alliance.slug)
    return render(request, "membership/protocols_form.html", {"formset": formset})


# --- the director: applications --------------------------------------------------------------


@requires("membership.manage")
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    applications = selectors.applications_for(alliance=request.alliance)
    return render(request, "membership/application_list.html", {"applications": applications})


@requires("membership.manage")
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(alliance=request.alliance, pk=pk)
    context = {**_application_context(application), "decline_form": DeclineForm()}
    return render(request, "membership/application_detail.html", context)


def _application_context(application) -> dict:
    """What the director decides on: the application, any organisation already in the portal it
    names (by URN or name) and, once approved, its head's confirmation by the school's head."""
    known = selectors.known_schools_for(application)
    return {
        "application": application,
        "known": known,
        "known_by_urn": next((k for k in known if k.by_urn), None),
        "head_step": selectors.head_step_for(application, known),
        "pending": ApplicationState.PENDING,
    }


@requires("membership.manage")
@require_POST
def application_approve(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(alliance=request.alliance, pk=pk)
    try:
        approved = services.application_approve(
            actor=request.user, application=application, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        held = selectors.head_step_for(approved, known=[])
        messages.success(
            request,
            f"{application.school_name} is a member; its head is invited to sign in"
            + (" once the school's own head confirms them." if held else "."),
        )
    return redirect("membership:application-detail", request.alliance.slug, pk)


@requires("membership.manage")
@require_POST
def application_decline(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(alliance=request.alliance, pk=pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.application_decline(
                actor=request.user, application=application, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{application.school_name}'s application is declined.")
            return redirect("membership:application-detail", request.alliance.slug, pk)
    context = {**_application_context(application), "decline_form": form}
    return render(request, "membership/application_detail.html", context, status=400)


# --- renewals ------------------------------------------------------------------------------


@requires("membership.manage")
@require_GET
def renewal_list(request: HttpRequest) -> HttpResponse:
    """Renewed, not yet, leaving: this year's members asked about next year."""
    current = selectors.current_offer_for(alliance=request.alliance)
    following = current and services.next_offer_for(current)
    rows = selectors.renewals_for(offer=following) if following else []
    context = {
        "current": current,
        "following": following,
        "rows": rows,
        "counts": selectors.renewal_counts(rows),
        "waiting": RenewalState.WAITING,
        "current_year": selectors.this_start_year(),
    }
    return render(request, "membership/renewal_list.html", context)


@requires("membership.manage")
@require_POST
def renewals_request(request: HttpRequest) -> HttpResponse:
    current = selectors.current_offer_for(alliance=request.alliance)
    if current is None:
        messages.error(request, "Set up this year's membership offer first.")
    else:
        try:
            asked = services.renewals_request(offer=current, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            s = "" if asked == 1 else "s"
            messages.success(request, f"{asked} school{s} asked to renew.")
    return redirect("membership:renewal-list", request.alliance.slug)


@requires("membership.manage")
@require_POST
def renewal_remind(request: HttpRequest, pk: int) -> HttpResponse:
    renewal = _renewal_of_alliance(request, pk)
    if services.renewal_remind(actor=request.user, renewal=renewal):
        messages.success(request, f"{renewal.organisation} is reminded.")
    else:
        messages.info(request, f"{renewal.organisation} was reminded less than a day ago.")
    return redirect("membership:renewal-list", request.alliance.slug)


def _renewal_of_alliance(request: HttpRequest, pk: int) -> Renewal:
    try:
        return Renewal.objects.select_related("organisation").get(pk=pk, alliance=request.alliance)
    except Renewal.DoesNotExist as exc:
        raise Http404 from exc


def _renew_form(request: HttpRequest, renewal: Renewal) -> RenewForm:
    """Filled in from this year: the same tier (by name), roll and strands."""
    offer = selectors.offer_for(
        alliance=request.alliance, start_year=renewal.offer.academic_year.start_year
    )
    tier_name, roll = selectors.latest_choice(organisation_id=renewal.organisation_id)
    same_tier = next((t.pk for t in offer.tiers.all() if t.name == tier_name), None)
    pledged = selectors.pledged_strand_ids(
        organisation_id=renewal.organisation_id, year=AcademicYear.current()
    )
    initial = {"tier": same_tier, "number_on_roll": roll, "strands": pledged}
    return RenewForm(
        request.POST or None,
        offer=offer,
        strands=selectors.strands_for(alliance=request.alliance),
        initial=initial,
    )


def _quotes(renewal: Renewal, form: RenewForm) -> list[tuple[str, str]]:
    """Each tier's fee for this school at the number on roll filled in."""
    roll = form.initial.get("number_on_roll")
    if not roll:
        return []
    phase = renewal.organisation.phases.order_by("position").first()
    quotes = []
    for tier in form.fields["tier"].queryset:
        try:
            fee, _ = services.quote(tier=tier, phase=phase, number_on_roll=roll)
        except ValidationError:
            continue
        quotes.append((tier.name, f"£{fee:,.2f}"))
    return quotes


@signed_in
@require_http_methods(["GET", "POST"])
def renewal(request: HttpRequest, pk: int) -> HttpResponse:
    """The head's renewal: everything filled in from this year, so renewing is one click."""
    found = selectors.renewal_for_head(perms=request.perms, pk=pk)
    form = _renew_form(request, found)
    if request.method == "POST" and found.state == RenewalState.WAITING and form.is_valid():
        try:
            services.renewal_renew(actor=request.user, renewal=found, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Renewed for {found.offer.academic_year}.")
            return redirect("membership:renewal", request.alliance.slug, pk)
    context = {
        "renewal": found,
        "quotes": _quotes(found, form),
        "form": form,
        "leave_form": LeaveForm(),
        "waiting": RenewalState.WAITING,
    }
    return render(request, "membership/renewal.html", context)


@signed_in
@require_POST
def renewal_leave(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.renewal_for_head(perms=request.perms, pk=pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        try:
            services.renewal_leave(actor=request.user, renewal=found, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Noted: the school is leaving at the end of the year.")
    return redirect("membership:renewal", request.alliance.slug, pk)
