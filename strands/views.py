from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance.permissions import alliance_page, get_for_alliance
from strands.models import Strand
from strands.selectors import strand_detail_for, strands_with_leads_for


@require_GET
@alliance_page
def strand_list(request: HttpRequest) -> HttpResponse:
    strands = strands_with_leads_for(alliance=request.alliance)
    return render(request, "strands/strand_list.html", {"strands": strands})


@require_GET
@alliance_page
def strand_detail(request: HttpRequest, strand_slug: str) -> HttpResponse:
    strand = get_for_alliance(Strand.objects.all(), request.alliance, kind=strand_slug)
    return render(request, "strands/strand_detail.html", strand_detail_for(strand=strand))
