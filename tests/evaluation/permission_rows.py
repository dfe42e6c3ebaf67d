"""Evaluation's pages in the role × page matrix."""

from __future__ import annotations

from django.utils import timezone

from alliance.models import AcademicYear, Alliance
from evaluation.models import ImpactReport
from tests.permission_table import SOUTHWARK, STEEP, Page, everyone, only

ROWS: list[Page] = []

# --- The impact report (issue 13, part 3) ---------------------------------------------------
# Every figure and name: the board (chair, director, board members); the director writes and
# publishes. The public version answers everyone once published, and 404 until then.
IMPACT_READERS = ("chair", "director", "board", "la-adviser")


def _last_year() -> int:
    return AcademicYear.current().start_year - 1


def impact_year(demo) -> dict:
    return {**SOUTHWARK, "start_year": _last_year()}


def published_year(demo) -> dict:
    year, _ = AcademicYear.objects.get_or_create(start_year=_last_year())
    ImpactReport.objects.update_or_create(
        alliance=Alliance.objects.get(slug="southwark"),
        academic_year=year,
        defaults={"published_at": timezone.now()},
    )
    return impact_year(demo)


ROWS += [
    Page("evaluation:impact-latest", SOUTHWARK, expected=only(*IMPACT_READERS, status=302)),
    Page(
        "evaluation:impact-latest", STEEP, expected=only("steep-director", "la-adviser", status=302)
    ),
    Page("evaluation:impact-report", impact_year, expected=only(*IMPACT_READERS)),
    Page("evaluation:impact-report-pdf", impact_year, expected=only(*IMPACT_READERS)),
    Page("evaluation:impact-foreword", impact_year, expected=only("director")),
    Page(
        "evaluation:impact-publish",
        impact_year,
        expected=only("director", status=302),
        method="post",
    ),
    Page(
        "evaluation:impact-withdraw",
        impact_year,
        expected=only("director", status=302),
        method="post",
    ),
    Page("evaluation:impact-public", impact_year, expected=everyone(404)),
    Page("evaluation:impact-public", published_year, expected=everyone(200)),
    Page("evaluation:impact-public-pdf", impact_year, expected=everyone(404)),
    Page("evaluation:impact-public-pdf", published_year, expected=everyone(200)),
]
