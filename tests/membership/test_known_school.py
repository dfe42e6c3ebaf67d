"""Issue 23: an application that names a school the portal already has.

The director's page says who the school really is (its name, where it is a member this year,
who heads it), and approving never makes the applicant its head: the school's own head (any
alliance), or the site administrator where it has none, confirms them first."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

import tests.test_html_validity as html_validity
from alliance.models import AcademicYear, AuditEntry, AuditKind, Role, RoleAssignment
from alliance.outbox import emails_send
from members.models import Invitation, Membership, Organisation, Person, User
from membership.models import Application
from membership.services import application_approve

STRANGER = "mallory@lyndhurst.example"
CHELWOOD_URN = "100700"  # Chelwood Nursery School: a STEEP teaching school, not in Southwark


@pytest.fixture
def chelwood(demo) -> Organisation:
    return Organisation.objects.get(urn=CHELWOOD_URN)


def make_head(organisation: Organisation, alliance, *, name: str, email: str) -> Person:
    """Someone who signs in and heads ``organisation`` today, as granted by ``alliance``."""
    user = User.objects.create_user(email=email, password="a-long-pass-phrase")
    person = Person.objects.create(
        full_name=name, email=email, organisation=organisation, user=user
    )
    year = AcademicYear.current()
    RoleAssignment.objects.create(
        alliance=alliance,
        academic_year=year,
        person=person,
        role=Role.HEADTEACHER,
        organisation=organisation,
        starts_on=year.starts_on,
    )
    return person


@pytest.fixture
def chelwood_head(demo, chelwood) -> Person:
    return make_head(chelwood, demo.steep, name="Rita Okonjo", email="rita@chelwood.example")


def _apply(client, join_data, join_url, **changes) -> Application:
    data = {
        **join_data,
        "school_name": "Lyndhurst Grove Primary School",
        "urn": CHELWOOD_URN,
        "head_name": "Mallory Stranger",
        "head_email": STRANGER,
        **changes,
    }
    response = client.post(join_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.get(alliance__slug="southwark", urn=data["urn"], state="pending")


@pytest.fixture
def stranger_application(client, demo, join_data, join_url) -> Application:
    return _apply(client, join_data, join_url)


def _detail_url(application: Application) -> str:
    return reverse(
        "membership:application-detail",
        kwargs={"alliance_slug": "southwark", "pk": application.pk},
    )


def _text(response) -> str:
    """The page's words, as read: tags gone, spaces run together, none before punctuation."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r" ([,.:;)])", r"\1", text)


def _approve(demo, application: Application) -> Invitation:
    application_approve(
        actor=demo.user("director"), application=application, base_url="http://portal.test/"
    )
    return Invitation.objects.get(email=STRANGER)


# --- 1. the director's page says who the school really is ----------------------------------


def test_it_shows_the_school_the_urn_belongs_to_its_alliances_and_its_head(
    login, demo, chelwood_head, stranger_application
):
    page = _text(login("director").get(_detail_url(stranger_application)))
    assert "Already in the portal" in page
    known = page.split("Already in the portal")[1]
    assert "Chelwood Nursery School, URN 100700 (same URN)" in known
    assert "South Thames Early Education Partnership" in known
    assert "Rita Okonjo (STEEP)" in known


def test_it_finds_a_school_by_its_name_whatever_the_case(
    client, login, demo, chelwood, join_data, join_url
):
    application = _apply(
        client, join_data, join_url, school_name="CHELWOOD nursery school", urn="100999"
    )
    page = _text(login("director").get(_detail_url(application)))
    assert "Chelwood Nursery School, URN 100700 (same name)" in page
    assert "Head today none in any alliance" in page


def test_it_says_nothing_of_a_school_it_does_not_know(login, demo, join_data, client, join_url):
    client.post(join_url, join_data)
    application = Application.objects.get(urn=join_data["urn"])
    assert "Already in the portal" not in _text(login("director").get(_detail_url(application)))


def test_it_shows_a_known_school_in_the_same_queries_however_many_heads_and_alliances(
    login, demo, chelwood, chelwood_head, stranger_application, django_assert_max_num_queries
):
    client = login("director")
    client.get(_detail_url(stranger_application))  # warm the session and content types
    with django_assert_max_num_queries(40) as few:
        client.get(_detail_url(stranger_application))
    make_head(chelwood, demo.southwark, name="Second Head", email="second@chelwood.example")
    Membership.objects.create(
        alliance=demo.southwark,
        organisation=chelwood,
        academic_year=AcademicYear.current(),
        kind="member_school",
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = _text(client.get(_detail_url(stranger_application)))
    assert "Second Head" in page


# --- 2. approving never makes the applicant head of a school already known ------------------


def test_approving_holds_the_head_invitation_for_the_schools_own_head(
    demo, chelwood, chelwood_head, stranger_application, mailoutbox
):
    invitation = _approve(demo, stranger_application)
    # The school joins under its own record: that is the director's decision to make.
    assert Membership.objects.filter(alliance=demo.southwark, organisation=chelwood).exists()
    assert (invitation.organisation, invitation.role) == (chelwood, Role.HEADTEACHER)
    assert invitation.needs_approval and not invitation.approved_at
    assert AuditEntry.objects.filter(
        kind=AuditKind.INVITATION_SENT, detail__contains="confirmation of the head of Chelwood"
    ).exists()
    mailoutbox.clear()
    emails_send()
    to_head = [m for m in mailoutbox if m.to == ["rita@chelwood.example"]]
    assert [m.subject for m in to_head] == ["Confirm the new head of Chelwood Nursery School"]
    assert "Mallory Stranger (mallory@lyndhurst.example)" in to_head[0].body
    assert "/home/headship/" in to_head[0].body
    # The applicant hears the decision, never a link to sign in as Chelwood's head.
    assert not any("invited" in m.subject for m in mailoutbox if STRANGER in m.to)


def test_the_director_sees_whom_the_invitation_waits_for(
    login, demo, chelwood_head, stranger_application
):
    _approve(demo, stranger_application)
    page = _text(login("director").get(_detail_url(stranger_application)))
    assert (
        "Waiting for Rita Okonjo, head of Chelwood Nursery School, to confirm Mallory Stranger "
        "as head." in page
    )


def test_a_school_with_no_head_anywhere_waits_for_the_site_administrator(
    login, demo, stranger_application, mailoutbox
):
    _approve(demo, stranger_application)
    page = _text(login("director").get(_detail_url(stranger_application)))
    assert "Waiting for the site administrator" in page
    mailoutbox.clear()
    emails_send()
    to_admin = [m for m in mailoutbox if m.subject.startswith("Confirm the new head")]
    assert [m.to for m in to_admin] == [["superuser@demo.test"]]


def test_the_applicant_cannot_accept_before_the_head_confirms(
    client, demo, chelwood, chelwood_head, stranger_application
):
    invitation = _approve(demo, stranger_application)
    url = reverse("invitation-accept", kwargs={"token": invitation.token})
    page = _text(client.get(url))
    assert "waiting for the head of Chelwood Nursery School to confirm you" in page
    client.post(url, {"password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"})
    assert not RoleAssignment.objects.headships().filter(person__email=STRANGER).exists()
    assert not User.objects.filter(email=STRANGER).exists()


def test_once_the_head_confirms_the_applicant_is_invited_and_the_director_sees_it(
    client, login, demo, chelwood, chelwood_head, stranger_application, mailoutbox
):
    invitation = _approve(demo, stranger_application)
    client.force_login(chelwood_head.user)
    response = client.post(reverse("headship-confirm", args=[invitation.pk]))
    assert response.status_code == 302
    mailoutbox.clear()
    emails_send()
    link = next(m for m in mailoutbox if m.to == [STRANGER] and "invited" in m.subject)
    path = "/" + re.search(r"https?://\S+/invitations/\S+/", link.body).group(0).split("/", 3)[3]
    client.logout()
    client.post(path, {"password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"})
    assert RoleAssignment.objects.headships().filter(
        person__email=STRANGER, organisation=chelwood, alliance=demo.southwark
    )
    page = _text(login("director").get(_detail_url(stranger_application)))
    assert "Confirmed by Rita Okonjo on" in page
    assert "Mallory Stranger is now head." in page


def test_once_the_head_refuses_the_director_sees_why_and_nobody_is_made_head(
    client, login, demo, chelwood_head, stranger_application
):
    invitation = _approve(demo, stranger_application)
    client.force_login(chelwood_head.user)
    client.post(
        reverse("headship-refuse", args=[invitation.pk]),
        {f"{invitation.pk}-reason": "I lead Chelwood; I do not know this person."},
    )
    page = _text(login("director").get(_detail_url(stranger_application)))
    assert "Refused by Rita Okonjo on" in page
    assert "“I lead Chelwood; I do not know this person.”" in page
    client.logout()
    url = reverse("invitation-accept", kwargs={"token": invitation.token})
    client.post(url, {"password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"})
    assert not User.objects.filter(email=STRANGER).exists()


def test_the_schools_own_head_applying_is_invited_at_once(
    client, demo, chelwood, chelwood_head, join_data, join_url
):
    application = _apply(
        client, join_data, join_url, head_name="Rita Okonjo", head_email="rita@chelwood.example"
    )
    application_approve(
        actor=demo.user("director"), application=application, base_url="http://portal.test/"
    )
    invitation = Invitation.objects.get(email="rita@chelwood.example")
    assert not invitation.needs_approval


def test_a_new_school_keeps_todays_invitation(demo, client, join_data, join_url):
    client.post(join_url, join_data)
    application = Application.objects.get(urn=join_data["urn"])
    application_approve(
        actor=demo.user("director"), application=application, base_url="http://portal.test/"
    )
    assert not Invitation.objects.get(email=join_data["head_email"]).needs_approval


def test_it_serves_valid_html_with_a_known_school_and_its_heads_step(
    tmp_path, login, monkeypatch, demo, stranger_application
):
    _approve(demo, stranger_application)
    for pages in ("_object_pages", "_impact_pages", "_cohort_pages"):
        monkeypatch.setattr(html_validity, pages, list)
    pages = [("director", _detail_url(stranger_application))]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    html_validity.test_it_serves_valid_html(tmp_path, login)
