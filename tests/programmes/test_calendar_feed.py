"""Each person's calendar subscription (``alliance/feeds.py``): their booked sessions, the
meetings they are invited to and their deployments, at a secret address they can replace.
Here beside the programme tests, whose builders it uses."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliance.models import AuditEntry, AuditKind, CalendarFeed
from alliance.permissions import perms_for
from governance.models import Invitee, Meeting
from programmes.models import Session
from programmes.services import booking_cancel, booking_create, session_cancel, session_save
from strands.feeds import FEED_HISTORY
from strands.models import Deployment
from tests.programmes.conftest import in_days

pytestmark = pytest.mark.django_db

PAGE = reverse("calendar-feed-page")
NEW = reverse("calendar-feed-new")


def _new_address(client) -> str:
    """Make a new address as the person would, and read it off the page."""
    response = client.post(NEW, follow=True)
    assert response.status_code == 200
    [address] = re.findall(
        r'value="(webcal://testserver/calendar/[^"]+\.ics)"', response.content.decode()
    )
    return address


def _feed(address: str):
    """Fetch the feed as a calendar app does: no sign-in, no cookies."""
    return Client().get(address.removeprefix("webcal://testserver"))


def _events(body: bytes) -> dict[str, str]:
    """Each VEVENT's text by UID."""
    text = body.decode().replace("\r\n ", "")
    events = {}
    for block in text.split("BEGIN:VEVENT")[1:]:
        uid = re.search(r"UID:(\S+)@alliance-portal", block).group(1)
        events[uid] = block.split("END:VEVENT")[0]
    return events


@pytest.fixture
def head_booked(head, bellenden, make_programme, make_session):
    """The head booked onto a session of their own, and invited to a meeting."""
    session = make_session(make_programme(title="Zebra phonics for heads"), days=12)
    booking_create(actor=head, organisation=bellenden, sessions=[session], delegates=[head])
    meeting = Meeting.objects.filter(alliance__slug="southwark").order_by("-starts_at").first()
    Invitee.objects.get_or_create(meeting=meeting, person=head)
    return session, meeting


def test_it_holds_the_persons_sessions_and_meetings(login, head_booked):
    session, meeting = head_booked
    response = _feed(_new_address(login("head")))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    assert "SUMMARY:Zebra phonics for heads" in events[f"session-{session.pk}"]
    assert "STATUS:CONFIRMED" in events[f"session-{session.pk}"]
    assert (
        f"DTSTART:{session.starts_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"
        in events[f"session-{session.pk}"]
    )
    assert meeting.title.replace(",", "\\,") in events[f"meeting-{meeting.pk}"]


def test_it_holds_nobody_elses_sessions(login, head_booked, staff, head, bellenden, make_session):
    [colleague] = staff(1)
    other = make_session(days=15)
    booking_create(actor=head, organisation=bellenden, sessions=[other], delegates=[colleague])
    events = _events(_feed(_new_address(login("head"))).content)
    assert f"session-{other.pk}" not in events  # the head booked it, but for someone else


@pytest.mark.usefixtures("autumn_term")  # the demo deploys its SLE from October
def test_it_holds_an_sles_deployments_as_whole_days(login, demo):
    sle = demo.user("sle").person
    # The feed keeps 90 days of history: the SLE's deployment last year has left it.
    since = timezone.localdate() - FEED_HISTORY
    deployments = list(Deployment.objects.filter(designation__person=sle, ends_on__gte=since))
    assert deployments, "the demo deploys its SLE"
    events = _events(_feed(_new_address(login("sle"))).content)
    past = Deployment.objects.filter(designation__person=sle, ends_on__lt=since)
    assert past.exists(), "the demo deployed its SLE last year"
    assert [p.pk for p in past if f"deployment-{p.pk}" in events] == []
    for deployment in deployments:
        event = events[f"deployment-{deployment.pk}"]
        assert f"DTSTART;VALUE=DATE:{deployment.starts_on:%Y%m%d}" in event
        last = deployment.ends_on + datetime.timedelta(days=1)
        assert f"DTEND;VALUE=DATE:{last:%Y%m%d}" in event
        assert deployment.support_request.school.name in event
        assert deployment.support_request.description[:20] not in event


def test_it_shows_a_moved_session_at_its_new_time(login, head_booked, demo):
    session, _ = head_booked
    address = _new_address(login("head"))
    session = Session.objects.get(pk=session.pk)
    session.starts_at, session.ends_at = in_days(30), in_days(30) + datetime.timedelta(hours=3)
    session.booking_deadline = session.starts_at
    session_save(perms=_perms(demo, "cpd-lead"), session=session)
    event = _events(_feed(address).content)[f"session-{session.pk}"]
    assert f"DTSTART:{session.starts_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in event


def test_it_marks_a_cancelled_session_cancelled(login, head_booked, demo):
    session, _ = head_booked
    address = _new_address(login("head"))
    session_cancel(perms=_perms(demo, "cpd-lead"), session=Session.objects.get(pk=session.pk))
    event = _events(_feed(address).content)[f"session-{session.pk}"]
    assert "STATUS:CANCELLED" in event


def test_it_drops_a_booking_the_school_cancelled(login, head_booked, head):
    session, _ = head_booked
    address = _new_address(login("head"))
    booking_cancel(actor=head, booking=session.bookings.get(delegate=head))
    assert f"session-{session.pk}" not in _events(_feed(address).content)


def test_a_new_address_ends_the_old_one(login, head_booked):
    client = login("head")
    old = _new_address(client)
    new = _new_address(client)
    assert old != new
    assert _feed(old).status_code == 404
    assert _feed(new).status_code == 200
    assert CalendarFeed.objects.count() == 1


@pytest.mark.parametrize("token", ["wrong", "a" * 43, "", "..%2F..%2Fetc"])
def test_a_wrong_token_is_not_found(client, login, head_booked, token):
    _new_address(login("head"))
    assert Client().get(f"/calendar/{token}.ics").status_code == 404


def test_it_keeps_only_a_fingerprint_of_a_long_random_token(login, head_booked, head):
    address = _new_address(login("head"))
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 43  # 256 bits
    stored = CalendarFeed.objects.get(user=head.user)
    assert token not in stored.token_hash and len(stored.token_hash) == 64


def test_it_shows_the_address_only_once(login, head_booked):
    client = login("head")
    address = _new_address(client)
    again = client.get(PAGE).content.decode()
    assert address not in again
    assert "Make a new address" in again


def test_making_an_address_needs_a_post(login):
    assert login("head").get(NEW).status_code == 405
    assert not CalendarFeed.objects.exists()


def test_it_reads_a_constant_number_of_queries_as_bookings_grow(
    login, head, bellenden, make_programme, make_session, django_assert_max_num_queries
):
    address = _new_address(login("head"))
    path = address.removeprefix("webcal://testserver")
    booking_create(actor=head, organisation=bellenden, sessions=[make_session()], delegates=[head])
    with django_assert_max_num_queries(10) as few:
        Client().get(path)
    for _ in range(15):
        booking_create(
            actor=head, organisation=bellenden, sessions=[make_session()], delegates=[head]
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        events = _events(Client().get(path).content)
    assert len([uid for uid in events if uid.startswith("session-")]) >= 16


def _perms(demo, persona: str):
    return perms_for(demo.user(persona).person, demo.southwark)


def test_it_says_the_old_address_stops_working_only_when_there_was_one(login):
    client = login("head")
    first = client.post(NEW, follow=True).content.decode()
    assert "stops updating" not in first
    second = client.post(NEW, follow=True).content.decode()
    assert "A calendar using the old one stops updating." in second


def test_making_and_replacing_the_address_is_in_the_audit_log(login, demo):
    head = demo.user("head")
    client = login("head")
    _new_address(client)
    _new_address(client)
    entries = AuditEntry.objects.filter(kind=AuditKind.CALENDAR_FEED_RESET, actor=head)
    assert sorted(entries.values_list("detail", flat=True)) == [
        "First address",
        "New address; the old one stopped working",
    ]
    # The director of the head's alliance sees it in the trail, as a sign-in change is seen.
    trail = login("director").get(reverse("alliance:audit-list", args=["southwark"]))
    assert "Calendar subscription address made" in trail.content.decode()
