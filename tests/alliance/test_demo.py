import datetime

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from alliance.management.commands.seed_demo import DEMO_SIGN_INS
from alliance.terms import is_term_weekday, term_weekday
from governance.models import Meeting
from programmes.models import Session
from tests.totp import open_totp_set_up

pytestmark = pytest.mark.django_db


def test_it_verifies_every_demo_address(demo):
    addresses = EmailAddress.objects.filter(email__in=DEMO_SIGN_INS, verified=True, primary=True)
    assert sorted(addresses.values_list("email", flat=True)) == sorted(DEMO_SIGN_INS)
    assert all(address.user.email == address.email for address in addresses)


def test_it_lets_the_demo_director_set_up_two_factor_after_opening_the_email_page(login):
    client = login("director")
    client.get(reverse("account_email"))
    response = open_totp_set_up(client, "alliance-demo")
    assert response.redirect_chain == []
    assert "Authenticator secret" in response.content.decode()


def test_every_demo_session_and_meeting_falls_on_a_school_day(demo):
    days = [
        (str(row), timezone.localtime(row.starts_at).date())
        for row in [*Session.objects.select_related("programme"), *Meeting.objects.all()]
    ]
    assert len(days) > 20
    assert [(row, day) for row, day in days if not is_term_weekday(day)] == []


@pytest.mark.parametrize(
    "day",
    [
        "2026-12-05",
        "2026-12-06",
        "2026-12-24",
        "2026-12-25",
        "2027-01-01",
        "2026-10-28",
        "2027-02-17",
        "2027-03-26",
        "2027-05-31",
        "2027-08-10",
    ],
)
def test_it_counts_weekends_and_holidays_out_of_term(day):
    assert not is_term_weekday(datetime.date.fromisoformat(day))


def test_it_moves_a_date_to_the_next_school_day_or_back_to_the_last():
    christmas_eve = datetime.date(2026, 12, 24)
    assert term_weekday(christmas_eve) == datetime.date(2027, 1, 5)
    assert term_weekday(christmas_eve, step=-1) == datetime.date(2026, 12, 18)
    assert term_weekday(datetime.date(2026, 12, 1)) == datetime.date(2026, 12, 1)
