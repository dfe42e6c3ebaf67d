"""Reads for the cluster pages and audits, in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from alliance.models import AcademicYear, Alliance
from alliance.permissions import AlliancePerms
from peer_review.models import Audit, FocusArea, Priority, Review, Reviewer, Stage
from strands.models import ClusterSchool, Deployment, PeerReviewCluster


@dataclass(frozen=True)
class StageCount:
    stage: Stage
    count: int


def clusters_with_stages_for(*, alliance: Alliance, year: AcademicYear) -> list[PeerReviewCluster]:
    """Every cluster of the year with how many of its schools are at each stage. A school whose
    review has not started is at the self-review."""
    counts = {
        f"at_{stage.value}": Count("reviews", filter=Q(reviews__stage=stage.value), distinct=True)
        for stage in Stage
    }
    clusters = list(
        PeerReviewCluster.objects.filter(alliance=alliance, academic_year=year)
        .select_related("lead_school")
        .annotate(school_count=Count("schools", distinct=True))
        .annotate(**counts)
        .order_by("name")
    )
    for cluster in clusters:
        started = sum(getattr(cluster, f"at_{stage.value}") for stage in Stage)
        cluster.stage_counts = [
            StageCount(
                stage,
                getattr(cluster, f"at_{stage.value}")
                # Schools without a review yet are at the self-review.
                + (cluster.school_count - started if stage == Stage.SELF_REVIEW else 0),
            )
            for stage in Stage
        ]
    return clusters


def cluster_schools_for(*, cluster: PeerReviewCluster) -> list[ClusterSchool]:
    """The cluster's schools, each with its review (or None) for the stage at a glance."""
    schools = list(
        ClusterSchool.objects.filter(cluster=cluster)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    reviews = {
        review.cluster_school_id: review
        for review in Review.objects.filter(cluster=cluster).prefetch_related("reviewers__person")
    }
    for row in schools:
        row.review_or_none = reviews.get(row.pk)
        row.stage = Stage(row.review_or_none.stage) if row.review_or_none else Stage.SELF_REVIEW
    return schools


def focus_areas_for(*, cluster: PeerReviewCluster) -> list[FocusArea]:
    return list(FocusArea.objects.filter(cluster=cluster))


def answers_for(*, review: Review | None) -> dict[int, object]:
    if review is None:
        return {}
    return {answer.focus_area_id: answer for answer in review.answers.all()}


def priorities_with_outcomes(priorities: QuerySet[Priority] | list[Priority]) -> list[Priority]:
    """What came of each priority: its request signposted, an SLE deployed, the days delivered."""
    priorities = list(priorities)
    request_ids = [p.support_request_id for p in priorities if p.support_request_id]
    deployments: dict[int, list[Deployment]] = {}
    for deployment in (
        Deployment.objects.filter(support_request_id__in=request_ids)
        .select_related("designation__person")
        .prefetch_related("visits")
    ):
        deployments.setdefault(deployment.support_request_id, []).append(deployment)
    for priority in priorities:
        priority.deployments = deployments.get(priority.support_request_id, [])
    return priorities


def audits_for(*, alliance: Alliance) -> QuerySet[Audit]:
    return (
        Audit.objects.filter(alliance=alliance)
        .select_related("school", "specialism", "phase")
        .prefetch_related(
            "designations__person",
            Prefetch("priorities", queryset=Priority.objects.only("id", "audit_id")),
        )
    )


def cluster_of(*, perms: AlliancePerms, year: AcademicYear) -> PeerReviewCluster | None:
    """The cluster of a school the person heads this year, else one whose review they are on."""
    alliance = perms.alliance
    headed = ClusterSchool.objects.filter(
        alliance=alliance, academic_year=year, organisation_id__in=perms.organisation_ids
    ).first()
    if headed is not None:
        return headed.cluster
    if perms.person is None:
        return None
    reviewing = (
        Reviewer.objects.filter(
            person=perms.person, review__alliance=alliance, review__cluster__academic_year=year
        )
        .select_related("review__cluster")
        .first()
    )
    return reviewing.review.cluster if reviewing else None
