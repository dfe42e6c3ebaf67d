"""Staff of a member school who hold no role land on a home that says what their alliance
offers them, rather than only that they hold no role."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_teacher_at_a_member_school_is_shown_where_to_go(login):
    page = login("teacher").get(reverse("home")).content.decode()
    assert "Bellenden Road Primary School is a member this year" in page
    for name in ["programmes:catalogue", "programmes:my-programmes", "sle:round-list"]:
        assert f'href="{reverse(name, args=["southwark"])}"' in page


def test_someone_of_no_school_is_not_offered_a_members_links(login):
    page = login("childminder").get(reverse("home"), follow=True).content.decode()
    assert "is a member this year" not in page
