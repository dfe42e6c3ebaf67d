"""Fetch an invoice or a school's account for the person asking: the finance holder and the
director see every school's; a head sees their own school's, and another school's is a 404 (no
hint that it exists); anyone else is refused (403, or the sign-in page)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from alliance.permissions import get_for_alliance, refuse
from finance.models import Invoice, InvoiceStatus
from members.models import Organisation


def _may_read_school(request: HttpRequest, school_id: int) -> bool:
    if "finance.view" in request.perms:
        return True
    if "finance.view_own_school" in request.perms:
        if request.perms.heads(school_id):
            return True
        raise Http404
    refuse(request)


def get_invoice_to_read(request: HttpRequest, pk: int) -> Invoice:
    invoice = get_for_alliance(
        Invoice.objects.select_related("school", "alliance", "corrects"), request.alliance, pk=pk
    )
    _may_read_school(request, invoice.school_id)
    # A draft is the finance holder's working copy: the school has not been sent it.
    if invoice.status == InvoiceStatus.DRAFT and "finance.view" not in request.perms:
        raise Http404
    return invoice


def get_invoice_to_change(request: HttpRequest, pk: int) -> Invoice:
    """For the finance holder's writes; ``@requires`` has already checked the permission."""
    return get_for_alliance(Invoice.objects.select_related("school"), request.alliance, pk=pk)


def get_school_account(request: HttpRequest, pk: int) -> Organisation:
    try:
        school = Organisation.objects.get(pk=pk)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    _may_read_school(request, school.pk)
    return school
