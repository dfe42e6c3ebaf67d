"""Writes to the impact report: the director's foreword and publishing the public version."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alliance.locks import lock_one
from alliance.models import AcademicYear, Alliance
from alliance.permissions import has_perm
from evaluation.models import ImpactReport
from members.models import Person


def _locked_report(*, alliance: Alliance, year: AcademicYear) -> ImpactReport:
    """The year's report row, made if missing, locked so two clicks write one after the other."""
    ImpactReport.objects.get_or_create(alliance=alliance, academic_year=year)
    return lock_one(ImpactReport.objects.all(), alliance=alliance, academic_year=year)


def impact_foreword_save(
    *, actor: Person, alliance: Alliance, year: AcademicYear, foreword: str
) -> ImpactReport:
    if not has_perm(actor, "impact.publish", alliance):
        raise PermissionDenied
    with transaction.atomic():
        report = _locked_report(alliance=alliance, year=year)
        report.foreword = foreword
        report.full_clean()
        report.save(update_fields=["foreword", "updated_at"])
    return report


def impact_report_publish(*, actor: Person, alliance: Alliance, year: AcademicYear) -> bool:
    """Publish the year's public report; ``False`` when it already was (a second click)."""
    if not has_perm(actor, "impact.publish", alliance):
        raise PermissionDenied
    with transaction.atomic():
        report = _locked_report(alliance=alliance, year=year)
        if report.published_at is not None:
            return False
        report.published_at = timezone.now()
        report.published_by = actor
        report.save(update_fields=["published_at", "published_by", "updated_at"])
    return True


def impact_report_withdraw(*, actor: Person, alliance: Alliance, year: AcademicYear) -> None:
    """Take the public version off the alliance's page again."""
    if not has_perm(actor, "impact.publish", alliance):
        raise PermissionDenied
    with transaction.atomic():
        report = _locked_report(alliance=alliance, year=year)
        report.published_at = None
        report.save(update_fields=["published_at", "updated_at"])
