"""The action log, owners' actions on their home page, and marking an action done."""

from __future__ import annotations

import pytest
from django.urls import reverse

from governance.models import Action, MeetingKind, Visibility

pytestmark = pytest.mark.django_db

LOG = reverse("governance:action-list", args=["southwark"])


def _heads_action() -> Action:
    return Action.objects.get(description__startswith="Share the Bellenden Road")


def test_it_shows_an_owner_their_open_actions_on_their_home(login):
    html = login("head").get(reverse("alliance:role-home", args=["southwark"])).content.decode()
    assert "Your actions" in html
    assert "Share the Bellenden Road peer review report" in html


def test_it_lets_the_owner_mark_an_action_done_with_a_note(login, demo):
    action = _heads_action()
    url = reverse("governance:action-done", args=["southwark", action.pk])
    client = login("head")
    empty = client.post(url, {"done_note": ""})
    assert "Enter what was done" in empty.context["form"].errors["done_note"]
    response = client.post(url, {"done_note": "Report sent to the cluster."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.is_done and action.done_by == demo.user("head")
    assert action.done_note == "Report sent to the cluster."
    home = client.get(response["Location"])
    assert "marked done" in home.content.decode()
    assert action not in home.context["my_actions"]


def test_it_refuses_to_let_someone_else_mark_an_action_done(login):
    url = reverse("governance:action-done", args=["southwark", _heads_action().pk])
    assert login("sle").get(url).status_code == 403
    assert login("board").post(url, {"done_note": "not mine"}).status_code == 403
    assert not _heads_action().is_done


def test_it_highlights_overdue_actions_in_the_log(login):
    response = login("chair").get(LOG, {"status": "overdue"})
    actions = list(response.context["actions"])
    assert actions and all(a.is_overdue for a in actions)
    assert "table-danger" in response.content.decode()
    assert "Circulate the spring CPD calendar" in response.content.decode()


def test_it_filters_the_log_by_owner_and_status(login, person):
    head = person("head")
    actions = login("chair").get(LOG, {"owner": head.pk}).context["actions"]
    assert {a.owner for a in actions} == {head}
    done = login("chair").get(LOG, {"status": "done"}).context["actions"]
    assert done and all(a.is_done for a in done)


def test_it_shows_each_reader_only_the_actions_of_minutes_they_may_read(login):
    anonymous = login("anonymous").get(LOG).context["actions"]
    assert {a.entry.minutes.meeting.visibility for a in anonymous} == {"public"}
    member = login("head").get(LOG).context["actions"]
    assert {a.entry.minutes.meeting.visibility for a in member} == {"public", "members"}
    board = {a.description for a in login("board").get(LOG).context["actions"]}
    assert "Revise the budget forecast for spring" in board  # a confidential board item
    # Actions of minutes approved but not yet published are not in the log.
    assert "Broker two SLE deployments" not in board


def test_it_leaves_confidential_actions_out_of_a_members_log(published, login):
    published(
        kind=MeetingKind.WHOLE_ALLIANCE,
        visibility=Visibility.MEMBERS,
        confidential_second_item=True,
    )
    member = {a.description for a in login("sle").get(LOG).context["actions"]}
    assert "Follow up Open item on phonics" in member
    assert "Follow up Staffing matter" not in member


def test_it_lists_actions_in_a_bounded_number_of_queries(login, django_assert_max_num_queries):
    client = login("chair")
    with django_assert_max_num_queries(12):
        response = client.get(LOG)
    assert len(response.context["actions"]) >= 5


def test_it_offers_only_owners_of_actions_the_reader_may_see(login, person):
    owners = login("anonymous").get(LOG).context["form"].fields["owner"].queryset
    assert list(owners) == [person("director")]  # the public meeting's only action
    board_owners = set(login("board").get(LOG).context["form"].fields["owner"].queryset)
    assert person("head") in board_owners
