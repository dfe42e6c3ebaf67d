"""A change to roles, bookers or memberships shows in who may book from the next request."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from alliance.models import Role, RoleAssignment
from members.models import Membership
from programmes.models import Booker
from programmes.rights import booking_rights_for

pytestmark = pytest.mark.django_db


def _book_url(session) -> str:
    return reverse("programmes:booking-create", args=["southwark", session.programme_id])


def test_a_head_whose_role_ends_cannot_book_from_the_next_request(login, head, make_session):
    session = make_session()
    client = login("head")
    assert client.get(_book_url(session)).status_code == 200
    role = RoleAssignment.objects.get(person=head, role=Role.HEADTEACHER)
    role.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    role.save()
    assert client.get(_book_url(session)).status_code == 403


def test_staff_allowed_by_their_head_book_at_once_and_stop_when_removed(
    demo, client, head, bellenden, make_session
):
    session = make_session()
    teacher = demo.user("sle").person  # signs in; works at another school
    teacher.organisation = bellenden
    teacher.save()
    client.force_login(teacher.user)
    assert client.get(_book_url(session)).status_code == 403
    booker = Booker.objects.create(organisation=bellenden, person=teacher, granted_by=head)
    assert client.get(_book_url(session)).status_code == 200
    booker.delete()
    assert client.get(_book_url(session)).status_code == 403


def test_a_school_that_leaves_the_alliance_sees_the_non_member_price_at_once(
    login, bellenden, make_programme, make_session
):
    programme = make_programme(
        member_price=Decimal("20"), non_member_price=Decimal("45"), open_to_non_members=True
    )
    session = make_session(programme)
    client = login("head")
    assert "£20" in client.get(_book_url(session)).content.decode()
    Membership.objects.filter(organisation=bellenden, alliance=programme.alliance).delete()
    page = client.get(_book_url(session)).content.decode()
    assert "£45" in page


def test_anonymous_visitors_book_for_nobody():
    assert not booking_rights_for(AnonymousUser())
