"""Who may see and do what in a cluster's reviews and in audits: the one place for these rules.

The report and the self-review are confidential to the reviewed school's head, the director
and the review's reviewers until the head shares the report with the cluster; to everyone
else the report does not exist (404).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from alliance.permissions import AlliancePerms, refuse
from peer_review.models import Audit, Priority, Review, Reviewer
from strands.models import ClusterSchool, PeerReviewCluster


def directs(perms: AlliancePerms) -> bool:
    return "cluster.manage" in perms


def leads_cluster(perms: AlliancePerms, cluster: PeerReviewCluster) -> bool:
    """The director, or the head of the cluster's lead school."""
    return directs(perms) or perms.heads(cluster.lead_school_id)


def in_cluster(perms: AlliancePerms, school_ids: set[int]) -> bool:
    """Heads one of the cluster's schools."""
    return bool(perms.organisation_ids & school_ids)


def reviews(perms: AlliancePerms, review: Review) -> bool:
    person = perms.person
    return person is not None and any(r.person_id == person.pk for r in review.reviewers.all())


def leads_review(perms: AlliancePerms, review: Review) -> bool:
    person = perms.person
    return person is not None and any(
        r.person_id == person.pk and r.is_lead for r in review.reviewers.all()
    )


def reads_report(perms: AlliancePerms, review: Review, school_ids: set[int]) -> bool:
    if directs(perms) or perms.heads(review.school_id) or reviews(perms, review):
        return True
    return review.is_report_shared and in_cluster(perms, school_ids)


def audit_sles(perms: AlliancePerms, audit: Audit) -> bool:
    person = perms.person
    return person is not None and any(d.person_id == person.pk for d in audit.designations.all())


def reads_audit(perms: AlliancePerms, audit: Audit) -> bool:
    return directs(perms) or perms.heads(audit.school_id) or audit_sles(perms, audit)


# --- Fetching for a request ---------------------------------------------------------------------


def get_cluster_for(request: HttpRequest, pk: int) -> PeerReviewCluster:
    """The director, the heads of the cluster's schools; 403 to other people of the alliance."""
    cluster = get_object_or_404(
        PeerReviewCluster.objects.select_related("lead_school", "academic_year"),
        pk=pk,
        alliance=request.alliance,
    )
    school_ids = set(
        ClusterSchool.objects.filter(cluster=cluster).values_list("organisation_id", flat=True)
    )
    cluster.school_ids = school_ids
    perms = request.perms
    if not request.user.is_authenticated or not (
        directs(perms) or in_cluster(perms, school_ids) or _reviews_in(perms, cluster)
    ):
        refuse(request)
    return cluster


def _reviews_in(perms: AlliancePerms, cluster: PeerReviewCluster) -> bool:
    person = perms.person
    return (
        person is not None
        and Reviewer.objects.filter(review__cluster=cluster, person=person).exists()
    )


def get_cluster_school_for(request: HttpRequest, pk: int) -> ClusterSchool:
    """A cluster school's review page: whoever may see its cluster."""
    cluster_school = get_object_or_404(
        ClusterSchool.objects.select_related("organisation", "cluster"),
        pk=pk,
        alliance=request.alliance,
    )
    cluster_school.cluster = get_cluster_for(request, cluster_school.cluster_id)
    cluster_school.review_or_none = (
        Review.objects.filter(cluster_school=cluster_school)
        .prefetch_related(
            Prefetch("reviewers", queryset=Reviewer.objects.select_related("person__organisation")),
            Prefetch(
                "priorities", queryset=Priority.objects.select_related("area", "support_request")
            ),
        )
        .first()
    )
    return cluster_school


def get_review_report_for(request: HttpRequest, pk: int) -> ClusterSchool:
    """The report: 404 to everyone who may not read it, other cluster heads included."""
    if not request.user.is_authenticated:
        refuse(request)
    try:
        cluster_school = get_cluster_school_for(request, pk)
    except PermissionDenied as error:  # refused: the report's existence is not disclosed either
        raise Http404 from error
    review = cluster_school.review_or_none
    if review is None or not review.report_written_at:
        raise Http404
    if not reads_report(request.perms, review, cluster_school.cluster.school_ids):
        raise Http404
    return cluster_school


def get_audit_for(request: HttpRequest, pk: int) -> Audit:
    """An audit: the director, the school's head and its SLEs; 404 to anyone else."""
    if not request.user.is_authenticated:
        refuse(request)
    audit = get_object_or_404(
        Audit.objects.select_related(
            "school", "specialism", "phase", "support_request"
        ).prefetch_related(
            "designations__person__organisation",
            Prefetch(
                "priorities", queryset=Priority.objects.select_related("area", "support_request")
            ),
        ),
        pk=pk,
        alliance=request.alliance,
    )
    if not reads_audit(request.perms, audit):
        raise Http404
    return audit
