from django import template
from django.utils.safestring import SafeString, mark_safe

from governance.markdown import render_markdown
from governance.selectors import minutes_waiting_for, my_open_actions, upcoming_invitations_for

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render Markdown notes; the output is sanitised by an allow-list before it is marked safe."""
    return mark_safe(render_markdown(text))  # cleaned by nh3 in render_markdown


@register.inclusion_tag("governance/_minutes_waiting.html", takes_context=True)
def minutes_waiting(context) -> dict:
    """On a chair's or the administrator's home: minutes waiting for them."""
    perms = context["alliance_perms"]
    return {"alliance": context["alliance"], "waiting": minutes_waiting_for(perms=perms)}


@register.inclusion_tag("governance/_my_meetings.html", takes_context=True)
def my_meetings(context) -> dict:
    """On anyone's home: the meetings they are invited to and their reply."""
    perms = context["alliance_perms"]
    return {
        "alliance": context["alliance"],
        "invitations": upcoming_invitations_for(perms=perms),
    }


@register.inclusion_tag("governance/_my_actions.html", takes_context=True)
def my_actions(context) -> dict:
    """On anyone's home: their meetings, then the open actions they own."""
    perms = context["alliance_perms"]
    return {
        "alliance": context["alliance"],
        "alliance_perms": perms,
        "my_actions": my_open_actions(perms=perms),
    }
