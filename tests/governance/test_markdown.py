"""Minutes notes are Markdown, rendered safely: nothing executable survives."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from governance import services
from governance.markdown import render_markdown

PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="#" onclick="alert(1)">click</a>',
    "[a link](javascript:alert(1))",
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_it_renders_script_and_event_handlers_inert(payload):
    html = render_markdown(f"Before\n\n{payload}\n\nAfter")
    assert "<script" not in html
    assert "<img" not in html and "<svg" not in html and "<iframe" not in html
    # No real tag carries an event handler; escaped text (&lt;img onerror=…) is harmless.
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", html)
    assert 'href="javascript' not in html


def test_it_keeps_ordinary_formatting():
    html = render_markdown("**bold** and *italic*\n\n- one\n- two\n\n[site](https://example.org)")
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.django_db
def test_it_shows_a_script_payload_as_text_on_the_minutes_page(call_meeting, demo, login):
    meeting = call_meeting()
    admin = demo.user("administrator")
    minutes = services.minutes_start(actor=admin, meeting=meeting)
    services.minutes_entry_update(
        actor=admin,
        entry=minutes.entries.first(),
        notes="<script>alert('pwned')</script>\n\n<img src=x onerror=alert(1)>",
        decisions="<b onmouseover=alert(1)>decision</b>",
    )
    url = reverse("governance:minutes-detail", args=["southwark", meeting.pk])
    html = login("administrator").get(url).content.decode()
    assert "<script>alert('pwned')" not in html
    assert "&lt;script&gt;alert(" in html
    assert "<img src=x onerror" not in html
    assert "<b onmouseover" not in html and "&lt;b onmouseover=alert(1)&gt;decision" in html
