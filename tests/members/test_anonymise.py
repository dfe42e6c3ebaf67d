"""The director anonymises someone who has left: name and email replaced, counts kept, logged."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from alliance.models import AcademicYear, AuditEntry, AuditKind, Role, RoleAssignment
from members.models import Invitation, Organisation, Person, User
from programmes.models import Attendance, Booking, BookingStatus, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver(demo) -> Person:
    """A former teacher at Bellenden who signed in, was invited once and attended a course."""
    bellenden = Organisation.objects.get(name="Bellenden Road Primary School")
    user = User.objects.create_user(
        email="lee.leaver@demo.test", password="alliance-demo", first_name="Lee"
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    person = Person.objects.create(
        user=user, full_name="Lee Leaver", email=user.email, organisation=bellenden
    )
    Invitation.objects.create(
        alliance=demo.southwark,
        email=user.email,
        full_name="Lee Leaver",
        organisation=bellenden,
        role="board_member",
    )
    session = Session.objects.filter(alliance=demo.southwark).order_by("pk").first()
    Booking.objects.create(
        session=session,
        delegate=person,
        organisation=bellenden,
        status=BookingStatus.CONFIRMED,
        attendance=Attendance.ATTENDED,
    )
    return person


def _url(person: Person, slug: str = "southwark") -> str:
    return reverse("members:person-anonymise", args=[slug, person.pk])


def test_it_replaces_name_and_email_and_keeps_bookings_and_attendance(login, demo, leaver):
    session = leaver.bookings.get().session
    places = session.bookings.count()
    client = login("director")
    assert "Anonymise Lee Leaver" in client.get(_url(leaver)).content.decode()
    response = client.post(_url(leaver), {"reason": "Left in July"}, follow=True)
    assert f"Person {leaver.pk} has been anonymised." in response.content.decode()
    leaver.refresh_from_db()
    assert leaver.full_name == f"Former member {leaver.pk}"
    assert leaver.email == f"anonymised-{leaver.pk}@anonymised.invalid"
    user = User.objects.get(pk=leaver.user_id)
    assert user.email == leaver.email and user.first_name == ""
    assert not user.is_active and not user.has_usable_password()
    assert not EmailAddress.objects.filter(email__iexact="lee.leaver@demo.test").exists()
    assert not Invitation.objects.filter(email="lee.leaver@demo.test").exists()
    assert not Person.objects.filter(full_name="Lee Leaver").exists()
    # The counts stay: the place and its attendance are still there, now nameless.
    assert session.bookings.count() == places
    assert leaver.bookings.get().attendance == Attendance.ATTENDED
    entry = AuditEntry.objects.get(kind=AuditKind.PERSON_ANONYMISED)
    assert entry.actor == demo.user("director")
    assert entry.alliance == demo.southwark
    assert entry.detail == "Left in July"
    # The old sign-in no longer works.
    client.logout()
    signed_in = client.post(
        reverse("account_login"), {"login": "lee.leaver@demo.test", "password": "alliance-demo"}
    )
    assert signed_in.status_code == 200


def test_it_anonymises_once_however_often_it_is_asked(login, leaver):
    client = login("director")
    client.post(_url(leaver))
    response = client.post(_url(leaver), follow=True)
    assert f"Person {leaver.pk} was already anonymised." in response.content.decode()
    assert AuditEntry.objects.filter(kind=AuditKind.PERSON_ANONYMISED).count() == 1


def test_it_says_so_rather_than_offering_to_anonymise_someone_again(login, leaver):
    client = login("director")
    client.post(_url(leaver))
    html = client.get(_url(leaver)).content.decode()  # the back button, say
    assert "This person has already been anonymised" in html
    assert "Anonymise this person" not in html


def test_it_refuses_someone_who_still_holds_a_role_with_a_message(login, demo):
    head = demo.user("head").person
    response = login("director").post(_url(head))
    assert response.status_code == 200
    assert "still holds a role this year: end it before anonymising them." in (
        response.content.decode()
    )
    head.refresh_from_db()
    assert head.full_name != f"Former member {head.pk}"


def test_it_refuses_to_lock_out_a_site_administrator(login, demo, leaver):
    leaver.user.is_superuser = True
    leaver.user.save(update_fields=["is_superuser"])
    response = login("director").post(_url(leaver), {"reason": "left"})
    assert "only another site administrator can remove that sign-in" in response.content.decode()
    leaver.refresh_from_db()
    leaver.user.refresh_from_db()
    assert leaver.full_name == "Lee Leaver"
    assert leaver.user.is_active
    assert not AuditEntry.objects.filter(kind=AuditKind.PERSON_ANONYMISED).exists()


def test_it_cannot_reach_a_person_outside_the_alliance(login, demo):
    elsewhere = Organisation.objects.create(name="A school of no alliance")
    outsider = Person.objects.create(full_name="Olly Outsider", organisation=elsewhere)
    client = login("director")
    assert client.get(_url(outsider)).status_code == 404
    assert client.post(_url(outsider)).status_code == 404
    outsider.refresh_from_db()
    assert outsider.full_name == "Olly Outsider"


@pytest.mark.parametrize(
    "persona",
    [
        "anonymous",
        "chair",
        "administrator",
        "cpd-lead",
        "board",
        "head",
        "sle",
        "steep-director",
        "superuser",
        "la-adviser",
    ],
)
def test_it_lets_nobody_but_the_director_post(persona, login, leaver):
    response = login(persona).post(_url(leaver), {"reason": "no"})
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
    leaver.refresh_from_db()
    assert leaver.full_name == "Lee Leaver"
    assert not AuditEntry.objects.filter(kind=AuditKind.PERSON_ANONYMISED).exists()


@pytest.mark.parametrize("persona", ["anonymous", "chair", "head", "steep-director"])
def test_it_lets_nobody_but_the_director_export_the_trail(persona, login):
    response = login(persona).get(reverse("alliance:audit-csv", args=["southwark"]))
    assert response.status_code in (302, 403)
    assert not AuditEntry.objects.filter(kind=AuditKind.DOWNLOAD).exists()


def test_it_lists_people_who_have_left_for_the_director_to_anonymise(login, demo, leaver):
    bellenden = leaver.organisation
    RoleAssignment.objects.create(
        alliance=demo.southwark,
        academic_year=AcademicYear.current(),
        person=leaver,
        role=Role.HEADTEACHER,
        organisation=bellenden,
        starts_on=AcademicYear.current().starts_on,
        ends_on=AcademicYear.current().starts_on,
    )
    people = reverse("members:people-list", args=["southwark"])
    html = login("director").get(people).content.decode()
    assert "People who have left" in html
    assert _url(leaver) in html
    assert _url(leaver) not in login("chair").get(people).content.decode()
    login("director").post(_url(leaver))
    assert "Lee Leaver" not in login("director").get(people).content.decode()


def test_it_names_each_scrolling_table_of_the_people_page_differently(login, demo):
    # Screen readers list regions by name; two called "Scrollable table" cannot be told apart.
    director = login("director")
    invite = {
        "full_name": "Ada Lovelace",
        "email": "ada@demo.test",
        "organisation": Organisation.objects.get(name="Crampton Primary School").pk,
        "role": Role.BOARD_MEMBER,
        "funded_days": "0",
        "funded_period": "week",
    }
    director.post(reverse("members:invitation-create", args=["southwark"]), invite)
    html = director.get(reverse("members:people-list", args=["southwark"])).content
    labels = re.findall(r'role="region" aria-label="([^"]*)"', html.decode())
    assert len(labels) == 2
    assert len(set(labels)) == len(labels)
