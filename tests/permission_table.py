"""The rows of the role × page permission matrix, gathered from every app.

A row is ``Page(url_name, kwargs, expected)``. ``kwargs`` may be a function of the demo, for
pages that need an object. ``expected`` maps persona to status; personas not named get
``default``. ``LOGIN`` means anonymous people are sent to the sign-in page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

LOGIN = "login"

PERSONAS = [
    "anonymous",
    "chair",
    "director",
    "administrator",
    "cpd-lead",
    "board",
    "head",
    "sle",
    "superuser",
    "steep-director",
    "la-adviser",
]


@dataclass
class Page:
    url_name: str
    kwargs: dict[str, Any] | Callable[[Any], dict[str, Any]] = field(default_factory=dict)
    expected: dict[str, int | str] = field(default_factory=dict)
    default: int | str = 403
    query: str = ""

    def status_for(self, persona: str) -> int | str:
        if persona in self.expected:
            return self.expected[persona]
        if persona == "anonymous" and self.default == 403:
            return LOGIN
        return self.default


def everyone(status: int = 200) -> dict[str, int | str]:
    return {persona: status for persona in PERSONAS}


def only(*personas: str, status: int = 200) -> dict[str, int | str]:
    return {persona: status for persona in personas}


SOUTHWARK = {"alliance_slug": "southwark"}
STEEP = {"alliance_slug": "steep"}
