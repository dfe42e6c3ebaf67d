"""CPD records on a small hand-made case whose right answers are written here."""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from alliance.models import Role, RoleAssignment
from evaluation.certificates import certificates_issue
from evaluation.models import FeedbackRequest, RequestKind, token_digest
from evaluation.records import person_record, school_record
from members.models import Organisation, Phase
from programmes.models import Attendance, Audience, BookingStatus
from strands.models import Strand
from tests.evaluation.builders import past_session, place, teacher
from tests.programmes.conftest import make_programme  # noqa: F401

pytestmark = pytest.mark.django_db


def _feedback(booking, *, answered: bool) -> None:
    FeedbackRequest.objects.create(
        kind=RequestKind.SESSION,
        booking=booking,
        programme=booking.session.programme,
        session=booking.session,
        person=booking.delegate,
        token_digest=token_digest(secrets.token_urlsafe()),
        expires_at=timezone.now() + datetime.timedelta(days=14),
        answered_at=timezone.now() if answered else None,
    )


@pytest.fixture
def case(demo, make_programme):  # noqa: F811
    """Hand-made Primary: Ada finished Phonics (2 h + 3 h); Ben missed its first session but
    attended Middle leadership (one session, 1.5 h, at the non-member price) and is booked on
    a course to come; Cleo cancelled one place late and one in time, and waits for another."""
    school = Organisation.objects.create(name="Hand-made Primary School")
    phonics = make_programme(title="Phonics", member_price=Decimal("30"))
    phonics.audiences.set(Audience.objects.filter(code__in=["teachers", "teaching-assistants"]))
    phonics.phases.set(Phase.objects.filter(code="primary"))
    leading = make_programme(
        title="Middle leadership",
        strand=Strand.objects.get(alliance=demo.southwark, kind="leadership"),
    )
    leading.audiences.set(Audience.objects.filter(code="middle-leaders"))
    coming = make_programme(title="Coming up")
    s1a = past_session(phonics, days_ago=30, hours=2)
    s1b = past_session(phonics, days_ago=20, hours=3)
    s2 = past_session(leading, days_ago=10, hours=1.5)
    s3 = past_session(coming, days_ago=-10, hours=2)
    ada, ben, cleo = (teacher(school, name) for name in ["Ada Ames", "Ben Bell", "Cleo Cole"])
    a1 = place(s1a, ada, price="30")
    a2 = place(s1b, ada, price="30")
    place(s1a, ben, price="30", attendance=Attendance.ABSENT)
    place(s2, ben, price="50", is_member=False)
    place(s3, ben, price="30", attendance="")
    cancelled = BookingStatus.CANCELLED
    place(s1b, cleo, price="30", status=cancelled, cancelled_late=True, attendance="")
    place(s3, cleo, price="30", status=cancelled, attendance="")
    place(s2, cleo, price="50", status=BookingStatus.WAITING, attendance="")
    _feedback(a1, answered=True)
    _feedback(a2, answered=False)
    certificates_issue()
    return {"school": school, "ada": ada, "ben": ben, "cleo": cleo}


def test_a_person_s_record(case, demo):
    record = person_record(person=case["ada"], alliance=demo.southwark)

    assert record.hours == Decimal("5.0")
    assert record.sessions == 2
    assert [entry.programme.title for entry in record.programmes] == ["Phonics"]
    assert [
        (b.hours, b.feedback_asked, b.feedback_given) for b in record.programmes[0].bookings
    ] == [
        (Decimal("3.0"), True, False),
        (Decimal("2.0"), True, True),
    ]
    assert record.programmes[0].certificate.programme_title == "Phonics"
    assert len(record.certificates) == 1


def test_a_school_s_record(case, demo):
    record = school_record(school=case["school"], alliance=demo.southwark)

    staff = [(p.full_name, p.programmes, p.sessions, p.hours, p.certificates) for p in record.staff]
    assert staff == [
        ("Ada Ames", 1, 2, Decimal("5.0"), 1),
        ("Ben Bell", 1, 1, Decimal("1.5"), 1),  # Middle leadership had one session
        ("Cleo Cole", 0, 0, Decimal("0.0"), 0),
    ]
    assert record.hours == Decimal("6.5")
    assert [(r.name, r.sessions, r.hours) for r in record.by_audience] == [
        ("Middle leaders", 1, Decimal("1.5")),
        ("Teachers", 2, Decimal("5.0")),
        ("Teaching assistants", 2, Decimal("5.0")),
    ]
    assert [(r.name, r.sessions, r.hours) for r in record.by_phase] == [
        ("Primary", 2, Decimal("5.0")),
        ("Every phase", 1, Decimal("1.5")),
    ]
    assert [(r.name, r.sessions, r.hours) for r in record.by_strand] == [
        ("Continuing professional development", 2, Decimal("5.0")),
        ("Leadership development", 1, Decimal("1.5")),
    ]
    # Ada's two places, Ben's absence and his place to come, Cleo's late cancellation; not her
    # cancellation in time nor her place on the waiting list.
    assert record.spend == {"member": Decimal("150.00"), "non_member": Decimal("50.00")}
    assert record.places_charged == {"member": 5, "non_member": 1}
    assert record.total_spend == Decimal("200.00")


def _head_of(school, demo):
    head = demo.user("head").person
    RoleAssignment.objects.create(
        alliance=demo.southwark,
        person=head,
        role=Role.HEADTEACHER,
        organisation=school,
        academic_year=RoleAssignment.objects.filter(person=head).first().academic_year,
        starts_on=RoleAssignment.objects.filter(person=head).first().starts_on,
    )


def test_the_school_page_and_csv_for_its_head(case, demo, login):
    _head_of(case["school"], demo)
    client = login("head")
    kwargs = {"alliance_slug": "southwark", "pk": case["school"].pk}

    page = client.get(reverse("evaluation:school-record", kwargs=kwargs)).content.decode()
    assert "6.5 hours" in page
    assert "£200.00" in page

    response = client.get(reverse("evaluation:school-record-csv", kwargs=kwargs))
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Person,Programme,Strand,Session,Attendance,Hours,Price,Due"
    assert len(lines) == 1 + 6  # Ada 2, Ben 3, Cleo's late cancellation
    assert any(
        line.startswith("Ben Bell,Middle leadership,") and line.endswith(",1.5,non-member,50.00")
        for line in lines
    )


def test_the_person_page_pdf_and_csv(case, demo, login):
    _head_of(case["school"], demo)
    client = login("head")
    kwargs = {"alliance_slug": "southwark", "pk": case["ada"].pk}

    page = client.get(reverse("evaluation:person-record", kwargs=kwargs)).content.decode()
    assert "5.0 hours" in page
    assert "Not given" in page and "Given" in page

    csv = b"".join(
        client.get(reverse("evaluation:person-record-csv", kwargs=kwargs)).streaming_content
    ).decode("utf-8-sig")
    assert csv.splitlines()[0] == "Programme,Strand,Session,Hours,Feedback,Certificate"
    assert len(csv.splitlines()) == 3

    pdf = client.get(reverse("evaluation:person-record-pdf", kwargs=kwargs))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_a_head_of_another_school_may_not_read_them(case, login):
    client = login("head")
    person = {"alliance_slug": "southwark", "pk": case["ada"].pk}
    school = {"alliance_slug": "southwark", "pk": case["school"].pk}
    assert client.get(reverse("evaluation:person-record", kwargs=person)).status_code == 403
    assert client.get(reverse("evaluation:school-record", kwargs=school)).status_code == 403


def test_the_school_page_reads_a_fixed_number_of_queries(
    case,
    demo,
    login,
    django_assert_max_num_queries,
    make_programme,  # noqa: F811
):
    _head_of(case["school"], demo)
    client = login("head")
    url = reverse(
        "evaluation:school-record", kwargs={"alliance_slug": "southwark", "pk": case["school"].pk}
    )
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(6):
        programme = make_programme()
        session = past_session(programme, days_ago=5 + n)
        for name in range(3):
            place(session, teacher(case["school"], f"More {n}-{name}"))
    certificates_issue()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_person_page_reads_a_fixed_number_of_queries(
    case,
    demo,
    login,
    django_assert_max_num_queries,
    make_programme,  # noqa: F811
):
    _head_of(case["school"], demo)
    client = login("head")
    url = reverse(
        "evaluation:person-record", kwargs={"alliance_slug": "southwark", "pk": case["ada"].pk}
    )
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(6):
        programme = make_programme()
        place(past_session(programme, days_ago=5 + n), case["ada"])
    certificates_issue()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
