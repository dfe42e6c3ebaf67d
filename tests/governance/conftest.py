from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from governance import services
from governance.models import Action, AgendaItem, Meeting, MeetingKind, Visibility
from members.models import Person

BASE_URL = "http://testserver/"


@pytest.fixture
def person():
    def _person(key: str) -> Person:
        return Person.objects.get(user__email=f"{key}@demo.test")

    return _person


@pytest.fixture
def call_meeting(demo, person):
    """A meeting called by the demo chair through the service, with a two-item agenda."""

    def _call(
        kind: str = MeetingKind.BOARD,
        visibility: str = Visibility.BOARD,
        days: int = -1,
        confidential_second_item: bool = False,
    ) -> Meeting:
        chair = demo.user("chair")
        starts = timezone.now() + datetime.timedelta(days=days)
        meeting = services.meeting_call(
            actor=chair,
            meeting=Meeting(
                alliance=demo.southwark,
                kind=kind,
                title=f"Test {kind} meeting",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                venue="Charles Dickens Primary School",
                visibility=visibility,
            ),
        )
        for position, (title, secret) in enumerate(
            [("Open item on phonics", False), ("Staffing matter", confidential_second_item)],
            start=1,
        ):
            services.agenda_item_add(
                actor=chair,
                meeting=meeting,
                item=AgendaItem(
                    position=position,
                    title=title,
                    presenter=person("director"),
                    confidential=secret,
                ),
            )
        return meeting

    return _call


@pytest.fixture
def published(call_meeting, demo, person):
    """Minutes taken through the whole workflow, with a decision and an action per item."""

    def _published(**kwargs) -> Meeting:
        meeting = call_meeting(**kwargs)
        admin, chair = demo.user("administrator"), demo.user("chair")
        minutes = services.minutes_start(actor=admin, meeting=meeting)
        for entry in minutes.entries.select_related("agenda_item"):
            services.minutes_entry_update(
                actor=admin,
                entry=entry,
                notes=f"Notes on {entry.agenda_item.title}.",
                decisions=f"Decided about {entry.agenda_item.title}.",
            )
            services.action_add(
                actor=admin,
                entry=entry,
                action=Action(
                    description=f"Follow up {entry.agenda_item.title}",
                    owner=person("head"),
                    due_on=timezone.localdate() + datetime.timedelta(days=7),
                ),
            )
        services.minutes_submit(actor=admin, minutes=minutes, base_url=BASE_URL)
        services.minutes_approve(actor=chair, minutes=minutes)
        services.minutes_publish(actor=admin, minutes=minutes, base_url=BASE_URL)
        return meeting

    return _published
