"""Strand leads and the director: programmes, sessions, cancelling, the register."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alliance.models import Role
from alliance.outbox import emails_send
from alliance.permissions import ROLE_PERMISSIONS
from programmes.models import Attendance, Audience, BookingStatus, Programme, Session
from programmes.services import booking_create
from strands.models import Strand

pytestmark = pytest.mark.django_db


def _programme_data(demo, strand_kind: str = "cpd", **overrides) -> dict:
    data = {
        "strand": Strand.objects.get(alliance=demo.southwark, kind=strand_kind).pk,
        "kind": "cpd",
        "title": "Storytelling across the curriculum",
        "summary": "Using stories to teach.",
        "description": "",
        "audiences": [str(Audience.objects.get(code="teachers").pk)],
        "led_by": demo.southwark.memberships.first().organisation_id,
        "member_price": "0",
        "non_member_price": "15.50",
        "status": "published",
    }
    return {**data, **overrides}


def test_it_lets_the_cpd_lead_create_a_programme_in_their_strand(login, demo):
    response = login("cpd-lead").post(
        reverse("programmes:programme-create", args=["southwark"]), _programme_data(demo)
    )
    programme = Programme.objects.get(title="Storytelling across the curriculum")
    assert response["Location"] == programme.get_absolute_url()
    assert str(programme.non_member_price) == "15.50"


def test_it_refuses_the_cpd_lead_another_strand_with_a_field_error(login, demo):
    response = login("cpd-lead").post(
        reverse("programmes:programme-create", args=["southwark"]),
        _programme_data(demo, strand_kind="leadership"),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Programme.objects.filter(title="Storytelling across the curriculum").exists()


def test_it_shows_field_errors_for_a_bad_price_and_saves_nothing(login, demo):
    response = login("director").post(
        reverse("programmes:programme-create", args=["southwark"]),
        _programme_data(demo, member_price="-5", title=""),
    )
    html = response.content.decode()
    assert "Enter title" in html
    assert "greater than or equal to 0" in html
    assert not Programme.objects.filter(summary="Using stories to teach.").exists()


def test_it_adds_a_session_and_puts_it_in_the_catalogue(login, make_programme):
    programme = make_programme(title="Session to add")
    starts = timezone.localtime() + datetime.timedelta(days=14)
    fmt = "%Y-%m-%dT%H:%M"
    response = login("cpd-lead").post(
        reverse("programmes:session-create", args=["southwark", programme.pk]),
        {
            "starts_at": starts.strftime(fmt),
            "ends_at": (starts + datetime.timedelta(hours=2)).strftime(fmt),
            "booking_deadline": (starts - datetime.timedelta(days=3)).strftime(fmt),
            "venue": "Crampton hall",
            "capacity": "12",
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.next_places_left == 12
    catalogue = login("anonymous").get(reverse("catalogue"), {"q": "Session to add"})
    assert "Session to add" in catalogue.content.decode()


def test_it_refuses_a_session_that_ends_before_it_starts(login, make_programme):
    programme = make_programme()
    starts = timezone.localtime() + datetime.timedelta(days=14)
    fmt = "%Y-%m-%dT%H:%M"
    response = login("cpd-lead").post(
        reverse("programmes:session-create", args=["southwark", programme.pk]),
        {
            "starts_at": starts.strftime(fmt),
            "ends_at": (starts - datetime.timedelta(hours=2)).strftime(fmt),
            "booking_deadline": (starts - datetime.timedelta(days=3)).strftime(fmt),
            "venue": "",
            "capacity": "0",
        },
    )
    html = response.content.decode()
    assert "A session must end after it starts." in html
    assert "Give a venue, an online link, or both." in html
    assert not Session.objects.filter(programme=programme).exists()


def test_it_cancels_a_session_and_tells_its_bookers(
    login, head, bellenden, staff, make_session, django_capture_on_commit_callbacks
):
    session = make_session()
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=staff(2))
    emails_send()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        login("cpd-lead").post(reverse("programmes:session-cancel", args=["southwark", session.pk]))
    assert not mail.outbox  # queued in the outbox, not sent inside the request
    emails_send()
    session.refresh_from_db()
    assert session.is_cancelled
    assert set(session.bookings.values_list("status", flat=True)) == {BookingStatus.CANCELLED}
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Session cancelled") for m in mail.outbox)
    assert b"METHOD:CANCEL" in mail.outbox[0].attachments[0][1].encode()


def test_it_marks_attendance_on_the_register_and_exports_it(
    login, head, bellenden, staff, make_session, django_assert_max_num_queries
):
    session = make_session()
    first, second = booking_create(
        actor=head, organisation=bellenden, sessions=[session], delegates=staff(2)
    )
    client = login("cpd-lead")
    url = reverse("programmes:session-register", args=["southwark", session.pk])
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert first.delegate.full_name in page.content.decode()
    client.post(url, {f"attendance-{first.pk}": "attended", f"attendance-{second.pk}": "absent"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.attendance, second.attendance) == (Attendance.ATTENDED, Attendance.ABSENT)
    csv = client.get(reverse("programmes:session-register-csv", args=["southwark", session.pk]))
    body = b"".join(csv.streaming_content).decode()
    assert f"{first.delegate.full_name},{first.delegate.email}" in body
    assert "Attended" in body and "Absent" in body


def test_it_lets_a_facilitator_run_the_register_of_their_programme(login, demo, make_session):
    session = make_session()
    session.programme.facilitators.add(demo.user("sle").person)
    url = reverse("programmes:session-register", args=["southwark", session.pk])
    assert login("sle").get(url).status_code == 200
    assert login("head").get(url).status_code == 403


def test_it_links_the_register_for_facilitators_but_not_for_bookers(login, demo, make_session):
    session = make_session()
    session.programme.facilitators.add(demo.user("sle").person)
    register = reverse("programmes:session-register", args=["southwark", session.pk])
    assert register in login("sle").get(session.programme.get_absolute_url()).content.decode()
    assert register not in login("head").get(session.programme.get_absolute_url()).content.decode()


def test_it_cancels_the_sessions_of_a_cancelled_programme_and_tells_bookers(
    login, demo, head, bellenden, staff, make_session, django_capture_on_commit_callbacks
):
    session = make_session()
    programme = session.programme
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=staff(1))
    emails_send()
    mail.outbox.clear()
    data = {
        "strand": programme.strand_id,
        "kind": "cpd",
        "title": programme.title,
        "summary": programme.summary,
        "audiences": [a.pk for a in programme.audiences.all()],
        "led_by": programme.led_by_id,
        "member_price": "0",
        "non_member_price": "0",
        "status": "cancelled",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = login("cpd-lead").post(
            reverse("programmes:programme-edit", args=["southwark", programme.pk]), data
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.is_cancelled
    emails_send()
    assert [m.subject for m in mail.outbox] == [f"Session cancelled: {programme.title}"]


def test_it_links_the_register_only_for_those_who_may_run_it(login, monkeypatch, make_session):
    # A role that manages a strand's programmes without running its sessions: the page once
    # offered it a register link that answered 403, because it asked its own rule.
    without_run = ROLE_PERMISSIONS[Role.STRATEGIC_LEAD] - {"session.run"}
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.STRATEGIC_LEAD, without_run)
    session = make_session()
    register = reverse("programmes:session-register", args=["southwark", session.pk])
    client = login("cpd-lead")
    assert register not in client.get(session.programme.get_absolute_url()).content.decode()
    assert client.get(register).status_code == 403
