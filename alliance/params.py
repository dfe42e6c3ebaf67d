"""Numbers, years and tokens from what people type, or send by tampering with an address.

Python's ``int()`` and ``str.isdigit()`` take more than the digits 0 to 9: ``"²".isdigit()`` is
true and ``int("²")`` fails, while ``int("٣")`` (Arabic-Indic) and ``int("３")`` (fullwidth) give
3. A URN, a year, an id or an amount is written in ASCII digits here, and anything else is
treated as not given (a query) or refused with a message (a form): never a 500, and never a
second spelling of the same number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.validators import RegexValidator
from django.http import HttpRequest

from alliance.models import FIRST_YEAR, LAST_YEAR

DIGITS = re.compile(r"[0-9]{1,18}")
# PostgreSQL's integer: a larger id can name no row, and asking for one is an error there.
MAX_ID = 2_147_483_647

ascii_digits = RegexValidator(r"\A[0-9]+\Z", "Use the digits 0 to 9 only.", code="digits")


def ascii_int(value: object, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """``value`` as a whole number from ``minimum`` to ``maximum``, written in the digits 0 to
    9 alone; None for anything else (a sign, a space, "²", "٣", a 30-digit number)."""
    if not isinstance(value, str) or not DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def query_int(request: HttpRequest, name: str, *, minimum: int = 1, maximum: int = MAX_ID):
    """``?name=12`` as 12, or None when absent or not such a number (ids start at 1)."""
    return ascii_int(request.GET.get(name), minimum=minimum, maximum=maximum)


def query_year(request: HttpRequest, name: str = "year") -> int | None:
    """``?year=2025`` as the start year of an academic year the portal knows, or None."""
    return ascii_int(request.GET.get(name), minimum=FIRST_YEAR, maximum=LAST_YEAR)


def ids(values: Iterable[str]) -> list[int]:
    """The ids among posted values (``delegates``, ``attendance-<id>``), others left out."""
    return [number for value in values if (number := ascii_int(value, minimum=1)) is not None]


class TokenConverter:
    """A token in an address (an invitation, a reply link, a calendar feed): URL-safe base64
    and the separators Django's signing uses. Anything else (a NUL byte, a space, a slash
    encoded) is a 404 before any view or database sees it."""

    regex = r"[A-Za-z0-9_\-:.]{1,500}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
