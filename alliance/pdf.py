"""PDFs the portal prints (minutes, certificates, CPD records): a template rendered to HTML,
then laid out by WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def pdf_from_template(
    template: str, context: dict[str, Any], *, request: HttpRequest | None = None
) -> bytes:
    """The PDF of a template. WeasyPrint is imported here, when a PDF is asked for: it is heavy
    to load and most requests never need it (an exception to the no-hidden-imports rule that
    hides no arrow between apps)."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    filename: str,
    disposition: str = "inline",
) -> HttpResponse:
    """A PDF answer to a request, shown in the browser (``inline``) or saved (``attachment``)."""
    response = HttpResponse(
        pdf_from_template(template, context, request=request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
