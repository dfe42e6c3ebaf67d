"""Who has completed the reviewer training: attended every session of one of the alliance's
peer review programmes (``ProgrammeKind.PEER_REVIEW``, e.g. the demo's "Peer review training").

Evaluation's certificates hold a similar "attended every scheduled session" query, but
evaluation sits above this app, so the rule is asked here of the programmes' bookings directly.
Cohort enrolments (being added to programmes in parallel) are not counted yet.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, OuterRef, Subquery

from alliance.models import Alliance
from programmes.models import Attendance, Booking, ProgrammeKind, Session, SessionStatus

REVIEWER_TRAINING = "peer review training"


def _training_sessions(alliance: Alliance):
    return Session.objects.filter(
        programme__alliance=alliance,
        programme__kind=ProgrammeKind.PEER_REVIEW,
        status=SessionStatus.SCHEDULED,
    )


def reviewers_trained(*, alliance: Alliance, person_ids: Iterable[int] | None = None) -> set[int]:
    """The ids of the people (of ``person_ids``, if given) who attended every scheduled session
    of a peer review training programme, in one query."""
    sessions_in_programme = (
        _training_sessions(alliance)
        .filter(programme=OuterRef("session__programme"))
        .values("programme")
        .annotate(count=Count("pk"))
        .values("count")
    )
    bookings = Booking.objects.filter(
        attendance=Attendance.ATTENDED, session__in=_training_sessions(alliance)
    )
    if person_ids is not None:
        bookings = bookings.filter(delegate_id__in=list(person_ids))
    rows = (
        bookings.values("session__programme", "delegate")
        .annotate(attended=Count("session", distinct=True))
        .filter(attended=Subquery(sessions_in_programme[:1]))
        .values_list("delegate", flat=True)
    )
    return set(rows)
