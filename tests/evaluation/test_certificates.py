"""Who earns a certificate, and that ``process_evaluation`` issues and emails each one once."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alliance.models import OutboxEmail
from alliance.outbox import emails_send
from evaluation.certificates import (
    CODE_ALPHABET,
    certificates_due,
    certificates_issue,
    new_certificate_code,
    normalise_code,
)
from evaluation.models import Certificate
from members.models import User
from programmes.models import (
    Attendance,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeFormat,
    ProgrammeStatus,
)
from tests.evaluation.builders import past_session, place, teacher
from tests.programmes.conftest import bellenden, make_programme  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(make_programme):  # noqa: F811
    """A three-session course that is over: 2 + 3 + 1.5 hours."""
    programme = make_programme(title="Mastery in maths")
    sessions = [
        past_session(programme, days_ago=30, hours=2),
        past_session(programme, days_ago=20, hours=3),
        past_session(programme, days_ago=10, hours=1.5),
    ]
    return programme, sessions


def test_it_issues_a_certificate_to_whoever_attended_every_session(course, bellenden):  # noqa: F811
    programme, sessions = course
    amira = teacher(bellenden, "Amira Shah")
    for session in sessions:
        place(session, amira)

    certificates_issue()

    certificate = Certificate.objects.get(programme=programme)
    assert certificate.person == amira
    assert certificate.full_name == "Amira Shah"
    assert certificate.programme_title == "Mastery in maths"
    assert certificate.hours == Decimal("6.5")
    assert certificate.first_date < certificate.last_date
    assert certificate.alliance_id == programme.alliance_id


def test_it_names_the_current_director(course, bellenden, demo):  # noqa: F811
    _, sessions = course
    amira = teacher(bellenden)
    for session in sessions:
        place(session, amira)
    certificates_issue()
    director = demo.user("director").person
    assert Certificate.objects.get(person=amira).director_name == director.full_name


def test_it_issues_none_to_someone_who_missed_one_session(course, bellenden):  # noqa: F811
    programme, sessions = course
    ben = teacher(bellenden)
    place(sessions[0], ben)
    place(sessions[1], ben, attendance=Attendance.ABSENT)
    place(sessions[2], ben)
    never_booked_the_last = teacher(bellenden)
    place(sessions[0], never_booked_the_last)
    place(sessions[1], never_booked_the_last)

    certificates_issue()
    assert not Certificate.objects.filter(programme=programme).exists()


def test_a_cancelled_session_does_not_count_against_anyone(course, bellenden):  # noqa: F811
    programme, sessions = course
    cancelled = past_session(programme, days_ago=15, hours=4, cancelled=True)
    cara = teacher(bellenden)
    for session in sessions:
        place(session, cara)

    certificates_issue()
    # Nor do its hours count.
    assert Certificate.objects.get(programme=programme, person=cara).hours == Decimal("6.5")
    assert cancelled.is_cancelled


def test_a_one_day_course_needs_its_one_session(make_programme, bellenden):  # noqa: F811
    programme = make_programme(title="Phonics refresher")
    session = past_session(programme, days_ago=3, hours=3)
    there, absent = teacher(bellenden), teacher(bellenden)
    place(session, there)
    place(session, absent, attendance=Attendance.ABSENT)

    certificates_issue()

    assert list(Certificate.objects.filter(programme=programme).values_list("person", "hours")) == [
        (there.pk, Decimal("3.0"))
    ]


def test_a_cohort_participant_marked_completed_gets_one_though_they_missed_a_day(
    course,
    bellenden,  # noqa: F811
):
    programme, sessions = course
    Programme.objects.filter(pk=programme.pk).update(
        format=ProgrammeFormat.COHORT, cohort_places=5, sessions_may_miss=1
    )
    done, still_on = teacher(bellenden, "Dora Done"), teacher(bellenden, "Sid Still")
    for person, status in ((done, EnrolmentStatus.COMPLETED), (still_on, EnrolmentStatus.ACCEPTED)):
        Enrolment.objects.create(
            alliance_id=programme.alliance_id,
            programme=programme,
            participant=person,
            organisation=bellenden,
            status=status,
        )
        for session in sessions[:2]:  # the third day missed, as the rule allows
            place(session, person)

    certificates_issue()

    issued = Certificate.objects.filter(programme=programme)
    assert list(issued.values_list("full_name", "hours")) == [("Dora Done", Decimal("6.5"))]


def test_it_waits_until_the_programme_is_over(course, bellenden, make_programme):  # noqa: F811
    programme, sessions = course
    later = past_session(programme, days_ago=-7)  # next week
    dan = teacher(bellenden)
    for session in sessions:
        place(session, dan)

    assert (programme.pk, dan.pk) not in certificates_due()
    later.delete()
    assert (programme.pk, dan.pk) in certificates_due()


def test_a_cancelled_programme_gives_no_certificates(course, bellenden):  # noqa: F811
    programme, sessions = course
    programme.status = ProgrammeStatus.CANCELLED
    programme.save()
    eve = teacher(bellenden)
    for session in sessions:
        place(session, eve)
    certificates_issue()
    assert not Certificate.objects.filter(programme=programme).exists()


def test_process_evaluation_issues_and_emails_once(course, bellenden, settings):  # noqa: F811
    settings.PORTAL_URL = "https://portal.example.org"
    _, sessions = course
    fay = teacher(bellenden, "Fay Adeyemi")
    for session in sessions:
        place(session, fay)
    mail.outbox.clear()

    call_command("process_evaluation", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("process_evaluation", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert certificates_issue() == 0

    certificate = Certificate.objects.get(person=fay)
    assert (
        OutboxEmail.objects.filter(
            kind="certificate.issued", payload__certificate_id=certificate.pk
        ).count()
        == 1
    )
    sent = [m for m in mail.outbox if m.to == [fay.email]]
    assert len(sent) == 1
    assert sent[0].subject == "Your certificate: Mastery in maths"
    body = sent[0].body
    assert (
        f"https://portal.example.org/southwark/evaluation/certificates/{certificate.pk}/"
        "certificate.pdf" in body
    )
    assert f"https://portal.example.org/certificates/{certificate.code}/" in body
    assert not sent[0].attachments
    assert emails_send() == 0


def test_codes_are_short_unambiguous_and_read_back_as_typed():
    codes = {new_certificate_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
        assert set(code.replace("-", "")) <= set(CODE_ALPHABET)
        assert not set(code) & set("01OIL")
    assert normalise_code(" 7kq2m xr4td ") == "7KQ2M-XR4TD"
    assert normalise_code("7KQ2M-XR4T") == ""


def test_a_delegates_certificates_are_in_their_download_and_nobody_elses(
    course,
    bellenden,  # noqa: F811
    client,
):
    _, sessions = course
    gina, other = teacher(bellenden, "Gina Okafor"), teacher(bellenden)
    for session in sessions:
        place(session, gina)
        place(session, other)
    certificates_issue()
    gina.user = User.objects.create_user(email="gina.download@example.test", password="x")
    gina.save()
    client.force_login(gina.user)

    data = client.get(reverse("personal-data-download")).json()

    certificate = Certificate.objects.get(person=gina)
    assert data["certificates"] == [
        {
            "programme": "Mastery in maths",
            "first_date": str(certificate.first_date),
            "last_date": str(certificate.last_date),
            "hours": "6.5",
            "code": certificate.code,
            "issued_at": timezone.localtime(certificate.issued_at).isoformat(),
        }
    ]
