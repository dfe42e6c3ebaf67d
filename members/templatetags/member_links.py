from django import template

from members.models import Membership

register = template.Library()


@register.inclusion_tag("members/_member_school_links.html", takes_context=True)
def member_school_links(context) -> dict:
    """For staff of a member school who hold no role: what their alliance offers them (courses,
    their cohort programmes, SLE designation, research), instead of a page with nowhere to go."""
    person = getattr(context["user"], "person", None)
    if person is None or not person.organisation_id:
        return {"memberships": []}
    memberships = (
        Membership.objects.current()
        .filter(organisation_id=person.organisation_id)
        .select_related("alliance", "organisation")
        .order_by("alliance__name")
    )
    return {"memberships": list(memberships)}
