"""No page links to a page that answers 403 for the person reading it.

For every demo persona, from their home, the alliance's home and every page those link to (the
navigation and the main pages), each link followed answers anything but 403. One URL of each
shape is followed (``/southwark/cpd/12/`` stands for every programme), so the walk stays short.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from alliance.management.commands.seed_demo import DEMO_SIGN_INS

pytestmark = pytest.mark.django_db

# Where a GET does something other than show a page, or leaves the portal's own pages.
SKIP = re.compile(r"^/(static|media|admin|accounts/logout)/|^/accounts/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith("/") and not href.startswith("//"):
            self.hrefs.append(href.split("#")[0])


def _links_on(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [href for href in parser.hrefs if href and not SKIP.match(href)]


def _shape(url: str) -> str:
    return re.sub(r"\d+", "N", url.split("?")[0])


def _walk(client, starts: list[str], depth: int = 2) -> dict[str, tuple[int, str]]:
    """Every link found within ``depth`` clicks of the start pages: url → (status, found on)."""
    seen: dict[str, tuple[int, str]] = {}
    shapes: set[str] = set()
    frontier = [(url, "(start)") for url in starts]
    for _ in range(depth + 1):
        following = []
        for url, found_on in frontier:
            if url in seen or _shape(url) in shapes:
                continue
            shapes.add(_shape(url))
            response = client.get(url, follow=True)
            seen[url] = (response.status_code, found_on)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                following += [(link, url) for link in _links_on(response.content.decode())]
        frontier = following
    return seen


@pytest.mark.parametrize("email", DEMO_SIGN_INS)
def test_no_link_a_persona_sees_answers_403(client, demo, email):
    client.force_login(demo.user(email.split("@")[0]))
    slug = "steep" if email.startswith("steep") else "southwark"
    walked = _walk(client, ["/home/", f"/{slug}/", f"/{slug}/home/"])
    # A start page typed in may refuse (a role home without the role); a link may not.
    forbidden = {
        url: found_on
        for url, (status, found_on) in walked.items()
        if status == 403 and found_on != "(start)"
    }
    assert len(walked) > 10
    assert forbidden == {}
