from django import template
from django.db.models import Exists, OuterRef

from peer_review.models import Review, Reviewer, Stage

register = template.Library()


@register.inclusion_tag("peer_review/_reviews_to_do.html", takes_context=True)
def reviews_to_do(context) -> dict:
    """On a reviewer's home: the visits they were on whose report is still to be written, so
    the lead reviewer finds where to write it (one query)."""
    person = getattr(context["user"], "person", None)
    if person is None:
        return {"reviews": []}
    leads = Reviewer.objects.filter(review=OuterRef("pk"), person=person, is_lead=True)
    reviews = (
        Review.objects.filter(reviewers__person=person, stage=Stage.REPORT)
        .annotate(leads=Exists(leads))
        .select_related("school", "alliance")
        .order_by("visit_on")
    )
    return {"reviews": list(reviews)}
