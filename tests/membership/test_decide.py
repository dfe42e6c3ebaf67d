"""The director approves or declines an application: all of it happens, once, or nothing."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alliance.models import AcademicYear, AuditEntry, AuditKind, Role, RoleAssignment
from alliance.outbox import emails_send
from members.models import Invitation, Membership, MembershipKind, Organisation
from membership.models import Application, ApplicationState, MembershipOffer
from membership.services import application_approve, application_decline
from strands.models import Contribution


@pytest.fixture
def application(client, demo, join_data, join_url) -> Application:
    client.post(join_url, join_data)
    return Application.objects.get(urn="100861")


def _approve_url(application: Application) -> str:
    return reverse(
        "membership:application-approve",
        kwargs={"alliance_slug": "southwark", "pk": application.pk},
    )


def test_it_lists_waiting_applications_first_in_few_queries(
    login, demo, application, django_assert_max_num_queries
):
    client = login("director")
    url = reverse("membership:application-list", kwargs={"alliance_slug": "southwark"})
    with django_assert_max_num_queries(14):
        response = client.get(url)
    text = response.content.decode()
    assert text.index("Goldsmith Road Primary School") < text.index("Thames Tutoring Ltd")


def test_approval_makes_the_school_a_member_with_its_strands_invoice_and_invitation(
    login, demo, application, started, mailoutbox
):
    client = login("director")
    response = client.post(_approve_url(application))
    assert response.status_code == 302
    school = Organisation.objects.get(urn="100861")
    membership = Membership.objects.get(organisation=school, alliance=demo.southwark)
    assert membership.academic_year == AcademicYear.current()
    assert membership.kind == MembershipKind.MEMBER_SCHOOL
    assert Contribution.objects.filter(organisation=school).count() == 2
    # Finance's receiver is told what to bill, in pounds and pence.
    assert len(started) == 1
    assert started[0]["membership"] == membership
    assert started[0]["fee"] == Decimal("900.00")
    this_year = AcademicYear.current().label
    assert started[0]["description"] == f"Full member {this_year}, primary, 201-400 on roll"
    assert started[0]["made_by"].full_name == demo.user("director").person.full_name
    invitation = Invitation.objects.get(email="r.okafor@goldsmith-road.example")
    assert (invitation.role, invitation.organisation) == (Role.HEADTEACHER, school)
    assert not invitation.needs_approval
    assert AuditEntry.objects.filter(
        kind=AuditKind.MEMBERSHIP_DECIDED, detail__startswith="approved"
    )
    emails_send()
    subjects = sorted(m.subject for m in mailoutbox)
    assert any("welcome to" in s for s in subjects)
    assert any("You are invited" in s for s in subjects)


def test_the_head_accepts_the_invitation_and_heads_the_school(
    client, login, demo, application, mailoutbox
):
    login("director").post(_approve_url(application))
    emails_send()
    invitation_email = next(m for m in mailoutbox if "invited" in m.subject)
    link = re.search(r"https?://\S+/invitations/\S+/", invitation_email.body).group(0)
    path = "/" + link.split("/", 3)[3]
    client.logout()
    response = client.post(
        path, {"password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"}
    )
    assert response.status_code == 302
    head = RoleAssignment.objects.headships().get(organisation__urn="100861")
    assert head.person.email == "r.okafor@goldsmith-road.example"
    home = client.get(reverse("alliance:role-home", kwargs={"alliance_slug": "southwark"}))
    this_year = AcademicYear.current().label
    assert f"Membership {this_year}: <strong>Member school</strong>" in home.content.decode()


def test_approving_twice_changes_nothing_the_second_time(demo, application, started):
    director = demo.user("director")
    application_approve(actor=director, application=application, base_url="http://x/")
    application_approve(actor=director, application=application, base_url="http://x/")
    assert Membership.objects.filter(organisation__urn="100861").count() == 1
    assert len(started) == 1
    with pytest.raises(ValidationError, match="already been approved"):
        application_decline(actor=director, application=application, message="No.")


def test_approval_links_a_school_already_known_by_its_urn(demo, client, join_data, join_url):
    # Queens Road Primary School left last summer: it comes back under its own record.
    client.post(join_url, {**join_data, "urn": "100852", "school_name": "Queens Road Primary"})
    application = Application.objects.get(urn="100852")
    application_approve(actor=demo.user("director"), application=application, base_url="http://x/")
    school = Organisation.objects.get(urn="100852")
    assert school.name == "Queens Road Primary School"
    assert school.memberships.count() == 2


def test_only_the_director_decides(demo, application):
    with pytest.raises(PermissionDenied):
        application_approve(actor=demo.user("head"), application=application, base_url="http://x/")
    with pytest.raises(PermissionDenied):
        application_decline(actor=demo.user("chair"), application=application, message="No.")
    assert Application.objects.get(pk=application.pk).state == ApplicationState.PENDING


def test_declining_needs_a_reason_and_emails_it(login, demo, application, mailoutbox):
    client = login("director")
    url = reverse(
        "membership:application-decline",
        kwargs={"alliance_slug": "southwark", "pk": application.pk},
    )
    response = client.post(url, {"message": ""})
    assert response.status_code == 400
    assert response.context["decline_form"].errors["message"]
    client.post(url, {"message": "We are full this year; apply again in June."})
    application.refresh_from_db()
    assert application.state == ApplicationState.DECLINED
    assert not Membership.objects.filter(organisation__urn="100861").exists()
    mailoutbox.clear()
    emails_send()
    declined = next(m for m in mailoutbox if m.subject.startswith("Goldsmith Road"))
    assert "apply again in June" in declined.body


def test_an_application_for_a_year_that_has_ended_is_not_approved(demo, application):
    last_year = AcademicYear.objects.get(start_year=AcademicYear.current().start_year - 1)
    Application.objects.filter(pk=application.pk).update(
        offer=MembershipOffer.objects.get(alliance=demo.southwark, academic_year=last_year)
    )
    with pytest.raises(ValidationError, match=f"{last_year.label}, which has ended"):
        application_approve(actor=demo.user("director"), application=application, base_url="x")
    assert not Membership.objects.filter(organisation__urn="100861").exists()
