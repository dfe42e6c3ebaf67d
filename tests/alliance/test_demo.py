import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from alliance.management.commands.seed_demo import DEMO_SIGN_INS
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
