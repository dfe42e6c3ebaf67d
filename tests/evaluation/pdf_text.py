"""The words of a PDF the portal prints, read from WeasyPrint's own layout (no PDF parser is
installed, and none is added for tests)."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML


def laid_out_text(template: str, context: dict) -> str:
    document = HTML(string=render_to_string(template, context)).render()
    words: list[str] = []

    def walk(box) -> None:
        text = getattr(box, "text", None)
        if text:
            words.append(text)
        for child in getattr(box, "children", []) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(words)
