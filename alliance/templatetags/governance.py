from django import template
from django.utils.safestring import SafeString, mark_safe

from alliance.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render Markdown notes; the output is sanitised by an allow-list before it is marked safe."""
    return mark_safe(render_markdown(text))  # cleaned by nh3 in render_markdown
