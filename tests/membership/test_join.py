"""The public offer and the join form: what a school sees and what it is told when it errs."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from alliance.models import AcademicYear, OutboxEmail
from alliance.outbox import emails_send
from membership.models import Application, ApplicationState


def test_it_shows_the_offer_short_on_the_alliance_page_and_in_full_on_its_own(client, demo):
    this_year = AcademicYear.current()
    home = client.get(reverse("alliance:home", kwargs={"alliance_slug": "southwark"}))
    assert f"Membership {this_year.label}" in home.content.decode()
    assert "Full member" in home.content.decode()
    assert (
        reverse("membership:join", kwargs={"alliance_slug": "southwark"}) in home.content.decode()
    )
    page = client.get(reverse("membership:offer", kwargs={"alliance_slug": "southwark"}))
    text = page.content.decode()
    assert "201–400 on roll" in text and "£900.00" in text
    assert "4 free CPD places" in text and "2 SLE days at the members&#x27;" in text
    # Next year's offer is shown too, so a school can see what it would renew into.
    next_year = AcademicYear(start_year=this_year.start_year + 1)
    assert next_year.label in text


def test_it_keeps_the_offer_page_to_a_fixed_number_of_queries(
    client, demo, django_assert_max_num_queries
):
    url = reverse("membership:offer", kwargs={"alliance_slug": "southwark"})
    with django_assert_max_num_queries(12):
        client.get(url)


def test_it_takes_an_application_and_acknowledges_it_by_email(
    client, demo, join_data, join_url, mailoutbox
):
    response = client.post(join_url, join_data)
    assert response.status_code == 302
    application = Application.objects.get(urn="100861")
    assert application.state == ApplicationState.PENDING
    assert application.fee == Decimal("900.00")
    this_year = AcademicYear.current().label
    assert application.fee_description == f"Full member {this_year}, primary, 201-400 on roll"
    assert len(application.protocols_accepted) == 12
    assert application.strands.count() == 2
    assert emails_send() == 1
    assert mailoutbox[0].to == ["r.okafor@goldsmith-road.example"]
    assert "Goldsmith Road Primary School" in mailoutbox[0].body


def test_it_refuses_a_urn_that_is_not_six_digits_next_to_the_field(
    client, demo, join_data, join_url
):
    for urn in ["12345", "1234567", "10086a"]:
        response = client.post(join_url, {**join_data, "urn": urn})
        assert response.status_code == 200
        assert "six digits" in str(response.context["form"].errors["urn"])
    assert not Application.objects.filter(school_name="Goldsmith Road Primary School").exists()


def test_it_refuses_fewer_than_two_strands(client, demo, join_data, join_url):
    response = client.post(join_url, {**join_data, "strands": join_data["strands"][:1]})
    assert "Choose at least 2 strands" in str(response.context["form"].errors["strands"])
    assert not Application.objects.filter(urn="100861").exists()


def test_it_requires_each_protocol_to_be_accepted(client, demo, join_data, join_url):
    key = next(k for k in join_data if k.startswith("protocol_"))
    data = {k: v for k, v in join_data.items() if k != key}
    response = client.post(join_url, data)
    assert "Accept the protocol" in str(response.context["form"].errors[key])


def test_it_refuses_a_second_application_for_a_urn_waiting_for_a_decision(
    client, demo, join_data, join_url
):
    client.post(join_url, join_data)
    response = client.post(join_url, {**join_data, "school_name": "Goldsmith Road"})
    assert response.status_code == 200
    assert "already waiting" in response.content.decode()
    assert Application.objects.filter(urn="100861").count() == 1


def test_it_refuses_a_school_already_a_member_this_year(client, demo, join_data, join_url):
    # Bellenden Road Primary School (URN 100812) is a member this year.
    response = client.post(join_url, {**join_data, "urn": "100812"})
    assert "already a member" in response.content.decode()
    assert not Application.objects.filter(urn="100812").exists()


def test_it_refuses_an_absurd_number_on_roll(client, demo, join_data, join_url):
    response = client.post(join_url, {**join_data, "number_on_roll": "90000"})
    assert "at most 5000" in str(response.context["form"].errors["number_on_roll"])


def test_it_quietly_drops_what_a_bot_fills_in(client, demo, join_data, join_url):
    response = client.post(join_url, {**join_data, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Application.objects.filter(urn="100861").exists()
    assert not OutboxEmail.objects.filter(kind="membership.acknowledged").exists()


def test_it_turns_away_a_flood_from_one_address(client, demo, join_data, join_url):
    for _ in range(10):
        client.post(join_url, {**join_data, "urn": "12"})
    response = client.post(join_url, join_data)
    assert "Too many applications" in response.content.decode()
    assert not Application.objects.filter(urn="100861").exists()
