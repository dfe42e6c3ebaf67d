"""Certificates of completion: who has earned one, issuing it (once), and its QR code.

A delegate earns a certificate for a programme when they were marked present at every session
of it that took place: a cancelled session asks nothing of anyone, and a one-day course is a
programme of one session. A cohort's participant earns it when the lead marks their enrolment
completed (which may allow a missed session). ``certificates_issue`` (run by
``process_evaluation``) issues and emails each one once; the unique constraint on (programme,
person) keeps two runs at the same time from issuing it twice.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal

import segno
from django.db import IntegrityError, transaction
from django.db.models import (
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Min,
)
from django.db.models import Sum as DbSum
from django.urls import reverse
from django.utils import timezone

from alliance.models import Role, RoleAssignment
from alliance.outbox import email_later
from evaluation.models import Certificate
from members.models import Person
from programmes.models import (
    Programme,
    ProgrammeStatus,
    Session,
    SessionStatus,
)
from programmes.selectors import completions

# No 0/O, 1/I/L or U: a code read aloud or typed from paper cannot be mistaken for another.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_HALF = 5

SESSION_LENGTH = ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())


def new_certificate_code() -> str:
    """A random code such as ``7KQ2M-XR4TD``: 30¹⁰ (about 6 × 10¹⁴) possibilities."""
    halves = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_HALF)) for _ in "ab")
    return "-".join(halves)


def normalise_code(text: str) -> str:
    """A code as typed (lower case, spaces, no dash) in the form it is stored."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(letters) != 2 * CODE_HALF:
        return ""
    return f"{letters[:CODE_HALF]}-{letters[CODE_HALF:]}"


def hours_of(duration: datetime.timedelta | None) -> Decimal:
    """Hours to one decimal place, as a certificate and a CPD record print them."""
    if not duration:
        return Decimal("0.0")
    return (Decimal(duration.total_seconds()) / 3600).quantize(Decimal("0.1"))


def _scheduled_sessions():
    return Session.objects.filter(status=SessionStatus.SCHEDULED)


def certificates_due(*, now: datetime.datetime | None = None) -> list[tuple[int, int]]:
    """(programme id, person id) of every certificate earned and not yet issued: whoever
    completed a programme not cancelled (``programmes.selectors.completions``: every session
    of a drop-in programme that is over, or a cohort's enrolment marked completed)."""
    return completions(
        Programme.objects.exclude(status=ProgrammeStatus.CANCELLED),
        now=now,
        unless_in=Certificate.objects.all(),
    )


@dataclass(frozen=True)
class ProgrammeFacts:
    first_date: datetime.date
    last_date: datetime.date
    hours: Decimal


def programme_facts(programme: Programme) -> ProgrammeFacts:
    """The dates and hours a certificate prints: of the sessions that took place."""
    facts = (
        _scheduled_sessions()
        .filter(programme=programme)
        .aggregate(first=Min("starts_at"), last=Max("ends_at"), length=DbSum(SESSION_LENGTH))
    )
    return ProgrammeFacts(
        first_date=timezone.localdate(facts["first"]),
        last_date=timezone.localdate(facts["last"]),
        hours=hours_of(facts["length"]),
    )


def director_name(alliance_id: int) -> str:
    """The name of the alliance's director today (their current role assignment)."""
    director = (
        RoleAssignment.objects.current()
        .filter(alliance_id=alliance_id, role=Role.DIRECTOR)
        .select_related("person")
        .order_by("-starts_on", "pk")
        .first()
    )
    return director.person.full_name if director else ""


def certificate_issue(*, programme: Programme, person: Person) -> Certificate | None:
    """Issue one certificate and put its email in the outbox, in one transaction; ``None`` when
    it was issued already (by an earlier or a simultaneous run)."""
    facts = programme_facts(programme)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    code=new_certificate_code(),
                    programme=programme,
                    person=person,
                    organisation_id=person.organisation_id,
                    alliance_id=programme.alliance_id,
                    full_name=person.full_name,
                    programme_title=programme.title,
                    first_date=facts.first_date,
                    last_date=facts.last_date,
                    hours=facts.hours,
                    director_name=director_name(programme.alliance_id),
                    emailed_at=timezone.now() if person.email else None,
                )
                if person.email:
                    email_later(
                        kind="certificate.issued", payloads=[{"certificate_id": certificate.pk}]
                    )
                return certificate
        except IntegrityError:
            if Certificate.objects.filter(programme=programme, person=person).exists():
                return None
            # Otherwise the random code was taken: draw another.
    raise RuntimeError("No free certificate code after five tries.")


def certificates_issue(*, now: datetime.datetime | None = None) -> int:
    """Issue every certificate earned; returns how many were issued by this run."""
    due = certificates_due(now=now)
    programmes = Programme.objects.in_bulk({programme_id for programme_id, _ in due})
    people = Person.objects.in_bulk({person_id for _, person_id in due})
    issued = 0
    for programme_id, person_id in due:
        if certificate_issue(programme=programmes[programme_id], person=people[person_id]):
            issued += 1
    return issued


def verify_path(certificate: Certificate) -> str:
    return reverse("certificates:verify", kwargs={"code": certificate.code})


def download_path(certificate: Certificate) -> str:
    return reverse(
        "evaluation:certificate-download",
        kwargs={"alliance_slug": certificate.alliance.slug, "pk": certificate.pk},
    )


def qr_svg(url: str) -> str:
    """An inline SVG QR code of ``url`` (no XML declaration), for the HTML WeasyPrint lays out."""
    return segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#000", title=url)
