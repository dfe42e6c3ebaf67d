"""The records of applicants who did not start are deleted once their recruitment year has
ended: recorded in the clean-up record and the audit log; trainees' applications are kept."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command

from alliance.models import AcademicYear, AuditEntry
from itt.models import Applicant, ApplicantCleanup, Stage
from itt.services import applicants_clean_up


def test_it_deletes_non_starters_of_ended_years_only(make_applicant):
    current = AcademicYear.current()
    last_year = AcademicYear.objects.get_or_create(start_year=current.start_year - 1)[0]
    gone = [make_applicant(stage=s, year=last_year) for s in (Stage.DECLINED, Stage.OFFER)]
    kept = [
        make_applicant(stage=Stage.IN_TRAINING, year=last_year),
        make_applicant(stage=Stage.DECLINED, year=current),
        make_applicant(stage=Stage.APPLIED),
    ]
    alliance = gone[0].partnership.alliance
    before = AuditEntry.objects.filter(alliance=alliance.pk).count()

    deleted = applicants_clean_up(ran_by="test")

    assert deleted >= 2  # and the demo's own, if any
    assert not Applicant.objects.filter(pk__in=[a.pk for a in gone]).exists()
    assert Applicant.objects.filter(pk__in=[a.pk for a in kept]).count() == 3
    record = ApplicantCleanup.objects.get(alliance=alliance, academic_year=last_year)
    assert record.deleted >= 2 and record.ran_by == "test"
    entry = AuditEntry.objects.filter(alliance=alliance.pk).order_by("-pk").first()
    assert AuditEntry.objects.filter(alliance=alliance.pk).count() > before
    assert f"ITT applicants for {last_year} who did not start training deleted" in entry.detail
    # A second run finds nothing left and records nothing.
    assert applicants_clean_up(ran_by="test") == 0
    assert ApplicantCleanup.objects.filter(academic_year=last_year).count() == 1


def test_a_year_is_kept_until_it_has_ended(make_applicant, next_year):
    applicant = make_applicant(stage=Stage.WITHDRAWN)
    last_day = next_year.ends_on
    assert (
        applicants_clean_up(today=last_day, ran_by="test") == 0
        or Applicant.objects.filter(pk=applicant.pk).exists()
    )
    assert Applicant.objects.filter(pk=applicant.pk).exists()
    applicants_clean_up(today=last_day + datetime.timedelta(days=1), ran_by="test")
    assert not Applicant.objects.filter(pk=applicant.pk).exists()


def test_the_command_runs_it(make_applicant):
    last_year = AcademicYear.objects.get_or_create(
        start_year=AcademicYear.current().start_year - 1
    )[0]
    applicant = make_applicant(stage=Stage.APPLIED, year=last_year)
    out = StringIO()
    call_command("clean_up_applicants", stdout=out)
    assert "applicant record(s) deleted" in out.getvalue()
    assert not Applicant.objects.filter(pk=applicant.pk).exists()
    assert ApplicantCleanup.objects.filter(ran_by="clean_up_applicants").exists()


def test_send_emails_runs_it_as_a_periodic_job(make_applicant):
    last_year = AcademicYear.objects.get_or_create(
        start_year=AcademicYear.current().start_year - 1
    )[0]
    applicant = make_applicant(stage=Stage.DECLINED, year=last_year)
    call_command("send_emails", stdout=StringIO())
    assert not Applicant.objects.filter(pk=applicant.pk).exists()
    assert ApplicantCleanup.objects.filter(ran_by="send_emails (periodic)").exists()
