"""The one way the portal answers with a PDF: a template rendered to HTML, printed by WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def pdf_response(
    request: HttpRequest, template: str, context: dict[str, Any], *, filename: str
) -> HttpResponse:
    """``template`` as an inline PDF named ``filename``; its relative addresses (stylesheets,
    images) resolve against the site."""
    # WeasyPrint takes a second to import and most requests never print: loaded when asked.
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
