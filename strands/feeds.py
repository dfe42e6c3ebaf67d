"""SLE and NLE deployments in the deployed person's calendar feed (``alliance.feeds``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone

from alliance.feeds import calendar_feed_source
from alliance.ical import CalendarEvent
from members.models import Person
from strands.models import Deployment, DeploymentStatus

FEED_HISTORY = datetime.timedelta(days=90)

STATUS = {
    DeploymentStatus.PROPOSED: "TENTATIVE",
    DeploymentStatus.WITHDRAWN: "CANCELLED",
}


@calendar_feed_source("deployments")
def deployments_of(person: Person, base_url: str) -> Iterator[CalendarEvent]:
    """The person's deployments as whole days from start to end. Only the school's name goes
    into the calendar: why it asked for support is for the director and its head."""
    since = timezone.localdate() - FEED_HISTORY
    deployments = (
        Deployment.objects.filter(designation__person=person, ends_on__gte=since)
        .select_related("designation__alliance", "support_request__school")
        .order_by("starts_on", "pk")
    )
    for deployment in deployments:
        designation = deployment.designation
        url = reverse("strands:deployment-mine", args=[designation.alliance.slug])
        yield CalendarEvent(
            uid=f"deployment-{deployment.pk}",
            starts=deployment.starts_on,
            ends=deployment.ends_on,
            summary=f"{designation.kind.upper()} deployment: {deployment.support_request.school}",
            description=f"{deployment.days} agreed days ({deployment.get_status_display()})",
            url=f"{base_url}{url}",
            status=STATUS.get(deployment.status, "CONFIRMED"),
        )
