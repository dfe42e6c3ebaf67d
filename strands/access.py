"""Fetch a deployment or a visit for the person asking: 404 outside the alliance, and to those
who have deployments or requests of their own (another SLE, another school's head), so that a
school's need is not disclosed; 403 to everyone else inside it without the right."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NoReturn

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from alliance.permissions import AlliancePerms, refuse, signed_in
from strands.models import Deployment, DeploymentVisit


def _deployment_in_alliance(request: HttpRequest, pk: int) -> Deployment:
    return get_object_or_404(
        Deployment.objects.select_related(
            "support_request__school",
            "support_request__area_of_need",
            "support_request__phase",
            "designation__person__organisation",
            "academic_year",
        ),
        pk=pk,
        support_request__alliance=request.alliance,
    )


def is_deployed(perms: AlliancePerms, deployment: Deployment) -> bool:
    return perms.person is not None and deployment.designation.person_id == perms.person.pk


def heads_receiving_school(perms: AlliancePerms, deployment: Deployment) -> bool:
    return "support.request" in perms and perms.heads(deployment.support_request.school_id)


def _refuse_quietly(request: HttpRequest) -> NoReturn:
    perms = request.perms
    if request.user.is_authenticated and (
        "support.request" in perms or "deployment.view_own" in perms
    ):
        raise Http404
    refuse(request)


def get_deployment_to_read(request: HttpRequest, pk: int) -> Deployment:
    """The deployed SLE or NLE, the director and the receiving school's head."""
    deployment = _deployment_in_alliance(request, pk)
    perms = request.perms
    if (
        "support.broker" in perms
        or is_deployed(perms, deployment)
        or heads_receiving_school(perms, deployment)
    ):
        return deployment
    _refuse_quietly(request)


def get_deployment_to_record(request: HttpRequest, pk: int) -> Deployment:
    """Only the deployed SLE or NLE records visits; the director and the head only read them."""
    deployment = get_deployment_to_read(request, pk)
    if not is_deployed(request.perms, deployment):
        refuse(request)
    return deployment


def school_head_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For headteachers, who confirm what was delivered at their school: anyone else is refused
    before the method is looked at; the view's ``get_<thing>_for`` decides which school."""

    @functools.wraps(view)
    @signed_in
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "support.request" not in request.perms or not request.perms.organisation_ids:
            refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def get_visit_to_confirm(request: HttpRequest, pk: int) -> DeploymentVisit:
    """Only the receiving school's head confirms a visit: the confirmation is the school's word."""
    visit = get_object_or_404(
        DeploymentVisit.objects.select_related("deployment__support_request"),
        pk=pk,
        deployment__support_request__alliance=request.alliance,
    )
    deployment = get_deployment_to_read(request, visit.deployment_id)
    if not heads_receiving_school(request.perms, deployment):
        refuse(request)
    return visit
