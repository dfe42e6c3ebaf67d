"""Nonsense in the address of a CPD page is a 400 or a clear message, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("anonymous", "/catalogue/"),
        ("anonymous", "/southwark/cpd/"),
        ("head", "/southwark/cpd/bookings/"),
        ("head", "/southwark/cpd/bookings/?when=past&x=1"),
    ],
)
def test_it_answers_a_page_beyond_any_list_with_a_400(login, persona, url):
    sep = "&" if "?" in url else "?"
    response = login(persona).get(f"{url}{sep}page={HUGE}")
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/catalogue/", "/southwark/cpd/"])
def test_it_answers_a_nul_byte_in_the_strand_filter_with_a_clear_message(login, url):
    response = login("anonymous").get(url, {"strand": "cpd\x00"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_it_still_shows_the_first_page_for_words_instead_of_numbers(login):
    assert login("anonymous").get(reverse("catalogue"), {"page": "two"}).status_code == 200


def test_it_refuses_session_dates_outside_the_years_served_next_to_each(login, make_programme):
    programme = make_programme()
    response = login("cpd-lead").post(
        reverse("programmes:session-create", args=["southwark", programme.pk]),
        {
            "starts_at": "2101-10-01T18:00",
            "ends_at": "2101-10-01T20:00",
            "booking_deadline": "0001-09-28T18:00",
            "venue": "Crampton Primary School",
            "capacity": "20",
        },
    )
    errors = response.context["form"].errors
    for field in ("starts_at", "ends_at", "booking_deadline"):
        assert errors[field] == ["Enter a date between 2000 and 2100."]
    assert not programme.sessions.exists()


@pytest.mark.parametrize("url", ["/catalogue/", "/southwark/cpd/"])
@pytest.mark.parametrize(
    ("field", "day"),
    [("date_to", "9999-12-31"), ("date_from", "0001-01-01"), ("date_to", "2101-01-01")],
)
def test_it_refuses_catalogue_dates_outside_the_years_served_next_to_the_field(
    login, url, field, day
):
    response = login("anonymous").get(url, {field: day})
    assert response.status_code == 200
    assert response.context["filter"].form.errors[field] == ["Enter a date between 2000 and 2100."]
    assert "Enter a date between 2000 and 2100." in response.content.decode()
