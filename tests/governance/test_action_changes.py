"""Actions can be changed (text, owner, due date) with the change recorded; open actions of
the last meeting of the same kind are matters arising on the next; an owner is emailed once
when an action becomes overdue (by the periodic send_emails command)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alliance.permissions import perms_for
from governance import services
from governance.models import Action, MinutesEvent, MinutesState
from governance.selectors import matters_arising_for
from members.models import Person

pytestmark = pytest.mark.django_db


def _edit(client, action: Action, **data):
    url = reverse("governance:action-edit", args=["southwark", action.pk])
    form = {"description": action.description, "owner": action.owner_id, "due_on": action.due_on}
    return client.post(url, {**form, **data})


def test_it_changes_an_action_and_records_the_change(published, login, person):
    meeting = published()
    action = Action.objects.filter(entry__minutes__meeting=meeting).first()
    response = _edit(
        login("chair"), action, owner=person("director").pk, due_on="2030-02-28", description="New"
    )
    assert response.status_code == 302, response.context["form"].errors
    action.refresh_from_db()
    assert (action.description, action.owner, action.due_on) == (
        "New",
        person("director"),
        datetime.date(2030, 2, 28),
    )
    event = MinutesEvent.objects.get(change=MinutesEvent.Change.ACTION)
    assert person("head").full_name in event.note and person("director").full_name in event.note
    assert "→ 28 Feb 2030" in event.note
    history = login("administrator").get(
        reverse("governance:minutes-detail", args=["southwark", meeting.pk])
    )
    assert "Changed an action by" in history.content.decode()


def test_it_refuses_an_owner_outside_the_alliance(published, login):
    meeting = published()
    action = Action.objects.filter(entry__minutes__meeting=meeting).first()
    outsider = Person.objects.filter(user__email="steep-director@demo.test").get()
    response = _edit(login("chair"), action, owner=outsider.pk)
    assert "owner" in response.context["form"].errors
    action.refresh_from_db()
    assert action.owner != outsider


def test_it_refuses_to_change_an_action_of_submitted_minutes(call_meeting, demo, person):
    meeting = call_meeting()
    admin = demo.user("administrator")
    minutes = services.minutes_start(actor=admin, meeting=meeting)
    action = services.action_add(
        actor=admin,
        entry=minutes.entries.first(),
        action=Action(description="x", owner=person("head"), due_on=datetime.date(2030, 1, 1)),
    )
    services.minutes_submit(actor=admin, minutes=minutes, base_url="http://testserver/")
    with pytest.raises(Exception, match="cannot be edited"):
        services.action_update(
            actor=demo.user("chair"),
            action=action,
            description="y",
            owner=person("head"),
            due_on=action.due_on,
        )


def test_open_actions_of_the_last_meeting_are_matters_arising_on_the_next(
    published, call_meeting, login
):
    last = published(days=-1)
    done = Action.objects.filter(entry__minutes__meeting=last).first()
    done.done_at = timezone.now()
    done.save()
    next_meeting = call_meeting(days=0)
    page = login("board").get(next_meeting.get_absolute_url()).content.decode()
    assert "Matters arising" in page
    open_actions = Action.objects.filter(entry__minutes__meeting=last, done_at=None)
    assert open_actions and all(a.description in page for a in open_actions)
    assert done.description not in page.split("Matters arising")[1]


def test_matters_arising_leave_confidential_items_to_the_board(published, call_meeting, demo):
    last = published(
        days=-1, kind="whole_alliance", visibility="members", confidential_second_item=True
    )
    following = call_meeting(kind="whole_alliance", visibility="members", days=0)
    head = perms_for(Person.objects.get(user__email="head@demo.test"), demo.southwark)
    board = perms_for(Person.objects.get(user__email="board@demo.test"), demo.southwark)
    assert len(matters_arising_for(meeting=following, perms=board)) == 2
    assert [
        a.entry.agenda_item.title for a in matters_arising_for(meeting=following, perms=head)
    ] == ["Open item on phonics"]
    assert last.minutes.get().state == MinutesState.PUBLISHED


def test_an_owner_is_emailed_once_when_an_action_becomes_overdue(published, mailoutbox):
    meeting = published()
    actions = Action.objects.filter(entry__minutes__meeting=meeting)
    actions.update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    subjects = {f"Action overdue: {a.description}" for a in actions}

    def told() -> list:
        return [m for m in mailoutbox if m.subject in subjects]

    call_command("send_emails")
    assert len(told()) == len(subjects) == 2
    assert all(m.to == ["head@demo.test"] for m in told())
    call_command("send_emails")
    call_command("process_cpd")
    assert len(told()) == 2  # once only, whichever command runs


def test_the_meeting_page_reads_matters_arising_in_a_bounded_number_of_queries(
    published, call_meeting, login, person
):
    last = published(days=-1)
    following = call_meeting(days=0)
    board = login("board")
    board.get(following.get_absolute_url())  # warm the per-request caches
    with CaptureQueriesContext(connection) as few:
        board.get(following.get_absolute_url())
    entry = last.minutes.get().entries.first()
    due = entry.actions.first().due_on
    Action.objects.bulk_create(
        Action(entry=entry, description=f"More {n}", owner=person("head"), due_on=due)
        for n in range(8)
    )
    with CaptureQueriesContext(connection) as many:
        page = board.get(following.get_absolute_url()).content.decode()
    assert "More 7" in page
    assert len(many) == len(few)
