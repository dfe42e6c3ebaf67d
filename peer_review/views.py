"""Pages of the peer review cycle: the clusters, a school's review, its report, and audits.
Each fetches the object for the person (refusing before the method is looked at), binds the
form, calls the service and redirects or renders."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.form_errors import attach_errors
from alliance.models import AcademicYear
from alliance.permissions import AlliancePerms, object_page, refuse, requires, signed_in
from governance.markdown import render_markdown
from peer_review import access, forms, selectors, services
from peer_review.models import Audit, Priority, Stage
from strands.models import ClusterSchool

GET_POST = require_http_methods(["GET", "POST"])
Rule = Callable[[AlliancePerms, ClusterSchool], bool]


def _school_page(rule: Rule) -> Callable[[HttpRequest, int], ClusterSchool]:
    """A cluster school's page for those whom ``rule`` lets act on it."""

    def get(request: HttpRequest, pk: int) -> ClusterSchool:
        cluster_school = access.get_cluster_school_for(request, pk)
        if not rule(request.perms, cluster_school):
            refuse(request)
        return cluster_school

    return get


def _heads(perms: AlliancePerms, cs: ClusterSchool) -> bool:
    return perms.heads(cs.organisation_id)


def _leads(perms: AlliancePerms, cs: ClusterSchool) -> bool:
    return access.leads_cluster(perms, cs.cluster)


def _writes_report(perms: AlliancePerms, cs: ClusterSchool) -> bool:
    return cs.review_or_none is not None and access.leads_review(perms, cs.review_or_none)


def _runs_workshop(perms: AlliancePerms, cs: ClusterSchool) -> bool:
    return _leads(perms, cs) or _heads(perms, cs)


def _form_page(request: HttpRequest, form: Form, title: str, **context) -> HttpResponse:
    return render(request, "peer_review/form.html", {"form": form, "title": title, **context})


def _to_school(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect("peer_review:review-detail", alliance_slug=request.alliance.slug, pk=pk)


# --- Clusters ---------------------------------------------------------------------------------


@signed_in
def cluster_list(request: HttpRequest) -> HttpResponse:
    """The director sees every cluster's stages; a head or a reviewer is taken to their cluster;
    a head whose school is in none is told so."""
    perms, year = request.perms, AcademicYear.current()
    cluster = None if access.directs(perms) else selectors.cluster_of(perms=perms, year=year)
    if not (access.directs(perms) or cluster or "support.request" in perms):
        refuse(request)
    # Permission before the method, as everywhere.
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if cluster is not None:
        return redirect("peer_review:cluster-detail", request.alliance.slug, cluster.pk)
    if not access.directs(perms):
        return render(request, "peer_review/cluster_none.html", {"year": year})
    clusters = selectors.clusters_with_stages_for(alliance=request.alliance, year=year)
    context = {"clusters": clusters, "stages": list(Stage)}
    return render(request, "peer_review/cluster_list.html", context)


@object_page(access.get_cluster_for)
@require_GET
def cluster_detail(request: HttpRequest, cluster) -> HttpResponse:
    context = {
        "cluster": cluster,
        "schools": selectors.cluster_schools_for(cluster=cluster),
        "focus_areas": selectors.focus_areas_for(cluster=cluster),
        "leads": access.leads_cluster(request.perms, cluster),
    }
    return render(request, "peer_review/cluster_detail.html", context)


def _get_cluster_to_lead(request: HttpRequest, pk: int):
    cluster = access.get_cluster_for(request, pk)
    if not access.leads_cluster(request.perms, cluster):
        refuse(request)
    return cluster


@object_page(_get_cluster_to_lead)
@GET_POST
def focus_areas(request: HttpRequest, cluster) -> HttpResponse:
    form = forms.FocusAreasForm(
        request.POST or None, areas=selectors.focus_areas_for(cluster=cluster)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.focus_areas_set(actor=request.user, cluster=cluster, titles=form.titles)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Focus areas saved.")
            return redirect("peer_review:cluster-detail", request.alliance.slug, cluster.pk)
    return _form_page(request, form, f"Focus areas of the {cluster.name}", cluster=cluster)


# --- A school's review ------------------------------------------------------------------------


@object_page(access.get_cluster_school_for)
@require_GET
def review_detail(request: HttpRequest, cluster_school: ClusterSchool) -> HttpResponse:
    review = cluster_school.review_or_none
    perms = request.perms
    school_ids = cluster_school.cluster.school_ids
    confidential = review is not None and access.reads_report(perms, review, school_ids)
    context = {
        "cs": cluster_school,
        "review": review,
        "stage": Stage(review.stage) if review else Stage.SELF_REVIEW,
        "stages": list(Stage),
        "sees_self_review": review is not None
        and (
            access.directs(perms) or perms.heads(review.school_id) or access.reviews(perms, review)
        ),
        "reads_report": confidential,
        "heads": _heads(perms, cluster_school),
        "leads": _leads(perms, cluster_school),
        "writes_report": _writes_report(perms, cluster_school),
        "answers": review.answers.select_related("focus_area") if review else [],
        "priorities": selectors.priorities_with_outcomes(review.priorities.all()) if review else [],
        "requests_support": "support.broker" in perms or _heads(perms, cluster_school),
    }
    return render(request, "peer_review/review_detail.html", context)


@object_page(_school_page(_heads))
@GET_POST
def self_review(request: HttpRequest, cluster_school: ClusterSchool) -> HttpResponse:
    return _self_review(request, cluster_school, submit=False)


@object_page(_school_page(_heads))
@require_POST
def self_review_submit(request: HttpRequest, cluster_school: ClusterSchool) -> HttpResponse:
    return _self_review(request, cluster_school, submit=True)


def _self_review(request: HttpRequest, cluster_school: ClusterSchool, *, submit: bool):
    review = cluster_school.review_or_none
    form = forms.SelfReviewForm(
        request.POST or None,
        areas=selectors.focus_areas_for(cluster=cluster_school.cluster),
        answers=selectors.answers_for(review=review),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.self_review_save(
                actor=request.user,
                cluster_school=cluster_school,
                answers=form.answers,
                submit=submit,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Self-review submitted." if submit else "Draft saved.")
            return _to_school(request, cluster_school.pk)
    context = {"form": form, "cs": cluster_school, "review": review}
    return render(request, "peer_review/self_review.html", context)


@object_page(_school_page(_leads))
@GET_POST
def visit_record(request: HttpRequest, cluster_school: ClusterSchool) -> HttpResponse:
    form = forms.VisitForm(
        request.POST or None,
        alliance=request.alliance,
        school_ids=cluster_school.cluster.school_ids,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record(
                actor=request.user, cluster_school=cluster_school, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Review visit recorded.")
            return _to_school(request, cluster_school.pk)
    title = f"Record the review visit to {cluster_school.organisation}"
    return _form_page(request, form, title, cs=cluster_school)


@object_page(access.get_review_report_for)
@require_GET
def report_detail(request: HttpRequest, cluster_school: ClusterSchool) -> HttpResponse:
    review = cluster_school.review_or_none
    context = {
        "cs": cluster_school,
        "review": review,
        "report_html": render_markdown(review.report),
        "heads": _heads(request.perms, cluster_school),
    }
    return render(request, "peer_review/report_detail.html", context)


@object_page(_school_page(_writes_report))
@GET_POST
def report_write(request: HttpRequest, cluster_school: ClusterSchool) -> HttpResponse:
    review = cluster_school.review_or_none
    form = forms.ReportForm(request.POST or None, initial={"report": review.report})
    if request.method == "POST" and form.is_valid():
        try:
            services.report_write(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, "Report saved. Only the school's head and the director see it."
            )
            return _to_school(request, cluster_school.pk)
    title = f"Report of the peer review of {cluster_school.organisation}"
    return _form_page(request, form, title, cs=cluster_school)


@object_page(_school_page(_heads))
@require_POST
def report_share(request: HttpRequest, cluster_school: ClusterSchool) -> HttpResponse:
    review = cluster_school.review_or_none
    try:
        if review is None:
            raise ValidationError("There is no report to share yet.")
        services.report_share(actor=request.user, review=review)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The report is shared with the cluster's heads.")
    return _to_school(request, cluster_school.pk)


@object_page(_school_page(_runs_workshop))
@GET_POST
def workshop_record(request: HttpRequest, cluster_school: ClusterSchool) -> HttpResponse:
    review = cluster_school.review_or_none
    form = forms.WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if review is None:
                raise ValidationError("Not yet: this review is at “Self-review”.")
            services.workshop_record(
                actor=request.user,
                review=review,
                workshop_on=form.cleaned_data["workshop_on"],
                priorities=form.priorities,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Workshop and priorities recorded.")
            return _to_school(request, cluster_school.pk)
    title = f"Improvement workshop for {cluster_school.organisation}"
    return _form_page(request, form, title, cs=cluster_school)


# --- Support from a priority ------------------------------------------------------------------


def _get_priority_to_request(request: HttpRequest, pk: int) -> Priority:
    """The priority's school's head or the director may turn it into a support request."""
    priority = (
        Priority.objects.select_related("review", "audit", "support_request").filter(pk=pk).first()
    )
    owner = priority and (priority.review or priority.audit)
    if owner is None or owner.alliance_id != request.alliance.pk:
        raise Http404
    perms = request.perms
    if not request.user.is_authenticated or not (
        "support.broker" in perms or perms.heads(owner.school_id)
    ):
        refuse(request)
    return priority


@object_page(_get_priority_to_request)
@require_POST
def priority_request_support(request: HttpRequest, priority: Priority) -> HttpResponse:
    try:
        support_request = services.priority_request_support(actor=request.user, priority=priority)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_owner_url(request, priority))
    messages.success(request, "Support requested: the director will signpost it or deploy an SLE.")
    return redirect("strands:support-detail", request.alliance.slug, support_request.pk)


def _owner_url(request: HttpRequest, priority: Priority) -> str:
    if priority.review_id:
        return reverse(
            "peer_review:review-detail",
            args=[request.alliance.slug, priority.review.cluster_school_id],
        )
    return reverse("peer_review:audit-detail", args=[request.alliance.slug, priority.audit_id])


# --- Audits -----------------------------------------------------------------------------------


@requires("cluster.manage")
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    audits = selectors.audits_for(alliance=request.alliance)
    return render(request, "peer_review/audit_list.html", {"audits": audits})


@requires("cluster.manage")
@GET_POST
def audit_create(request: HttpRequest) -> HttpResponse:
    form = forms.AuditForm(request.POST or None, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            audit = services.audit_create(
                actor=request.user,
                alliance=request.alliance,
                school=data["school"],
                specialism=data["specialism"],
                phase=data["phase"],
                visit_on=data["visit_on"],
                days=data["days"],
                designations=list(data["designations"]),
                override_reason=form.capacity_override_reason,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Audit commissioned; the SLEs' days are booked.")
            return redirect("peer_review:audit-detail", request.alliance.slug, audit.pk)
    return _form_page(request, form, "Commission a phase or subject audit")


@object_page(access.get_audit_for)
@require_GET
def audit_detail(request: HttpRequest, audit: Audit) -> HttpResponse:
    perms = request.perms
    context = {
        "audit": audit,
        "report_html": render_markdown(audit.report),
        "writes_report": access.audit_sles(perms, audit),
        "priorities": selectors.priorities_with_outcomes(audit.priorities.all()),
        "requests_support": "support.broker" in perms or perms.heads(audit.school_id),
    }
    return render(request, "peer_review/audit_detail.html", context)


def _get_audit_to_report(request: HttpRequest, pk: int) -> Audit:
    audit = access.get_audit_for(request, pk)
    if not access.audit_sles(request.perms, audit):
        refuse(request)
    return audit


@object_page(_get_audit_to_report)
@GET_POST
def audit_report_write(request: HttpRequest, audit: Audit) -> HttpResponse:
    form = forms.ReportForm(request.POST or None, initial={"report": audit.report})
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_report_write(actor=request.user, audit=audit, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Report saved.")
            return redirect("peer_review:audit-detail", request.alliance.slug, audit.pk)
    return _form_page(request, form, f"Report of the {audit}", audit=audit)


@object_page(access.get_audit_for)
@GET_POST
def audit_priority_add(request: HttpRequest, audit: Audit) -> HttpResponse:
    form = forms.AuditPriorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_priority_add(actor=request.user, audit=audit, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Priority added.")
            return redirect("peer_review:audit-detail", request.alliance.slug, audit.pk)
    return _form_page(request, form, f"A priority from the {audit}", audit=audit)
