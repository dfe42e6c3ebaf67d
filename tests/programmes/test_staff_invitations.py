"""A headteacher invites members of their own school's staff to sign in and book its CPD."""

from __future__ import annotations

from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance.models import OutboxEmail, Role, RoleAssignment
from members.models import Invitation, Organisation, Person
from members.services import OWN_SCHOOL_ONLY, invitation_create
from programmes.models import Booker, BookingStatus
from programmes.staff import staff_invite
from tests.programmes.conftest import book_through_check
from tests.races import at_once

pytestmark = pytest.mark.django_db

INVITE = reverse("programmes:staff-invite", args=["southwark"])


def _form(school: Organisation, **overrides) -> dict:
    return {
        "full_name": "Olive Office",
        "email": "Olive.Office@Bellenden.test",
        "job_title": "Office manager",
        "school": school.pk,
        **overrides,
    }


def test_it_lets_a_head_invite_their_staff_who_then_sign_in_and_book(
    login, client, bellenden, staff, make_session
):
    response = login("head").post(INVITE, _form(bellenden), follow=True)
    page = response.content.decode()
    assert "Invitation sent to olive.office@bellenden.test" in page
    # Listed at once under "Staff who may book", as not signed in yet.
    assert "Olive Office" in page and "invited; not signed in yet" in page
    invitation = Invitation.objects.get(email="olive.office@bellenden.test")
    assert (invitation.role, invitation.organisation) == (Role.BOOKER, bellenden)
    assert OutboxEmail.objects.filter(kind="invitation").count() == 1

    client.logout()
    accepted = client.post(
        reverse("invitation-accept", kwargs={"token": invitation.token}),
        {"password1": "a-long-secret-phrase", "password2": "a-long-secret-phrase"},
        follow=True,
    )
    assert "You may book CPD for Bellenden Road Primary School." in accepted.content.decode()
    olive = Person.objects.get(email="olive.office@bellenden.test")
    assert olive.organisation == bellenden and olive.user is not None
    session = make_session()
    [teacher] = staff(1)
    booked = book_through_check(
        client, session.programme_id, {"sessions": [session.pk], "delegates": [teacher.pk]}
    )
    assert booked.status_code == 302
    booking = session.bookings.get()
    assert (booking.status, booking.booked_by, booking.organisation) == (
        BookingStatus.CONFIRMED,
        olive,
        bellenden,
    )


def test_it_refuses_another_school_in_a_tampered_post(login, bellenden):
    crampton = Organisation.objects.get(name="Crampton Primary School")
    response = login("head").post(INVITE, _form(crampton))
    assert response.status_code == 200
    assert "You may invite staff of your own school only." in response.content.decode()
    assert not Invitation.objects.exists()
    assert not Booker.objects.exists()


def test_it_grants_only_the_booking_role_whatever_is_posted(login, bellenden):
    login("head").post(INVITE, _form(bellenden, role=Role.DIRECTOR, organisation=1))
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.organisation) == (Role.BOOKER, bellenden)


def test_it_lets_a_head_grant_no_other_role_nor_another_school(demo, bellenden):
    head = demo.user("head")
    for role in (Role.HEADTEACHER, Role.BOARD_MEMBER, Role.DIRECTOR):
        with pytest.raises(ValidationError) as refused:
            invitation_create(
                actor=head,
                alliance=demo.southwark,
                invitation=Invitation(
                    full_name="A", email="a@x.test", organisation=bellenden, role=role
                ),
                base_url="http://testserver/",
            )
        assert "role" in refused.value.message_dict
    crampton = Organisation.objects.get(name="Crampton Primary School")
    with pytest.raises(ValidationError) as refused:
        staff_invite(
            actor=head,
            alliance=demo.southwark,
            school=crampton,
            full_name="A",
            email="a@x.test",
            base_url="http://testserver/",
        )
    assert refused.value.message_dict == {"organisation": [OWN_SCHOOL_ONLY]}
    assert not Invitation.objects.exists()


def test_it_keeps_the_booking_role_out_of_the_directors_invitation_form(login):
    page = login("director").get(reverse("members:invitation-create", args=["southwark"]))
    assert "May book for the school" not in page.content.decode()


def test_it_sends_one_invitation_when_the_form_is_posted_twice(login, bellenden):
    head = login("head")
    head.post(INVITE, _form(bellenden))
    again = head.post(INVITE, _form(bellenden))
    assert "This person already has an invitation waiting." in again.content.decode()
    assert Invitation.objects.count() == 1
    assert OutboxEmail.objects.filter(kind="invitation").count() == 1
    assert Booker.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_sends_one_invitation_for_a_double_click(demo, bellenden):
    head = demo.user("head")
    click = partial(
        staff_invite,
        actor=head,
        alliance=demo.southwark,
        school=bellenden,
        full_name="Olive Office",
        email="olive@bellenden.test",
        base_url="http://testserver/",
    )
    race = at_once([click, click])
    assert race.errors == []
    # One sent, the other told it is waiting, unless both were asked to try again.
    once = min(1, 2 - race.busy)
    assert len(race.done) == once
    assert [" ".join(r.messages) for r in race.refused] == [
        "This person already has an invitation waiting."
    ] * (2 - race.busy - once)
    assert Invitation.objects.filter(email="olive@bellenden.test").count() == once
    assert OutboxEmail.objects.filter(kind="invitation").count() == once


def test_it_takes_back_an_invitation_with_the_right_to_book(login, client, bellenden):
    head = login("head")
    head.post(INVITE, _form(bellenden))
    booker = Booker.objects.get()
    head.post(reverse("programmes:booker-delete", args=["southwark", booker.pk]))
    invitation = Invitation.objects.get()
    assert not invitation.is_usable
    client.logout()
    page = client.get(reverse("invitation-accept", kwargs={"token": invitation.token}))
    assert "expired or has already been used" in page.content.decode()
    assert not RoleAssignment.objects.filter(role=Role.BOOKER).exists()
