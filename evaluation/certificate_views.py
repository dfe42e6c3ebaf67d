"""Certificates: the PDF for the delegate and their head, and the public page that confirms
one is genuine."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance.pdf import pdf_response
from alliance.permissions import get_for_alliance, object_page, person_of, refuse
from alliance.throttle import throttled
from evaluation.certificates import normalise_code, qr_svg, verify_path
from evaluation.models import Certificate


def get_certificate_to_download(request: HttpRequest, pk: int) -> Certificate:
    """The delegate's own certificate, or one of a member of staff of a school the person heads
    today; 404 outside the alliance, sign-in or 403 for anyone else."""
    certificate = get_for_alliance(
        Certificate.objects.select_related("alliance", "person"), request.alliance, pk=pk
    )
    person = person_of(request.user)
    if person is None:
        refuse(request)
    if certificate.person_id != person.pk and not request.perms.heads(
        certificate.person.organisation_id
    ):
        refuse(request)
    return certificate


@object_page(get_certificate_to_download)
@require_GET
def certificate_download(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    verify_url = request.build_absolute_uri(verify_path(certificate))
    context = {"certificate": certificate, "verify_url": verify_url, "qr": qr_svg(verify_url)}
    return pdf_response(
        request,
        "evaluation/certificate_pdf.html",
        context,
        filename=f"certificate-{certificate.code}.pdf",
        disposition="attachment",
    )


@throttled("certificate-verify")
@require_GET
def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: what the certificate says about the course, and whose it is by name only. An
    unknown code gets the same "not found" whatever it looks like."""
    certificate = (
        Certificate.objects.select_related("alliance").filter(code=normalise_code(code)).first()
        if normalise_code(code)
        else None
    )
    if certificate is None:
        return render(request, "evaluation/certificate_not_found.html", status=404)
    return render(request, "evaluation/certificate_verify.html", {"certificate": certificate})
