"""The talent pool: a head nominates their own staff, the person agrees, the lead invites."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance.models import AuditEntry, AuditKind, OutboxEmail
from alliance.permissions import perms_for
from leadership.models import Nomination, NominationStatus
from leadership.selectors import cohorts_to_invite_to
from leadership.services import nomination_answer, nomination_create, nomination_invite
from members.models import Person

pytestmark = pytest.mark.django_db


def _person(email: str) -> Person:
    return Person.objects.get(user__email=email)


def _perms(demo, email: str):
    return perms_for(_person(email), demo.southwark)


@pytest.fixture
def bellenden_staff(demo) -> Person:
    head = _person("head@demo.test")
    return Person.objects.create(
        full_name="Ola Brown", organisation=head.organisation, job_title="Year 6 teacher"
    )


@pytest.fixture
def teachers_nomination(demo) -> Nomination:
    return Nomination.objects.get(person__user__email="teacher@demo.test")


def test_it_lets_a_head_nominate_their_own_staff(demo, login, bellenden_staff):
    client = login("head")
    url = reverse("leadership:nomination-create", args=["southwark"])
    response = client.post(
        url, {"person": bellenden_staff.pk, "aspiration": "middle", "note": "Leads reading."}
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get(person=bellenden_staff)
    assert nomination.status == NominationStatus.AWAITING
    assert nomination.nominated_by == _person("head@demo.test")
    # A decision about a person: in the audit trail.
    entry = AuditEntry.objects.filter(
        kind=AuditKind.NOMINATION, subject_id=str(nomination.pk)
    ).get()
    assert entry.actor == demo.user("head")


def test_it_refuses_someone_not_their_staff_next_to_the_field(demo, login):
    elsewhere = Person.objects.filter(job_title="Year 3 teacher").exclude(
        organisation=_person("head@demo.test").organisation
    )[0]
    before = Nomination.objects.count()
    client = login("head")
    url = reverse("leadership:nomination-create", args=["southwark"])
    response = client.post(url, {"person": elsewhere.pk, "aspiration": "middle", "note": "x"})
    assert response.status_code == 200
    assert "Choose a member of staff of a school you lead." in response.text
    assert Nomination.objects.count() == before


def test_the_service_refuses_someone_not_their_staff_too(demo):
    elsewhere = Person.objects.filter(job_title="Year 3 teacher").exclude(
        organisation=_person("head@demo.test").organisation
    )[0]
    with pytest.raises(ValidationError, match="school you lead"):
        nomination_create(
            perms=_perms(demo, "head@demo.test"), person=elsewhere, aspiration="middle", note="x"
        )


def test_it_asks_for_each_field_by_name(demo, login):
    client = login("head")
    response = client.post(reverse("leadership:nomination-create", args=["southwark"]), {})
    for message in ("Choose a member of staff.", "Choose an aspiration.", "Enter why you"):
        assert message in response.text


def test_it_refuses_a_second_open_nomination(demo, teachers_nomination):
    with pytest.raises(ValidationError, match="already nominated"):
        nomination_create(
            perms=_perms(demo, "head@demo.test"),
            person=teachers_nomination.person,
            aspiration="headship",
            note="Again",
        )
    assert Nomination.objects.filter(person=teachers_nomination.person).count() == 1


def test_the_person_sees_it_on_their_home_and_agrees_once(demo, login, teachers_nomination):
    client = login("teacher")
    home = client.get(reverse("home"))
    assert "You are nominated for the talent pool" in home.text
    url = reverse("leadership:nomination-agree", args=["southwark", teachers_nomination.pk])
    client.post(url)
    client.post(url)  # a double click
    teachers_nomination.refresh_from_db()
    assert teachers_nomination.status == NominationStatus.AGREED
    # Declining afterwards changes nothing: the answer is given.
    client.post(
        reverse("leadership:nomination-decline", args=["southwark", teachers_nomination.pk])
    )
    teachers_nomination.refresh_from_db()
    assert teachers_nomination.status == NominationStatus.AGREED
    assert "You are nominated" not in client.get(reverse("home")).text


def test_only_the_person_answers(demo, teachers_nomination):
    with pytest.raises(ValidationError):
        nomination_answer(
            perms=_perms(demo, "head@demo.test"), nomination=teachers_nomination, agree=True
        )


def test_the_lead_invites_once_they_agree_with_one_email(demo, teachers_nomination):
    lead = _perms(demo, "leadership-lead@demo.test")
    cohort = cohorts_to_invite_to(alliance=demo.southwark).filter(kind="npqsl").first()
    assert cohort is not None
    with pytest.raises(ValidationError, match="once they have agreed"):
        nomination_invite(perms=lead, nomination=teachers_nomination, programme=cohort)
    nomination_answer(
        perms=_perms(demo, "teacher@demo.test"), nomination=teachers_nomination, agree=True
    )
    before = OutboxEmail.objects.filter(kind="leadership.invitation").count()
    nomination_invite(perms=lead, nomination=teachers_nomination, programme=cohort)
    nomination_invite(perms=lead, nomination=teachers_nomination, programme=cohort)
    assert OutboxEmail.objects.filter(kind="leadership.invitation").count() == before + 1
    teachers_nomination.refresh_from_db()
    assert teachers_nomination.invited_to == cohort


def test_the_pool_filters_by_aspiration_school_and_role(demo, login):
    client = login("leadership-lead")
    url = reverse("leadership:pool", args=["southwark"])
    everyone = client.get(url)
    assert "Kemi Adeyemi" in everyone.text
    headship = client.get(url, {"aspiration": "headship"})
    assert "Kemi Adeyemi" not in headship.text
    assert "NPQ in Headship" in headship.text  # the suggestion for that aspiration
    by_role = client.get(url, {"role": "maths lead"})
    assert "Kemi Adeyemi" in by_role.text
    school = _person("teacher@demo.test").organisation
    assert "Kemi Adeyemi" in client.get(url, {"school": school.pk}).text
    # A filter that makes no sense is ignored, not a 500.
    assert "Kemi Adeyemi" in client.get(url, {"school": "abc", "status": "x"}).text


def test_the_pool_reads_a_constant_number_of_queries(demo, login, django_assert_max_num_queries):
    client = login("leadership-lead")
    url = reverse("leadership:pool", args=["southwark"])
    client.get(url)
    with django_assert_max_num_queries(14):
        client.get(url)
    head = _person("head@demo.test")
    for n in range(15):
        person = Person.objects.create(
            full_name=f"Extra {n}", organisation=head.organisation, job_title="Teacher"
        )
        Nomination.objects.create(
            alliance=demo.southwark,
            person=person,
            organisation=head.organisation,
            nominated_by=head,
            aspiration="senior",
            note="n",
        )
    with django_assert_max_num_queries(14):
        assert "Extra 14" in client.get(url).text
