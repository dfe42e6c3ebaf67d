"""The SLE pages as people use them: the directory's search and its query count, applying with
errors next to the field, the head's home page, and the applicant's view of their application."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from members.models import Designation, DesignationKind, Person, Phase, Specialism
from sle.models import SleApplication
from sle.services import support_token
from strands.models import Deployment
from tests.sle.helpers import apply, open_round

pytestmark = pytest.mark.django_db

DIRECTORY = "/southwark/sle/"


def _names(response) -> list[str]:
    return [d.person.full_name for d in response.context["designations"]]


@pytest.mark.usefixtures("autumn_term")  # the term of the demo's deployments
def test_it_searches_and_filters_the_directory(demo, client):
    everyone = _names(client.get(DIRECTORY))
    assert len(everyone) == 16  # Southwark's 13 SLEs and 3 NLEs
    phonics = _names(client.get(DIRECTORY, {"q": "phonics"}))
    assert "Nia Campbell" in phonics and len(phonics) < len(everyone)
    maths = Specialism.objects.get(name="Mathematics")
    by_specialism = client.get(DIRECTORY, {"specialism": maths.pk}).context["designations"]
    assert by_specialism and all(maths in d.specialisms.all() for d in by_specialism)
    secondary = client.get(DIRECTORY, {"phase": "secondary"}).context["designations"]
    assert all(d.phase.code == "secondary" for d in secondary)
    # Nia has 7 of her 20 days deployed this term: more than a third of her year.
    available = _names(client.get(DIRECTORY, {"available": "on"}))
    assert "Nia Campbell" not in available and available
    response = client.get(DIRECTORY, {"q": "no such specialism"})
    assert "No SLE or NLE matches this search." in response.content.decode()


def test_the_directory_asks_as_many_queries_however_many_sles(
    demo, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as few:
        client.get(DIRECTORY)
    school = Person.objects.get(user__email="teacher@demo.test").organisation
    for index in range(20):
        person = Person.objects.create(full_name=f"Extra Sle {index}", organisation=school)
        designation = Designation.objects.create(
            alliance=demo.southwark,
            person=person,
            kind=DesignationKind.SLE,
            phase=Phase.objects.get(code="primary"),
            days_available_per_year=Decimal(10),
        )
        designation.specialisms.set(Specialism.objects.filter(name="Science"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(DIRECTORY)
    assert len(response.context["designations"]) == 36


def test_the_old_directory_address_redirects(demo, client):
    response = client.get("/southwark/sles/")
    assert response.status_code == 302 and response["Location"] == DIRECTORY


def test_it_shows_why_an_application_is_refused_next_to_the_field(demo, login):
    designation_round = open_round(demo.southwark)
    client = login("teacher")
    url = reverse("sle:application-create", args=["southwark", designation_round.pk])
    science = Specialism.objects.get(name="Science")  # not sought: a forged choice
    empty = client.post(url, {"specialism": "", "phase": "", "statement": ""}).context["form"]
    assert empty.errors["specialism"] == ["Choose specialism"]
    assert empty.errors["experience"] == ["Enter experience"]
    answers = {
        "specialism": science.pk,
        "phase": Phase.objects.get(code="primary").pk,
        "experience": "Science lead.",
        "statement": "I would like to help.",
    }
    forged = client.post(url, answers).context["form"]
    assert forged.errors["specialism"] == ["Choose one of the specialisms this round is seeking."]
    assert not SleApplication.objects.filter(round=designation_round).exists()


def test_applying_twice_is_refused_and_saves_one(demo, login):
    designation_round = open_round(demo.southwark)
    client = login("teacher")
    url = reverse("sle:application-create", args=["southwark", designation_round.pk])
    answers = {
        "specialism": Specialism.objects.get(name="Mathematics").pk,
        "phase": Phase.objects.get(code="primary").pk,
        "experience": "Maths lead.",
        "statement": "I would like to help.",
    }
    first = client.post(url, answers)
    assert first.status_code == 302
    second = client.post(url, answers)
    assert "You have already applied in this round." in second.content.decode()
    assert SleApplication.objects.filter(round=designation_round).count() == 1
    # The applicant sees their application and where it stands.
    page = client.get(first["Location"]).content.decode()
    assert "Awaiting the head&#x27;s support" in page


def test_the_head_sees_applications_awaiting_support_on_their_home_page(demo, login):
    application = apply(open_round(demo.southwark))
    page = login("head").get("/southwark/home/").content.decode()
    assert "SLE applications waiting for your support" in page
    assert support_token(application) in page
    assert "Kemi Adeyemi" in page


def test_the_head_records_support_from_the_link_with_errors_next_to_the_field(demo, login):
    application = apply(open_round(demo.southwark))
    client = login("head")
    url = reverse("sle:support", args=["southwark", support_token(application)])
    response = client.post(url, {"supports": "no", "comment": ""})
    assert response.context["form"].errors["comment"] == [
        "Enter why you do not support this application."
    ]
    assert client.post(url, {"supports": "yes", "comment": "Gladly."}).status_code == 302
    application.refresh_from_db()
    assert application.status == "supported" and application.head_comment == "Gladly."


def test_the_review_list_asks_as_many_queries_however_many_deployments(
    demo, login, django_assert_max_num_queries
):
    client = login("director")
    with django_assert_max_num_queries(20) as few:
        first = client.get("/southwark/sle/reviews/")
    assert "Nia Campbell" in first.content.decode()
    nia = Designation.objects.get(alliance=demo.southwark, person__full_name="Nia Campbell")
    deployment = Deployment.objects.filter(designation=nia).first()
    for _ in range(5):
        deployment.pk = None
        deployment.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/southwark/sle/reviews/")
