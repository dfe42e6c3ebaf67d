"""Evaluation pages in the role × page matrix."""

from __future__ import annotations

from evaluation.certificates import certificates_issue
from evaluation.models import Certificate
from members.models import Organisation, Person
from tests.permission_table import LOGIN, SOUTHWARK, Page, everyone, only

ROWS: list[Page] = []

# --- Certificates and CPD records (issue 13, part 2) ---


def _demo_certificate() -> Certificate:
    """Alice Morgan of Bellenden attended the demo's one-day "Behaviour for learning"."""
    certificates_issue()
    return Certificate.objects.get(programme_title="Behaviour for learning")


def _certificate(demo) -> dict:
    return {**SOUTHWARK, "pk": _demo_certificate().pk}


def _code(demo) -> dict:
    return {"code": _demo_certificate().code}


def _bellenden_teacher(demo) -> dict:
    return {**SOUTHWARK, "pk": Person.objects.get(full_name="Alice Morgan").pk}


def _bellenden(demo) -> dict:
    return {**SOUTHWARK, "pk": Organisation.objects.get(name="Bellenden Road Primary School").pk}


ROWS += [
    Page("certificates:verify", _code, expected=everyone()),
    Page("certificates:verify", {"code": "ZZZZZ-ZZZZZ"}, expected=everyone(404)),
    # The delegate (no demo persona) and their head; nobody else, the director included.
    Page("evaluation:certificate-download", _certificate, expected=only("head")),
    # Everyone's own record; a site administrator without a person has none.
    Page(
        "evaluation:my-record",
        SOUTHWARK,
        expected={"anonymous": LOGIN, "superuser": 403},
        default=200,
    ),
    Page("evaluation:person-record", _bellenden_teacher, expected=only("head")),
    Page("evaluation:person-record-pdf", _bellenden_teacher, expected=only("head")),
    Page("evaluation:person-record-csv", _bellenden_teacher, expected=only("head")),
    Page("evaluation:school-record", _bellenden, expected=only("head")),
    Page("evaluation:school-record-csv", _bellenden, expected=only("head")),
]
# --- end of certificates and CPD records ---
