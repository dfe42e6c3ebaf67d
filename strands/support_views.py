"""School-to-school support: requests, signposting, SLE/NLE deployments, capacity and peer
review clusters. A request's details are seen only by the director and the school's head."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from alliance.form_errors import attach_errors
from alliance.models import AcademicYear
from alliance.permissions import object_page, requires
from strands import forms, services
from strands.access import (
    get_deployment_to_read,
    get_deployment_to_record,
    get_visit_to_confirm,
    heads_receiving_school,
    is_deployed,
    school_head_page,
)
from strands.models import Deployment
from strands.selectors import (
    capacity_for,
    clusters_for,
    deployment_visits_for,
    deployments_for_designated,
    support_request_for,
    support_requests_for,
)
from strands.view_helpers import GET_POST, render_form, year_from


def _to_request(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect("strands:support-detail", alliance_slug=request.alliance.slug, pk=pk)


def _to_deployment(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect("strands:deployment-detail", alliance_slug=request.alliance.slug, pk=pk)


@requires("support.request")
@require_GET
def support_list(request: HttpRequest) -> HttpResponse:
    requests = support_requests_for(perms=request.perms).prefetch_related("deployments")
    return render(request, "strands/support_list.html", {"support_requests": requests})


@requires("support.request")
@GET_POST
def support_create(request: HttpRequest) -> HttpResponse:
    perms = request.perms
    school_ids = None if "support.broker" in perms else perms.organisation_ids
    form = forms.SupportRequestForm(
        request.POST or None, alliance=request.alliance, school_ids=school_ids
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.support_request_create(
                actor=request.user, alliance=request.alliance, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Your request is with the director, who will be in touch.")
            return _to_request(request, created.pk)
    return render_form(request, form, "Request support for a school", intro="support")


@requires("support.request")
@require_GET
def support_detail(request: HttpRequest, pk: int) -> HttpResponse:
    support_request = support_request_for(perms=request.perms, pk=pk)
    context = {"support_request": support_request, "broker": "support.broker" in request.perms}
    return render(request, "strands/support_detail.html", context)


@requires("support.broker")
@GET_POST
def support_signpost(request: HttpRequest, pk: int) -> HttpResponse:
    support_request = support_request_for(perms=request.perms, pk=pk)
    form = forms.SignpostForm(request.POST or None, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_request_signpost(
                actor=request.user, support_request=support_request, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Request signposted.")
            return _to_request(request, pk)
    title = f"Signpost the request from {support_request.school}"
    return render_form(request, form, title, support_request=support_request)


@requires("support.broker")
@GET_POST
def deployment_create(request: HttpRequest, pk: int) -> HttpResponse:
    support_request = support_request_for(perms=request.perms, pk=pk)
    form = forms.DeploymentForm(
        request.POST or None,
        alliance=request.alliance,
        year=support_request.academic_year,
        initial={"designation": support_request.signposted_designation},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.deployment_create(
                actor=request.user,
                support_request=support_request,
                designation=data["designation"],
                days=data["days"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                override_reason=form.capacity_override_reason,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{data['designation'].person} is proposed.")
            return _to_request(request, pk)
    title = f"Deploy an SLE or NLE to {support_request.school}"
    return render_form(request, form, title, support_request=support_request)


@requires("support.broker")
@GET_POST
def deployment_move(request: HttpRequest, pk: int) -> HttpResponse:
    deployment = get_object_or_404(
        Deployment.objects.select_related("support_request__school", "designation__person"),
        pk=pk,
        support_request__alliance=request.alliance,
    )
    form = forms.DeploymentMoveForm(
        request.POST or None,
        statuses=deployment.next_statuses,
        initial={"school_evaluation": deployment.school_evaluation},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.deployment_move(actor=request.user, deployment=deployment, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Deployment updated.")
            return _to_request(request, deployment.support_request_id)
    title = f"Update the deployment of {deployment}"
    return render_form(request, form, title, support_request=deployment.support_request)


@requires("support.request")
@GET_POST
def deployment_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    deployment = get_object_or_404(
        Deployment.objects.select_related("designation__person"),
        pk=pk,
        support_request__alliance=request.alliance,
    )
    # Only those who may see the request may evaluate it; everyone else gets a 404.
    support_request = support_request_for(perms=request.perms, pk=deployment.support_request_id)
    form = forms.EvaluationForm(
        request.POST or None, initial={"evaluation": deployment.school_evaluation}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.deployment_evaluate(
                actor=request.user, deployment=deployment, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Thank you: your evaluation is recorded.")
            return _to_request(request, support_request.pk)
    title = f"Evaluate {deployment.designation.person}'s support"
    return render_form(request, form, title, support_request=support_request)


@requires("deployment.view_own")
@require_GET
def deployment_mine(request: HttpRequest) -> HttpResponse:
    deployments = deployments_for_designated(person=request.perms.person, alliance=request.alliance)
    return render(request, "strands/deployment_mine.html", {"deployments": deployments})


def _render_deployment(
    request: HttpRequest, deployment: Deployment, form: forms.VisitForm | None = None
) -> HttpResponse:
    perms = request.perms
    # A refused post keeps its form, so the reason shows next to it.
    if form is None and is_deployed(perms, deployment) and deployment.may_record_visits:
        form = forms.VisitForm()
    if form is not None:
        form.helper.form_action = reverse(
            "strands:visit-record",
            kwargs={"alliance_slug": request.alliance.slug, "pk": deployment.pk},
        )
    context = {
        "deployment": deployment,
        "visits": deployment_visits_for(deployment=deployment),
        "form": form,
        "may_confirm": heads_receiving_school(perms, deployment),
        "broker": "support.broker" in perms,
    }
    return render(request, "strands/deployment_detail.html", context)


@object_page(get_deployment_to_read)
@require_GET
def deployment_detail(request: HttpRequest, deployment: Deployment) -> HttpResponse:
    return _render_deployment(request, deployment)


@requires("deployment.view_own")
@require_POST
def visit_record(request: HttpRequest, pk: int) -> HttpResponse:
    deployment = get_deployment_to_record(request, pk)
    form = forms.VisitForm(request.POST)
    if form.is_valid():
        try:
            visit = services.deployment_visit_record(
                actor=request.user, deployment=deployment, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            days = visit.days.normalize()
            messages.success(
                request, f"Visit on {visit.visited_on:%-d %B %Y} ({days} day) recorded."
            )
            return _to_deployment(request, deployment.pk)
    return _render_deployment(request, deployment, form)


@school_head_page
@require_POST
def visit_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_visit_to_confirm(request, pk)
    try:
        services.deployment_visit_confirm(actor=request.user, visit=visit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Visit on {visit.visited_on:%-d %B %Y} confirmed.")
    return _to_deployment(request, visit.deployment_id)


@requires("designation.view_capacity")
@require_GET
def capacity(request: HttpRequest) -> HttpResponse:
    year = year_from(request)
    context = {"year": year, "designations": capacity_for(alliance=request.alliance, year=year)}
    return render(request, "strands/capacity.html", context)


@requires("cluster.manage")
@require_GET
def cluster_list(request: HttpRequest) -> HttpResponse:
    year = year_from(request)
    context = {"year": year, "clusters": clusters_for(alliance=request.alliance, year=year)}
    return render(request, "strands/cluster_list.html", context)


@requires("cluster.manage")
@GET_POST
def cluster_create(request: HttpRequest) -> HttpResponse:
    form = forms.ClusterForm(request.POST or None, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            cluster = services.cluster_create(
                actor=request.user,
                alliance=request.alliance,
                year=AcademicYear.current(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{cluster.name} is formed.")
            return redirect("strands:cluster-list", alliance_slug=request.alliance.slug)
    return render_form(request, form, f"Form a peer review cluster for {AcademicYear.current()}")
