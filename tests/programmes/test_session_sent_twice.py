"""The new-session and copy-last-session forms sent twice (a double click, a page sent again)
make one session: a programme never runs two sessions starting at the same moment."""

from __future__ import annotations

import datetime
from functools import partial

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from alliance.permissions import perms_for, person_of
from programmes import services
from programmes.models import Session, SessionStatus
from tests.races import at_once

FMT = "%Y-%m-%dT%H:%M"
TAKEN = "This programme already has a session starting then. Choose another time."


def _form_data(starts: datetime.datetime) -> dict[str, str]:
    local = timezone.localtime(starts)
    return {
        "starts_at": local.strftime(FMT),
        "ends_at": (local + datetime.timedelta(hours=2)).strftime(FMT),
        "booking_deadline": (local - datetime.timedelta(days=1)).strftime(FMT),
        "venue": "Crampton Primary School",
        "online_url": "",
        "capacity": "20",
    }


def _next_week() -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=7)).replace(
        hour=15, minute=30, second=0, microsecond=0
    )


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["session-create", "session-copy"])
def test_the_same_session_sent_twice_makes_one_session(login, make_session, form):
    programme = make_session(days=3).programme
    url = reverse(f"programmes:{form}", args=[programme.alliance.slug, programme.pk])
    client = login("cpd-lead")
    data = _form_data(_next_week())

    assert client.post(url, data).status_code == 302
    again = client.post(url, data)

    assert again.status_code == 200
    assert again.context["form"].errors["starts_at"] == [TAKEN]
    assert programme.sessions.count() == 2  # the one made by make_session, and one new


@pytest.mark.django_db
def test_a_cancelled_session_at_that_time_does_not_stop_a_new_one(login, make_session):
    old = make_session(days=3)
    old.starts_at = _next_week()
    old.status = SessionStatus.CANCELLED
    old.save()
    url = reverse("programmes:session-create", args=[old.alliance.slug, old.programme_id])
    assert login("cpd-lead").post(url, _form_data(old.starts_at)).status_code == 302
    assert old.programme.sessions.filter(status=SessionStatus.SCHEDULED).count() == 1


@pytest.mark.django_db
def test_another_time_on_the_same_programme_is_another_session(login, make_session):
    programme = make_session(days=3).programme
    url = reverse("programmes:session-create", args=[programme.alliance.slug, programme.pk])
    client = login("cpd-lead")
    client.post(url, _form_data(_next_week()))
    client.post(url, _form_data(_next_week() + datetime.timedelta(days=1)))
    assert programme.sessions.count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_the_same_moment_make_one_session(demo, make_programme):
    assert connection.vendor == "postgresql"
    programme = make_programme()
    perms = perms_for(person_of(demo.user("cpd-lead")), demo.southwark)
    starts = _next_week()
    sends = [
        Session(
            alliance=programme.alliance,
            programme=programme,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            booking_deadline=starts - datetime.timedelta(days=1),
            venue="Crampton Primary School",
            capacity=20,
        )
        for _ in range(2)
    ]
    race = at_once([partial(services.session_save, perms=perms, session=s) for s in sends])
    assert race.errors == []
    # One saved, the other refused as taken, unless both were asked to try again.
    once = min(1, 2 - race.busy)
    assert len(race.done) == once
    assert [" ".join(r.messages) for r in race.refused] == [TAKEN] * (2 - race.busy - once)
    assert programme.sessions.count() == once
