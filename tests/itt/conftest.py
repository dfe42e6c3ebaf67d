"""A partnership of the demo alliance of its own for each test, and its applicants."""

from __future__ import annotations

from itertools import count

import pytest

from alliance.models import AcademicYear
from alliance.permissions import perms_for
from itt.models import Applicant, Partnership, Route, Stage
from itt.services import applicant_create
from members.models import Organisation

_serial = count()


@pytest.fixture
def itt_lead(demo):
    user = demo.user("itt-lead")
    return user, perms_for(user.person, demo.southwark)


@pytest.fixture
def partnership(demo) -> Partnership:
    return Partnership.objects.create(
        alliance=demo.southwark,
        name=f"Test partnership {next(_serial)}",
        lead_school=Organisation.objects.get(name="John Donne Primary School"),
        provider=Organisation.objects.get(name="UCL Institute of Education"),
        provider_contact_email="provider@ioe.test",
        route=Route.SALARIED,
    )


@pytest.fixture
def next_year(demo) -> AcademicYear:
    return AcademicYear.objects.get_or_create(start_year=AcademicYear.current().start_year + 1)[0]


@pytest.fixture
def make_applicant(partnership, next_year, itt_lead):
    user, perms = itt_lead

    def make(*, stage: str = Stage.APPLIED, year: AcademicYear | None = None) -> Applicant:
        n = next(_serial)
        applicant = applicant_create(
            perms=perms,
            actor=user,
            applicant=Applicant(
                partnership=partnership,
                academic_year=year or next_year,
                full_name=f"Applicant {n}",
                email=f"applicant{n}@example.test",
                subject="Primary general",
                route=partnership.route,
            ),
        )
        if stage != Stage.APPLIED:
            # Straight there for tests: the moves are tested on their own.
            Applicant.objects.filter(pk=applicant.pk).update(stage=stage)
            applicant.refresh_from_db()
        return applicant

    return make
