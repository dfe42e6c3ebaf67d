"""Designating SLEs in the role × page matrix (issue 17).

The directory is public. Rounds, decisions and reviews are the director's. Anyone signed in
sees the open rounds; staff of the alliance's schools may apply. An application is seen by its
applicant, their head and the director: anyone else, another school's head included, is told
nothing (404). The support link is the applicant's head's only."""

from sle.models import ApplicationStatus, DesignationRound, SleApplication
from sle.services import support_token
from tests.permission_table import LOGIN, SOUTHWARK, Page, everyone, only

# Staff of Southwark's teaching and member schools (the demo's sign-ins), but the director,
# who decides.
SCHOOL_STAFF = (
    "administrator",
    "chair",
    "cpd-lead",
    "finance",
    "head",
    "leadership-lead",
    "mentor",
    "reviewer",
    "sle",
    "teacher",
)
SIGNED_IN = {**everyone(), "anonymous": LOGIN}
# Everyone signed in but the director and the applicant's head is told nothing of it.
TOLD_NOTHING = {**everyone(404), "anonymous": LOGIN}


def _open_round(demo) -> dict:
    found = DesignationRound.objects.get(alliance=demo.southwark, closed_at__isnull=True)
    return {**SOUTHWARK, "pk": found.pk}


def _application(status: str):
    def kwargs(demo) -> dict:
        found = SleApplication.objects.filter(round__alliance=demo.southwark, status=status).first()
        return {**SOUTHWARK, "pk": found.pk}

    return kwargs


def _support_link(demo) -> dict:
    # Ben Okoye's application, from Bellenden Road: the head persona's school.
    found = SleApplication.objects.get(
        round__alliance=demo.southwark, status=ApplicationStatus.AWAITING_SUPPORT
    )
    return {**SOUTHWARK, "token": support_token(found)}


def _designation(demo) -> dict:
    from members.models import Designation

    found = Designation.objects.get(alliance=demo.southwark, person__full_name="Nia Campbell")
    return {**SOUTHWARK, "pk": found.pk}


ROWS = [
    Page("sle:directory", SOUTHWARK, expected=everyone()),
    Page(
        "sle:directory",
        SOUTHWARK,
        expected=everyone(),
        query="?q=phonics&phase=primary&available=on",
    ),
    Page("sle:round-list", SOUTHWARK, expected=SIGNED_IN),
    Page("sle:round-create", SOUTHWARK, expected=only("director")),
    Page("sle:round-detail", _open_round, expected=only("director")),
    Page("sle:round-edit", _open_round, expected=only("director")),
    Page("sle:round-close", _open_round, expected=only("director", status=302), method="post"),
    Page("sle:application-create", _open_round, expected=only(*SCHOOL_STAFF)),
    # Awaiting the support of Bellenden Road's head (the head persona).
    Page(
        "sle:application-detail",
        _application(ApplicationStatus.AWAITING_SUPPORT),
        expected={**TOLD_NOTHING, "director": 200, "head": 200},
    ),
    # From Crampton: the head persona heads another school, so is told nothing.
    Page(
        "sle:application-detail",
        _application(ApplicationStatus.SUPPORTED),
        expected={**TOLD_NOTHING, "director": 200},
    ),
    # An empty post is answered with the form and its errors.
    Page(
        "sle:application-shortlist",
        _application(ApplicationStatus.SUPPORTED),
        expected=only("director", status=422),
        method="post",
    ),
    Page(
        "sle:application-interview",
        _application(ApplicationStatus.SHORTLISTED),
        expected=only("director", status=422),
        method="post",
    ),
    Page(
        "sle:application-outcome",
        _application(ApplicationStatus.SHORTLISTED),
        expected=only("director", status=422),
        method="post",
    ),
    Page("sle:support", _support_link, expected=only("head")),
    Page("sle:support", {**SOUTHWARK, "token": "forged"}, expected={**TOLD_NOTHING}),
    Page("sle:review-list", SOUTHWARK, expected=only("director")),
    Page("sle:review-record", _designation, expected=only("director")),
]
