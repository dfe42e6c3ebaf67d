"""The director anonymises someone who has left: name and email replaced, counts kept, logged."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.db.models import CharField, TextField
from django.urls import reverse

from alliance.feeds import calendar_feed_reset
from alliance.models import (
    AcademicYear,
    AuditEntry,
    AuditKind,
    CalendarFeed,
    Role,
    RoleAssignment,
)
from alliance.personal_data import Held, emails_of, personal_data_held
from evaluation.models import Certificate
from members.models import Invitation, Organisation, Person, User
from members.services import person_anonymise
from programmes.models import Attendance, Booker, Booking, BookingStatus, Session

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


# In term, so a headship that ended on the first day of the year has ended before today.
@pytest.mark.usefixtures("autumn_term")
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


# Issue 23: anonymising walks the same declarations as "Download my data", so each model a
# section reads is tried with someone who has a row in it. The demo has rows of most; these
# make one for the leaver where it has none.
def _leaver_booker(leaver: Person) -> None:
    Booker.objects.create(organisation=leaver.organisation, person=leaver)


def _leaver_certificate(leaver: Person) -> None:
    booking = leaver.bookings.select_related("session__programme").get()
    Certificate.objects.create(
        code="LEAVER-0001",
        programme=booking.session.programme,
        person=leaver,
        alliance_id=booking.session.programme.alliance_id,
        full_name=leaver.full_name,
        programme_title=booking.session.programme.title,
        first_date=booking.session.starts_at.date(),
        last_date=booking.session.starts_at.date(),
        hours=Decimal("6.0"),
        director_name="Ruth Okonjo",
    )


def _leaver_calendar_feed(leaver: Person) -> None:
    calendar_feed_reset(user=leaver.user)


LEAVERS_ROWS = {
    Booker: _leaver_booker,
    Certificate: _leaver_certificate,
    CalendarFeed: _leaver_calendar_feed,
    Invitation: lambda leaver: None,  # the fixture invited them
}


def _someone_with_a_row(held: Held, demo) -> Person | None:
    """A person of the demo with a row of ``held``'s model, who may be anonymised: not the
    director doing it, nor a site administrator."""
    acting = demo.user("director").person
    people = Person.objects.exclude(pk=acting.pk).exclude(user__is_superuser=True)
    for lookup in held.lookups:
        ids = held.model.objects.filter(**{f"{lookup}__isnull": False}).values(lookup)
        found = people.filter(pk__in=ids).order_by("pk").first()
        if found:
            return found
    if held.email:
        for address in held.model.objects.values_list(held.email, flat=True).order_by("pk"):
            found = people.filter(email__iexact=address).first()
            # A school's head named by an application to join has no record until it is
            # approved: the one they would have.
            return found or Person.objects.create(full_name="Priya Raman", email=address)
    return None


@pytest.mark.parametrize(
    ("section", "held"),
    personal_data_held(),
    ids=[f"{section}:{held.model._meta.label}" for section, held in personal_data_held()],
)
def test_it_leaves_no_copy_of_their_name_or_address_in_what_their_data_download_reads(
    section, held, demo, leaver
):
    if held.model in LEAVERS_ROWS:
        LEAVERS_ROWS[held.model](leaver)
        person = leaver
    else:
        person = _someone_with_a_row(held, demo)
    assert person is not None, f"No one has a {held.model._meta.label}: add one to LEAVERS_ROWS"
    # Only someone who has left is anonymised: their roles were last year's.
    last_year, _ = AcademicYear.objects.get_or_create(
        start_year=AcademicYear.current().start_year - 1
    )
    RoleAssignment.objects.filter(person=person).update(academic_year=last_year)
    old_name = person.full_name
    old_emails = emails_of(person.user, person)
    rows = set(held.rows_of(person_id=person.pk, emails=old_emails).values_list("pk", flat=True))
    assert rows, f"{old_name} has no {held.model._meta.label}"

    assert person_anonymise(actor=demo.user("director"), alliance=demo.southwark, person=person)

    text_fields = [
        f.name
        for f in held.model._meta.concrete_fields
        if isinstance(f, CharField | TextField) and not f.choices and f.name not in held.kept
    ]
    for row in held.model.objects.filter(pk__in=rows).values("pk", *text_fields):
        for name in text_fields:
            value = (row[name] or "").lower()
            assert old_name.lower() not in value, f"{held.model._meta.label}.{name}: {value}"
            for address in old_emails:
                assert address not in value, f"{held.model._meta.label}.{name}: {value}"
