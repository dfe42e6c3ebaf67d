"""The minutes workflow: draft → submitted → approved → published, and corrections."""

from __future__ import annotations

import datetime
from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance.outbox import emails_send
from governance import services
from governance.models import Action, AgendaItem, MinutesEvent, MinutesState
from tests.governance.conftest import BASE_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(call_meeting, demo):
    meeting = call_meeting()
    return services.minutes_start(actor=demo.user("administrator"), meeting=meeting)


def test_it_starts_the_draft_with_an_entry_for_every_agenda_item(draft):
    titles = [e.agenda_item.title for e in draft.entries.order_by("agenda_item__position")]
    assert titles == ["Open item on phonics", "Staffing matter"]
    assert draft.state == MinutesState.DRAFT


def test_it_adds_an_entry_to_the_draft_for_an_item_added_later(draft, demo, person):
    item = services.agenda_item_add(
        actor=demo.user("chair"),
        meeting=draft.meeting,
        item=AgendaItem(position=3, title="Late item", presenter=person("chair")),
    )
    assert draft.entries.filter(agenda_item=item).exists()


def test_it_moves_through_the_workflow_and_records_who_and_when(draft, demo, mailoutbox):
    admin, chair = demo.user("administrator"), demo.user("chair")
    services.minutes_submit(actor=admin, minutes=draft, base_url=BASE_URL)
    services.minutes_approve(actor=chair, minutes=draft)
    minutes = services.minutes_publish(actor=admin, minutes=draft, base_url=BASE_URL)

    assert minutes.state == MinutesState.PUBLISHED
    assert minutes.published_at is not None
    history = [(e.change, e.actor.email) for e in minutes.events.all()]
    assert history == [
        (MinutesEvent.Change.STARTED, "administrator@demo.test"),
        (MinutesEvent.Change.SUBMITTED, "administrator@demo.test"),
        (MinutesEvent.Change.APPROVED, "chair@demo.test"),
        (MinutesEvent.Change.PUBLISHED, "administrator@demo.test"),
    ]
    assert all(e.at <= timezone.now() for e in minutes.events.all())


def test_it_refuses_to_let_a_chair_approve_minutes_that_were_not_submitted(draft, demo):
    with pytest.raises(ValidationError, match="Only minutes submitted for approval"):
        services.minutes_approve(actor=demo.user("chair"), minutes=draft)
    draft.refresh_from_db()
    assert draft.state == MinutesState.DRAFT


def test_it_refuses_to_publish_minutes_the_chair_has_not_approved(draft, demo):
    admin = demo.user("administrator")
    services.minutes_submit(actor=admin, minutes=draft, base_url=BASE_URL)
    with pytest.raises(ValidationError, match="Only minutes the chair has approved"):
        services.minutes_publish(actor=admin, minutes=draft, base_url=BASE_URL)


def test_it_refuses_to_submit_twice(draft, demo):
    admin = demo.user("administrator")
    services.minutes_submit(actor=admin, minutes=draft, base_url=BASE_URL)
    with pytest.raises(ValidationError, match="Only draft minutes can be submitted"):
        services.minutes_submit(actor=admin, minutes=draft, base_url=BASE_URL)


@pytest.mark.parametrize(
    ("persona", "step"),
    [
        ("administrator", services.minutes_approve),  # the chair approves, not the minute-taker
        ("chair", partial(services.minutes_submit, base_url=BASE_URL)),  # only the administrator
        ("director", partial(services.minutes_submit, base_url=BASE_URL)),
        ("board", partial(services.minutes_return, reason="Fix item 1", base_url=BASE_URL)),
        ("head", services.minutes_approve),
    ],
)
def test_it_refuses_steps_to_people_without_the_permission(draft, demo, persona, step):
    services.minutes_submit(actor=demo.user("administrator"), minutes=draft, base_url=BASE_URL)
    with pytest.raises(PermissionDenied):
        step(actor=demo.user(persona), minutes=draft)


def test_it_lets_the_chair_return_submitted_minutes_for_changes(draft, demo):
    services.minutes_submit(actor=demo.user("administrator"), minutes=draft, base_url=BASE_URL)
    minutes = services.minutes_return(
        actor=demo.user("chair"), minutes=draft, reason="Item 2 lacks the vote", base_url=BASE_URL
    )
    assert minutes.state == MinutesState.DRAFT
    returned = minutes.events.last()
    assert (returned.change, returned.note) == (
        MinutesEvent.Change.RETURNED,
        "Item 2 lacks the vote",
    )


def test_it_rejects_edits_to_submitted_minutes(draft, demo):
    admin = demo.user("administrator")
    services.minutes_submit(actor=admin, minutes=draft, base_url=BASE_URL)
    entry = draft.entries.first()
    with pytest.raises(ValidationError, match="cannot be edited"):
        services.minutes_entry_update(actor=admin, entry=entry, notes="Changed", decisions="")


def test_it_rejects_edits_to_published_minutes_with_a_clear_message(published, demo):
    meeting = published()
    minutes = meeting.minutes.get()
    entry = minutes.entries.first()
    admin = demo.user("administrator")
    with pytest.raises(ValidationError, match="Published minutes cannot be edited"):
        services.minutes_entry_update(actor=admin, entry=entry, notes="Sneaky", decisions="")
    with pytest.raises(ValidationError, match="Published minutes cannot be edited"):
        services.action_remove(actor=admin, action=entry.actions.first())
    entry.refresh_from_db()
    assert entry.notes != "Sneaky"


def test_it_emails_the_audience_when_minutes_are_published(published, mailoutbox):
    mailoutbox.clear()
    published()
    assert emails_send() == len(mailoutbox)
    # The chair was told of the submission too; here only the publication counts.
    told = [m for m in mailoutbox if m.subject.startswith("Minutes published")]
    recipients = {address for message in told for address in message.to}
    assert "board@demo.test" in recipients
    assert "chair@demo.test" in recipients
    # A board-only meeting is not announced to a headteacher outside the board.
    assert "head@demo.test" not in recipients
    assert all(len(message.to) == 1 for message in mailoutbox)


def test_it_corrects_published_minutes_as_a_new_revision_with_a_reason(published, demo):
    meeting = published()
    admin, chair = demo.user("administrator"), demo.user("chair")
    first = meeting.minutes.get()
    with pytest.raises(ValidationError):
        services.minutes_correct(actor=admin, minutes=first, reason="  ")
    correction = services.minutes_correct(actor=admin, minutes=first, reason="Wrong due date")

    assert correction.revision == 2 and correction.state == MinutesState.DRAFT
    entry = correction.entries.order_by("agenda_item__position").first()
    assert entry.notes == "Notes on Open item on phonics."
    services.minutes_entry_update(actor=admin, entry=entry, notes="Corrected.", decisions="")
    services.minutes_submit(actor=admin, minutes=correction, base_url=BASE_URL)
    services.minutes_approve(actor=chair, minutes=correction)
    services.minutes_publish(actor=admin, minutes=correction, base_url=BASE_URL)

    first.refresh_from_db()
    assert first.state == MinutesState.SUPERSEDED
    old_entry = first.entries.order_by("agenda_item__position").first()
    assert old_entry.notes == "Notes on Open item on phonics."  # the earlier revision is kept
    assert correction.events.first().note == "Wrong due date"


def test_it_refuses_a_second_correction_while_one_is_under_way(published, demo):
    meeting = published()
    admin = demo.user("administrator")
    first = meeting.minutes.get()
    services.minutes_correct(actor=admin, minutes=first, reason="Typo")
    with pytest.raises(ValidationError, match="already under way"):
        services.minutes_correct(actor=admin, minutes=first, reason="Another")


def test_it_keeps_an_action_done_while_its_correction_was_drafted(published, demo):
    meeting = published()
    admin, chair, head = demo.user("administrator"), demo.user("chair"), demo.user("head")
    first = meeting.minutes.get()
    correction = services.minutes_correct(actor=admin, minutes=first, reason="Typo")
    original = Action.objects.filter(entry__minutes=first).first()
    services.action_complete(actor=head, action=original, note="Report shared")
    services.minutes_submit(actor=admin, minutes=correction, base_url=BASE_URL)
    services.minutes_approve(actor=chair, minutes=correction)
    services.minutes_publish(actor=admin, minutes=correction, base_url=BASE_URL)
    copy = Action.objects.get(entry__minutes=correction, copied_from=original)
    assert copy.is_done and copy.done_note == "Report shared"


def test_it_lets_only_the_owner_or_officers_mark_an_action_done(published, demo):
    meeting = published()
    action = Action.objects.filter(entry__minutes__meeting=meeting).first()
    with pytest.raises(PermissionDenied):
        services.action_complete(actor=demo.user("board"), action=action, note="Not mine")
    with pytest.raises(ValidationError):
        services.action_complete(actor=demo.user("head"), action=action, note="")
    done = services.action_complete(actor=demo.user("head"), action=action, note="Shared it")
    assert done.is_done and done.done_by == demo.user("head")
    with pytest.raises(ValidationError, match="already done"):
        services.action_complete(actor=demo.user("head"), action=action, note="Again")


def test_it_marks_an_open_action_past_its_due_date_overdue(published):
    action = Action.objects.filter(entry__minutes__meeting=published()).first()
    action.due_on = timezone.localdate() - datetime.timedelta(days=1)
    assert action.is_overdue
