"""Cohort pages (issue 15): the programme form's cohort settings, the catalogue's series, the
endorsement link, the acceptance email with the whole series, and constant query counts."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from alliance.outbox import emails_send
from programmes import cohorts
from programmes.models import Audience, EnrolmentStatus, ProgrammeFormat
from tests.programmes.conftest import other_head

pytestmark = pytest.mark.django_db


def _form_data(programme, **overrides) -> dict:
    data = {
        "strand": programme.strand_id,
        "kind": programme.kind,
        "title": programme.title,
        "summary": programme.summary,
        "audiences": [str(a.pk) for a in Audience.objects.filter(code="teachers")],
        "led_by": programme.led_by_id,
        "member_price": "950",
        "non_member_price": "1200",
        "status": "published",
        "format": "cohort",
        "cohort_places": "5",
        "sessions_may_miss": "1",
    }
    return {**data, **overrides}


def _edit(client, programme, **overrides):
    url = reverse("programmes:programme-edit", args=["southwark", programme.pk])
    return client.post(url, _form_data(programme, **overrides))


def test_the_lead_makes_a_programme_a_cohort_on_its_form(login, make_programme, demo):
    from strands.models import Strand

    programme = make_programme(
        strand=Strand.objects.get(alliance=demo.southwark, kind="leadership")
    )
    response = _edit(login("leadership-lead"), programme)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.format, programme.cohort_places, programme.sessions_may_miss) == (
        ProgrammeFormat.COHORT,
        5,
        1,
    )


def test_a_cohort_needs_its_places(login, make_cohort):
    programme = make_cohort()
    response = _edit(login("leadership-lead"), programme, cohort_places="")
    assert "Enter how many places the cohort has." in response.content.decode()


def test_a_cohort_with_an_application_cannot_go_back_to_drop_in(login, make_cohort, teacher):
    programme = make_cohort()
    cohorts.apply(actor=teacher, programme=programme, participant=teacher)
    response = _edit(login("leadership-lead"), programme, format="drop_in")
    assert response.status_code == 200
    assert "cannot become drop-in sessions" in response.content.decode()
    programme.refresh_from_db()
    assert programme.format == ProgrammeFormat.COHORT


def test_the_catalogue_shows_a_cohort_as_a_series_with_apply(client, make_cohort):
    programme = make_cohort(sessions=3, places=5, title="A cohort for the catalogue")
    page = client.get(reverse("programmes:catalogue", args=["southwark"])).content.decode()
    card = page.split("A cohort for the catalogue")[1].split("</li>")[0]
    assert "3 sessions" in card
    assert "5 of 5 · apply" in card
    assert "for the whole programme" in card
    detail = client.get(programme.get_absolute_url()).content.decode()
    assert "One application covers every session" in detail
    assert "/book/" not in detail


def test_the_endorsement_link_opens_the_application_for_its_head_only(
    login, make_cohort, teacher, demo
):
    enrolment = cohorts.apply(actor=teacher, programme=make_cohort(), participant=teacher)
    url = reverse(
        "programmes:enrolment-endorse-link", args=["southwark", cohorts.endorse_token(enrolment)]
    )
    assert login("chair").get(url).status_code == 404  # another school's head
    response = login("head").get(url, follow=True)
    assert "Endorse the application" in response.content.decode()
    response = login("head").post(
        reverse("programmes:enrolment-endorse", args=["southwark", enrolment.pk]), follow=True
    )
    assert "Endorsed Kemi Adeyemi" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.endorsed_by == demo.user("head").person
    assert other_head(demo) != enrolment.endorsed_by


def test_the_endorse_email_links_a_token_and_acceptance_attaches_the_series(
    make_cohort, teacher, head, lead_perms, django_capture_on_commit_callbacks
):
    programme = make_cohort(sessions=4)
    enrolment = cohorts.apply(actor=teacher, programme=programme, participant=teacher)
    emails_send()
    [endorse] = mail.outbox
    token = re.search(r"/endorse/([^/\s]+)/", endorse.body).group(1)
    assert cohorts.enrolment_from_token(token) == enrolment
    assert f"/enrolments/{enrolment.pk}/" not in endorse.body
    mail.outbox.clear()
    cohorts.endorse(actor=head, enrolment=enrolment)
    cohorts.decide(perms=lead_perms, enrolment=enrolment, decision="accepted", message="Welcome")
    emails_send()
    [accepted] = mail.outbox
    assert "Welcome" in accepted.body
    [(_name, ics, kind)] = accepted.attachments
    assert kind == "text/calendar"
    assert ics.count("BEGIN:VEVENT") == 4


def test_a_withdrawal_without_a_reason_is_refused_next_to_the_field(login, make_cohort, teacher):
    enrolment = cohorts.apply(actor=teacher, programme=make_cohort(), participant=teacher)
    response = login("teacher").post(
        reverse("programmes:enrolment-withdraw", args=["southwark", enrolment.pk]), {"reason": ""}
    )
    assert "Enter the reason for withdrawing." in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPLIED


def test_pages_ask_the_same_number_of_queries_as_applications_grow(
    login, make_cohort, staff, head, django_assert_max_num_queries
):
    programme = make_cohort(places=30)
    applications = reverse("programmes:cohort-applications", args=["southwark", programme.pk])
    mine = reverse("programmes:my-programmes", args=["southwark"])
    for count in (1, 10):
        for person in staff(count):
            cohorts.apply(actor=head, programme=programme, participant=person)
        client = login("leadership-lead")
        with django_assert_max_num_queries(14):
            assert client.get(applications).status_code == 200
        client = login("head")
        with django_assert_max_num_queries(16):
            assert client.get(mine).status_code == 200


def test_a_participants_data_download_holds_their_application(login, make_cohort, teacher):
    programme = make_cohort()
    cohorts.apply(actor=teacher, programme=programme, participant=teacher, note="Maths lead")
    data = login("teacher").get(reverse("personal-data-download")).json()
    [row] = data["programme_enrolments"]
    assert (row["programme"], row["why_this_programme"]) == (programme.title, "Maths lead")


def test_a_head_applies_for_their_own_staff_only(login, make_cohort, staff, demo):
    from members.models import Person

    programme = make_cohort()
    [alice] = staff(1)
    url = reverse("programmes:cohort-apply", args=["southwark", programme.pk])
    client = login("head")
    elsewhere = Person.objects.exclude(organisation=alice.organisation).exclude(
        organisation__isnull=True
    )[0]
    response = client.post(url, {"participant": elsewhere.pk})
    assert "Choose who is applying." in response.content.decode()
    assert not programme.enrolments.exists()
    response = client.post(url, {"participant": alice.pk}, follow=True)
    assert "The programme&#x27;s lead will decide on it." in response.content.decode()
    assert programme.enrolments.get().status == EnrolmentStatus.ENDORSED
    again = client.post(url, {"participant": alice.pk})
    assert f"{alice.full_name} has already applied for this programme." in again.content.decode()
