"""The alert a cause for concern sends: to the ITT strand lead(s) and the partnership's
provider contact. Built when sent, from the review as it is then."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from alliance.models import Role, RoleAssignment
from alliance.outbox import Payload, renderer
from itt.models import ProgressReview


def itt_leads_emails(alliance_id: int) -> list[str]:
    leads = RoleAssignment.objects.current().filter(
        alliance_id=alliance_id, role=Role.STRATEGIC_LEAD, strand__kind="itt"
    )
    return sorted({a.person.email for a in leads.select_related("person") if a.person.email})


@renderer("itt.cause_for_concern")
def cause_for_concern(payload: Payload) -> Iterator[EmailMessage]:
    review = (
        ProgressReview.objects.filter(pk=payload["review"])
        .select_related(
            "trainee__person", "trainee__partnership__alliance", "written_by", "placement__school"
        )
        .first()
    )
    if review is None:
        return
    partnership = review.trainee.partnership
    to = itt_leads_emails(partnership.alliance_id)
    if partnership.provider_contact_email:
        to.append(partnership.provider_contact_email)
    if not to:
        return
    body = render_to_string(
        "itt/email/cause_for_concern.txt",
        {
            "review": review,
            "partnership": partnership,
            "url": payload.get("base_url", "").rstrip("/")
            + reverse(
                "itt_training:trainee-detail",
                kwargs={"alliance_slug": partnership.alliance.slug, "pk": review.trainee_id},
            ),
        },
    )
    yield EmailMessage(
        subject=f"Cause for concern: {review.trainee.person.full_name}",
        body=body,
        to=to,
    )
