"""The rows of the role × page permission matrix, gathered from every app.

A row is ``Page(url_name, kwargs, expected)``. ``kwargs`` may be a function of the demo, for
pages that need an object. ``expected`` maps persona to status; personas not named get
``default``. ``LOGIN`` means anonymous people are sent to the sign-in page.

A write that only answers a POST is a row with ``method="post"``: the matrix posts an empty
form (a harmless write: it is rolled back with the test) and expects the real answer, e.g.
302 for a redirect or 200 for the form with its errors. It also asks with a GET: whoever
may not write is refused just the same (permission comes before the method); whoever may
is told the method is wrong (405).
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
    "la-cpd",
    "tandridge-director",
    "childminder",
    "finance",
    "leadership-lead",
    "itt-lead",
    "teacher",
]


@dataclass
class Page:
    url_name: str
    kwargs: dict[str, Any] | Callable[[Any], dict[str, Any]] = field(default_factory=dict)
    expected: dict[str, int | str] = field(default_factory=dict)
    default: int | str = 403
    query: str = ""
    method: str = "get"

    def status_for(self, persona: str) -> int | str:
        if persona in self.expected:
            return self.expected[persona]
        if persona == "anonymous" and self.default == 403:
            return LOGIN
        return self.default

    def get_status_for(self, persona: str) -> int | str:
        """What a GET answers: for a POST-only row, refusals first, then 405."""
        expected = self.status_for(persona)
        if self.method == "get" or expected in (403, LOGIN):
            return expected
        return 405


def everyone(status: int = 200) -> dict[str, int | str]:
    return {persona: status for persona in PERSONAS}


def only(*personas: str, status: int = 200) -> dict[str, int | str]:
    return {persona: status for persona in personas}


SOUTHWARK = {"alliance_slug": "southwark"}
STEEP = {"alliance_slug": "steep"}
