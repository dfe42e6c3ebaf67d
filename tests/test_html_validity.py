"""Pages are valid HTML, as the Nu HTML checker (vnu.jar) judges them.

scripts/test fetches vnu.jar from its npm package; VNU_JAR points at it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

VNU_JAR = Path(os.environ.get("VNU_JAR", ".cache/vnu/package/build/dist/vnu.jar"))

# (persona, path): public pages, forms and role pages; apps add theirs.
PAGES = [
    ("anonymous", "/"),
    ("anonymous", "/southwark/"),
    ("anonymous", "/southwark/members/?kind=member_school"),
    ("anonymous", "/southwark/strands/"),
    ("anonymous", "/southwark/strands/cpd/"),
    ("anonymous", "/southwark/sle/"),
    ("anonymous", "/accounts/login/"),
    ("anonymous", "/accounts/password/reset/"),
    ("director", "/southwark/home/"),
    ("director", "/southwark/people/"),
    ("director", "/southwark/people/invite/"),
    ("sle", "/southwark/home/"),
    ("la-adviser", "/home/"),
    ("la-adviser", "/southwark/home/"),
    ("head", "/accounts/2fa/"),
    ("anonymous", "/catalogue/?places=on"),
    ("anonymous", "/southwark/cpd/"),
    ("anonymous", "/southwark/cpd/?q=maths&date_from=2027-02-01&date_to=2027-01-01"),
    ("anonymous", "/catalogue/?date_from=2026-12-01&date_to=2027-06-30"),
    ("head", "/home/calendar/"),
    ("head", "/southwark/cpd/bookings/"),
    ("cpd-lead", "/southwark/cpd/manage/"),
    ("cpd-lead", "/southwark/cpd/new/"),
    ("director", "/southwark/strands/board/"),
    ("director", "/southwark/strands/board/history/"),
    ("director", "/southwark/strands/board/leads/assign/"),
    ("director", "/southwark/strands/funded-time/"),
    ("director", "/southwark/strands/support/"),
    ("head", "/southwark/strands/support/new/"),
    ("director", "/southwark/strands/capacity/"),
    ("director", "/southwark/strands/clusters/"),
    ("director", "/southwark/strands/clusters/new/"),
    ("sle", "/southwark/strands/deployments/mine/"),
    ("director", "/southwark/audit/"),
    ("anonymous", "/p/lewisham/?alliance=lewisham-la"),
    ("head", "/southwark/cpd/staff/invite/"),
]


def _object_pages() -> list[tuple[str, str]]:
    """Pages of demo objects whose ids the database chooses, and a grant awaiting approval."""
    from alliance.models import Alliance, Role
    from governance.models import Meeting
    from members.models import Invitation, Organisation, Person
    from members.services import invitation_create
    from programmes.models import Programme
    from strands.models import Deployment

    programme = (
        Programme.objects.filter(alliance__slug="southwark", status="published", strand__kind="cpd")
        .order_by("pk")
        .first()
    )
    session = programme.sessions.order_by("starts_at").first()
    teacher = Person.objects.filter(organisation__name="Bellenden Road Primary School").first()
    # Published minutes: the meeting page explains why its record is locked.
    minuted = Meeting.objects.get(alliance__slug="southwark", title="Strategic Board, autumn term")
    director = Person.objects.get(user__email="director@demo.test")
    invitation_create(
        actor=director.user,
        alliance=Alliance.objects.get(slug="southwark"),
        invitation=Invitation(
            full_name="Ada Newby",
            email="ada.newby@example.test",
            organisation=Organisation.objects.get(name="Crampton Primary School"),
            role=Role.ADMINISTRATOR,
        ),
        base_url="http://testserver/",
    )
    deployment = Deployment.objects.get(
        support_request__school__name="Bellenden Road Primary School", status="in_progress"
    )
    return [
        ("chair", "/southwark/people/grants/"),
        ("sle", f"/southwark/strands/deployments/{deployment.pk}/log/"),
        ("head", f"/southwark/strands/deployments/{deployment.pk}/log/"),
        ("administrator", f"/southwark/meetings/{minuted.pk}/"),
        ("director", f"/southwark/people/{teacher.pk}/anonymise/"),
        ("anonymous", f"/southwark/cpd/{programme.pk}/"),
        ("head", f"/southwark/cpd/{programme.pk}/book/"),
        ("cpd-lead", f"/southwark/cpd/{programme.pk}/edit/"),
        ("cpd-lead", f"/southwark/cpd/sessions/{session.pk}/register/"),
        *_booking_pages(programme, session),
    ]


def _booking_pages(programme, session) -> list[tuple[str, str] | tuple[str, str, dict]]:
    """Check your answers (the answer to the booking form's post), the confirmation, and the
    pages that ask before cancelling a place or giving it to a colleague."""
    from members.models import Organisation, Person
    from programmes.services import booking_create

    bellenden = Organisation.objects.get(name="Bellenden Road Primary School")
    vera = Person.objects.create(
        full_name="Vera Valid", email="vera.valid@bellenden.test", organisation=bellenden
    )
    head = Person.objects.get(user__email="head@demo.test")
    [booking] = booking_create(
        actor=head, organisation=bellenden, sessions=[session], delegates=[vera]
    )
    answers = {"sessions": [session.pk], "new_name": "Nia New", "new_email": "nia@b.test"}
    return [
        ("head", f"/southwark/cpd/{programme.pk}/book/check/", answers),
        ("head", f"/southwark/cpd/bookings/{booking.group.reference}/"),
        ("head", f"/southwark/cpd/bookings/{booking.pk}/cancel/"),
        ("head", f"/southwark/cpd/bookings/{booking.pk}/swap/"),
    ]


def _impact_pages() -> list[tuple[str, str]]:
    """The impact report of the last full year, which the demo publishes with a foreword: the
    board's, the foreword and the public one."""
    from alliance.models import AcademicYear

    year = AcademicYear.current().start_year - 1
    impact = f"/southwark/evaluation/impact/{year}/"
    return [
        ("director", impact),
        ("director", f"{impact}foreword/"),
        ("anonymous", f"{impact}public/"),
        ("anonymous", "/southwark/"),
    ]


def _cohort_pages() -> list[tuple[str, str]]:
    """Issue 15: a cohort's page, its application form, the applications and an enrolment."""
    from members.models import Person
    from programmes import cohorts
    from programmes.models import Programme

    npqsl = Programme.objects.get(title="NPQSL: leading across a school")
    teacher = Person.objects.get(user__email="teacher@demo.test")
    enrolment = cohorts.apply(actor=teacher, programme=npqsl, participant=teacher)
    return [
        ("anonymous", f"/southwark/cpd/{npqsl.pk}/"),
        ("teacher", f"/southwark/cpd/{npqsl.pk}/apply/"),
        ("leadership-lead", f"/southwark/cpd/{npqsl.pk}/applications/"),
        ("head", f"/southwark/cpd/enrolments/{enrolment.pk}/"),
        ("head", "/southwark/home/"),
        ("head", "/southwark/cpd/my-programmes/"),
    ]


def test_it_serves_valid_html(tmp_path, login):
    assert VNU_JAR.is_file(), f"vnu.jar not found at {VNU_JAR}: run the suite with scripts/test"
    files = []
    for index, (persona, path, *posted) in enumerate(
        PAGES + _object_pages() + _impact_pages() + _cohort_pages()
    ):
        client = login(persona)
        response = client.post(path, posted[0]) if posted else client.get(path)
        assert response.status_code == 200, path
        assert b"Confirm booking" in response.content or not posted, path
        title = response.content.decode().split("<title>")[1].split("</title>")[0]
        assert "<" not in title and title.strip(), f"{path} has the title {title!r}"
        page = tmp_path / f"page{index}.html"
        page.write_bytes(response.content)
        files.append((page, path))
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--errors-only",
            "--exit-zero-always",
            *(str(f) for f, _ in files),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    by_file = {f"file:{f}": path for f, path in files}
    errors = [
        f"{by_file.get(m.get('url'), m.get('url'))}: {m['message']} ({m.get('extract', '')})"
        for m in json.loads(result.stderr or result.stdout)["messages"]
        if m["type"] == "error"
    ]
    assert not errors, "\n".join(errors)
