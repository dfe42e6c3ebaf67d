"""Money as people read it (``{{ amount|gbp }}``: £1,250.50, -£40.00), and the ledger summary
the finance holder's home shows (``{% finance_summary alliance %}``: the alliance app cannot
import finance, so its home template loads this tag)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from alliance.models import Alliance
from finance.selectors import ledger_summary

register = template.Library()


@register.filter
def gbp(value: object) -> str:
    if value in (None, ""):
        return ""
    amount = Decimal(str(value))
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


@register.inclusion_tag("finance/_summary.html")
def finance_summary(alliance: Alliance) -> dict:
    return {"alliance": alliance, "summary": ledger_summary(alliance=alliance)}
