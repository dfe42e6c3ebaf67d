"""Summaries of the director's desk for the role homes, which other apps render."""

from __future__ import annotations

from django import template

from alliance.models import AcademicYear, Alliance
from strands.selectors import strand_board_for

register = template.Library()


@register.inclusion_tag("strands/_board_flags.html")
def strand_board_flags(alliance: Alliance) -> dict:
    """What breaks the commitment protocol this year, for the director's first glance."""
    return {
        "alliance": alliance,
        "board": strand_board_for(alliance=alliance, year=AcademicYear.current()),
    }
