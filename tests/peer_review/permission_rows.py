"""Peer review and audits in the role × page matrix (issue 17).

The demo's Peckham and Nunhead cluster holds the head persona's school (Bellenden Road) and the
reviewer persona's (Lordship Lane). Lordship Lane's report is confidential: the director reads
it; every other head, the cluster's included, is told nothing (404). Nunhead Green's report is
shared with the cluster, so the head persona reads it too; the reviewer led that review.
"""

from alliance.models import AcademicYear
from members.models import Organisation
from peer_review.models import Audit, Priority
from strands.models import ClusterSchool, PeerReviewCluster
from tests.permission_table import LOGIN, SOUTHWARK, Page, only

PECKHAM = "Peckham and Nunhead cluster"
IN_CLUSTER = ("director", "head", "reviewer")


def _cluster(demo) -> dict:
    cluster = PeerReviewCluster.objects.get(
        alliance=demo.southwark, academic_year__start_year=_year(), name=PECKHAM
    )
    return {**SOUTHWARK, "pk": cluster.pk}


def _year() -> int:
    return AcademicYear.current().start_year


def _school(name: str):
    def kwargs(demo) -> dict:
        found = ClusterSchool.objects.get(
            alliance=demo.southwark,
            academic_year__start_year=_year(),
            organisation=Organisation.objects.get(name=name),
        )
        return {**SOUTHWARK, "pk": found.pk}

    return kwargs


def _nunhead_priority(demo) -> dict:
    priority = Priority.objects.filter(
        review__alliance=demo.southwark, review__school__name="Nunhead Green Primary School"
    ).first()
    return {**SOUTHWARK, "pk": priority.pk}


def _audit(demo) -> dict:
    return {**SOUTHWARK, "pk": Audit.objects.filter(alliance=demo.southwark).first().pk}


BELLENDEN = _school("Bellenden Road Primary School")
PECKHAM_RYE = _school("Peckham Rye Nursery School")  # at the visit
LORDSHIP = _school("Lordship Lane Primary School")  # report confidential, workshop next
NUNHEAD = _school("Nunhead Green Primary School")  # report shared, support
BERMONDSEY_SPA = _school("Bermondsey Spa Primary School")  # report for the reviewer to write
TOLD_NOTHING = {"anonymous": LOGIN}

ROWS = [
    # The director's list of every cluster; a head or reviewer is sent on to their cluster, and
    # a head whose school is in none (the chair's) is told so.
    Page("peer_review:cluster-list", SOUTHWARK, expected=only(*IN_CLUSTER, "chair")),
    Page("peer_review:cluster-detail", _cluster, expected=only(*IN_CLUSTER)),
    Page("peer_review:focus-areas", _cluster, expected=only("director")),
    Page("peer_review:review-detail", BELLENDEN, expected=only(*IN_CLUSTER)),
    Page("peer_review:self-review", BELLENDEN, expected=only("head")),
    Page("peer_review:self-review-submit", BELLENDEN, expected=only("head"), method="post"),
    Page("peer_review:visit-record", PECKHAM_RYE, expected=only("director")),
    # The confidential report: 404 to everyone but the director, other cluster heads included.
    Page(
        "peer_review:report-detail",
        LORDSHIP,
        expected={**TOLD_NOTHING, "director": 200},
        default=404,
    ),
    Page(
        "peer_review:report-detail",
        NUNHEAD,
        expected={**TOLD_NOTHING, **only(*IN_CLUSTER)},
        default=404,
    ),
    Page("peer_review:report-write", BERMONDSEY_SPA, expected=only("reviewer")),
    # Only Lordship Lane's head (no demo sign-in) may share its report.
    Page("peer_review:report-share", LORDSHIP, method="post"),
    Page("peer_review:workshop-record", LORDSHIP, expected=only("director")),
    Page(
        "peer_review:priority-request-support",
        _nunhead_priority,
        expected=only("director", status=302),
        method="post",
    ),
    Page("peer_review:audit-list", SOUTHWARK, expected=only("director")),
    Page("peer_review:audit-create", SOUTHWARK, expected=only("director")),
    Page(
        "peer_review:audit-detail", _audit, expected={**TOLD_NOTHING, "director": 200}, default=404
    ),
    # Written by the audit's SLE (no demo sign-in): the director reads it but may not write it.
    Page(
        "peer_review:audit-report-write",
        _audit,
        expected={**TOLD_NOTHING, "director": 403},
        default=404,
    ),
    Page(
        "peer_review:audit-priority-add",
        _audit,
        expected={**TOLD_NOTHING, "director": 200},
        default=404,
    ),
]
