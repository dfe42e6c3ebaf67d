from django import template

from research.selectors import public_outputs

register = template.Library()


@register.inclusion_tag("research/_public_outputs.html")
def published_research(alliance):
    """The alliance's latest findings published for everyone, on its public page."""
    return {"alliance": alliance, "outputs": public_outputs(alliance)}
