"""The talent pool on people's home pages: a nomination waiting for the person's agreement."""

from __future__ import annotations

from django import template

from leadership.selectors import awaiting_answer

register = template.Library()


@register.inclusion_tag("leadership/_nominations_to_answer.html", takes_context=True)
def nominations_to_answer(context: template.Context) -> dict:
    """One query; nothing shown when nothing waits (or nobody is signed in)."""
    person = getattr(context.get("user"), "person", None) if context.get("user") else None
    nominations = (
        list(awaiting_answer(person=person).select_related("alliance", "nominated_by"))
        if person is not None
        else []
    )
    return {"nominations": nominations}
