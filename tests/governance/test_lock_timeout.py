"""Starting the minutes while someone else holds the meeting: a message, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance.locks import BUSY
from governance.models import Minutes

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_asks_the_administrator_to_try_again_when_the_meeting_is_busy(
    login, call_meeting, row_held
):
    meeting = call_meeting()
    row_held(meeting)
    url = reverse("governance:minutes-start", args=["southwark", meeting.pk])
    response = login("administrator").post(url, follow=True)
    assert response.status_code == 200
    assert BUSY in response.content.decode()
    assert not Minutes.objects.filter(meeting=meeting).exists()
