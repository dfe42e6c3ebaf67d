"""Demo research: Southwark's marking-and-feedback project (seed 002), finished last year with its
findings published, and this year's project on early reading, under way with a draft. The dates
are written as if this year were 2026/27 and moved to the demo's own year when seeded."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from alliance.demo import DemoAlliance
from alliance.terms import years_on
from governance.demo import DEMO_PDF
from members.models import User
from research.models import Audience, Output, OutputFile, ProjectPhase, ResearchProject
from strands.models import StrandKind

MARKING = "Marking and feedback: less burden, more impact"
MARKING_FINDINGS = (
    "Twelve classes in six schools replaced written marking with **whole-class feedback** and "
    "live marking for two terms.\n\n"
    "- Teachers spent on average **2 hours 40 minutes less** a week on marking.\n"
    "- Pupils acted on feedback in the next lesson in 8 of 10 observed lessons (4 of 10 "
    "before).\n"
    "- Work scrutiny found no fall in the quality of pupils' written work.\n\n"
    "What we recommend: a short feedback policy built on three routines (whole-class feedback "
    'sheets, live marking during the lesson, and a weekly "fix-it" slot), introduced with a staff '
    "meeting and one coaching visit. The full report and the feedback sheet template are below."
)
WORKLOAD = (
    "The staff survey before and after the trial (87 and 81 responses): the share of teachers "
    'saying marking takes "too much" of their time fell from 71% to 38%. Comments from the '
    "survey, without names, are in the attached summary for member schools."
)
READING = "Early reading: keeping up, not catching up"
READING_DRAFT = (
    "Interim notes from the first half term: the daily keep-up sessions are running in all four "
    "schools; the baseline phonics check has been done in three."
)


# The demo year the dates below were written for.
WRITTEN_FOR = 2026


def _day(day: str, this_year: int) -> datetime.date:
    return years_on(datetime.date.fromisoformat(day), this_year - WRITTEN_FOR)


def _at(day: str, this_year: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(_day(day, this_year), datetime.time(16)))


def _file(output: Output, title: str, filename: str, uploader: User) -> None:
    name = f"research-outputs/demo/{filename}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(DEMO_PDF))
    OutputFile.objects.get_or_create(
        output=output,
        title=title,
        defaults={
            "file": name,
            "original_name": filename,
            "size": len(DEMO_PDF),
            "uploaded_by": uploader,
        },
    )


def _project(demo: DemoAlliance, title: str, **fields) -> tuple[ResearchProject, bool]:
    return ResearchProject.objects.get_or_create(
        alliance=demo.alliance, title=title, defaults=fields
    )


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    people, orgs = southwark.people, southwark.organisations
    this_year = southwark.year.start_year
    director = User.objects.get(email="director@demo.test")
    lead = people[f"lead-{StrandKind.RESEARCH}"]
    marking, created = _project(
        southwark,
        MARKING,
        question=(
            "Can we reduce the time teachers spend marking while increasing the impact of "
            "feedback on pupils' learning?"
        ),
        lead=lead,
        created_by=director,
    )
    if created:
        marking.strands.set(
            [southwark.strands[k] for k in (StrandKind.RESEARCH, StrandKind.CPD)]
            + [southwark.strands[StrandKind.SCHOOL_SUPPORT]]
        )
        schools = [
            "Albion Street Primary School",
            "Bellenden Road Primary School",
            "Grange Walk Primary School",
            "Nunhead Green Primary School",
            "Denmark Hill School",
            "Goose Green Academy",
        ]
        marking.schools.set([orgs[name] for name in schools])
        marking.people.set([people["head"], people["cpd-lead"], people["sle"]])
        for title, starts, ends in [
            ("Reading the research and agreeing the trial", "2025-09-08", "2025-10-17"),
            ("Trial in twelve classes", "2025-11-03", "2026-03-27"),
            ("Workload survey and work scrutiny", "2026-04-20", "2026-05-22"),
            ("Writing up and sharing the findings", "2026-06-01", "2026-07-10"),
        ]:
            ProjectPhase.objects.create(
                project=marking,
                title=title,
                starts_on=_day(starts, this_year),
                ends_on=_day(ends, this_year),
            )
        findings = Output.objects.create(
            project=marking,
            title="What we found: feedback that moves learning on",
            summary=MARKING_FINDINGS,
            audience=Audience.PUBLIC,
            published_at=_at("2026-07-10", this_year),
            published_by=director,
        )
        _file(findings, "Full report", "marking-and-feedback-report.pdf", director)
        _file(findings, "Whole-class feedback sheet", "whole-class-feedback-sheet.pdf", director)
        survey = Output.objects.create(
            project=marking,
            title="Staff workload survey",
            summary=WORKLOAD,
            audience=Audience.MEMBERS,
            published_at=_at("2026-07-10", this_year),
            published_by=director,
        )
        _file(survey, "Survey summary for member schools", "workload-survey-summary.pdf", director)

    reading, created = _project(
        southwark,
        READING,
        question=(
            "Do daily keep-up phonics sessions, led by trained teaching assistants, reduce the "
            "number of Year 1 pupils who need catch-up support by the spring?"
        ),
        # The demo SLE leads it, so she edits her own project without running the strand.
        lead=people["sle"],
        created_by=director,
    )
    if created:
        reading.strands.set(
            [southwark.strands[k] for k in (StrandKind.RESEARCH, StrandKind.SLE, StrandKind.CPD)]
        )
        reading.schools.set(
            [
                orgs[name]
                for name in [
                    "Camberwell Grove Primary School",
                    "Honor Oak Primary School",
                    "Surrey Quays Primary School",
                    "Walworth Road Primary School",
                ]
            ]
        )
        for title, starts, ends in [
            ("Baseline phonics check", "2026-09-14", "2026-10-02"),
            ("Daily keep-up sessions", "2026-10-05", "2027-03-26"),
            ("Spring check and findings", "2027-04-19", "2027-05-28"),
        ]:
            ProjectPhase.objects.create(
                project=reading,
                title=title,
                starts_on=_day(starts, this_year),
                ends_on=_day(ends, this_year),
            )
        Output.objects.create(
            project=reading,
            title="Interim notes, autumn",
            summary=READING_DRAFT,
            audience=Audience.MEMBERS,
        )
