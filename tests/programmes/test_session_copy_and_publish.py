"""Programme managers add a session by copying the last one, and publish with one button."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from alliance.permissions import perms_for, person_of
from alliance.terms import is_term_weekday
from programmes import services
from programmes.models import Programme, ProgrammeStatus, Session
from strands.models import Strand

pytestmark = pytest.mark.django_db

FMT = "%Y-%m-%dT%H:%M"


def _copy_url(programme: Programme) -> str:
    return reverse("programmes:session-copy", args=[programme.alliance.slug, programme.pk])


def _publish_url(programme: Programme) -> str:
    return reverse("programmes:programme-publish", args=[programme.alliance.slug, programme.pk])


def test_it_fills_in_a_new_session_from_the_last_one_a_week_on(login, make_session):
    first = make_session(days=10, capacity=18)
    last = make_session(
        first.programme, days=17, capacity=14, online_url="https://meet.example.org/x"
    )
    form = login("cpd-lead").get(_copy_url(last.programme)).context["form"]
    starts = form.initial["starts_at"]
    assert timezone.localtime(starts).time() == timezone.localtime(last.starts_at).time()
    assert timezone.localtime(starts).date() >= timezone.localtime(last.starts_at).date() + (
        datetime.timedelta(weeks=1)
    )
    assert is_term_weekday(timezone.localtime(starts).date())
    assert form.initial["online_url"] == "https://meet.example.org/x"
    assert form.initial["capacity"] == 14
    assert form.initial["ends_at"] - starts == last.ends_at - last.starts_at
    assert Session.objects.filter(programme=last.programme).count() == 2  # nothing saved yet


def test_it_saves_the_copy_with_what_the_manager_changed(login, make_session):
    last = make_session(days=10, capacity=18)
    client = login("cpd-lead")
    initial = client.get(_copy_url(last.programme)).context["form"].initial
    data = {
        name: timezone.localtime(value).strftime(FMT)
        if isinstance(value, datetime.datetime)
        else value
        for name, value in initial.items()
        if name in {"starts_at", "ends_at", "booking_deadline", "venue", "online_url", "capacity"}
    }
    response = client.post(_copy_url(last.programme), {**data, "capacity": "25"})
    assert response.status_code == 302
    copy = Session.objects.filter(programme=last.programme).latest("starts_at")
    assert copy.pk != last.pk
    assert (copy.venue, copy.capacity, copy.places_taken) == ("Crampton Primary School", 25, 0)


def test_it_copies_a_long_past_session_to_a_week_from_now(make_session):
    last = make_session(days=10)
    a_month_later = last.starts_at + datetime.timedelta(days=30)
    copy = last.copy_a_week_on(after=a_month_later)
    assert copy.starts_at > a_month_later
    assert copy.starts_at - a_month_later < datetime.timedelta(days=21)


def test_it_offers_the_copy_only_when_there_is_a_last_session(login, make_programme, make_session):
    empty = make_programme()
    response = login("cpd-lead").get(_copy_url(empty))
    assert response["Location"].endswith(f"/cpd/{empty.pk}/sessions/new/")
    page = login("cpd-lead").get(make_session().programme.get_absolute_url()).content.decode()
    assert "Add a session like the last one" in page


def test_it_publishes_a_draft_with_one_button(login, make_programme):
    draft = make_programme(status=ProgrammeStatus.DRAFT, title="Draft for the button")
    client = login("cpd-lead")
    assert "Publish in the catalogue" in client.get(draft.get_absolute_url()).content.decode()
    response = client.post(_publish_url(draft), follow=True)
    draft.refresh_from_db()
    assert draft.status == ProgrammeStatus.PUBLISHED
    assert "it is in the catalogue" in response.content.decode()
    assert "Publish in the catalogue" not in response.content.decode()
    catalogue = login("anonymous").get(reverse("catalogue"), {"q": "Draft for the button"})
    assert "Draft for the button" in catalogue.content.decode()


def test_it_says_so_when_published_twice_and_never_publishes_a_cancelled_one(login, make_programme):
    client = login("cpd-lead")
    draft = make_programme(status=ProgrammeStatus.DRAFT)
    client.post(_publish_url(draft))
    again = client.post(_publish_url(draft), follow=True).content.decode()
    assert "was already published" in again
    cancelled = make_programme(status=ProgrammeStatus.CANCELLED)
    page = client.post(_publish_url(cancelled), follow=True).content.decode()
    assert "A cancelled programme cannot be published." in page
    cancelled.refresh_from_db()
    assert cancelled.status == ProgrammeStatus.CANCELLED


def test_it_refuses_to_publish_for_a_lead_of_another_strand(demo, make_programme):
    leadership = make_programme(
        status=ProgrammeStatus.DRAFT,
        strand=Strand.objects.get(alliance=demo.southwark, kind="leadership"),
    )
    with pytest.raises(PermissionDenied):
        services.programme_publish(
            perms=perms_for(person_of(demo.user("cpd-lead")), demo.southwark), programme=leadership
        )
    leadership.refresh_from_db()
    assert leadership.status == ProgrammeStatus.DRAFT
