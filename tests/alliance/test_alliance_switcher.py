"""A person in several alliances switches between them from the account menu."""

import pytest

pytestmark = pytest.mark.django_db


def _account_menu(body: str) -> str:
    return body.split('class="dropdown-menu dropdown-menu-end"')[1].split("</ul>")[0]


def test_it_offers_each_of_their_alliances_in_the_account_menu(login):
    menu = _account_menu(login("la-adviser").get("/southwark/home/").content.decode())
    assert "Switch alliance" in menu
    assert 'href="/southwark/home/"' in menu and 'href="/steep/home/"' in menu
    # The alliance they are in is marked, for screen readers too.
    southwark = menu.split('href="/southwark/home/"')[1].split("</a>")[0]
    assert 'aria-current="true"' in southwark and "(current)" in southwark


def test_it_takes_them_to_the_other_alliance(login):
    client = login("la-adviser")
    response = client.get("/steep/home/")
    assert response.status_code == 200
    menu = _account_menu(response.content.decode())
    assert "(current)" in menu.split('href="/steep/home/"')[1].split("</a>")[0]


def test_it_offers_no_switch_to_someone_in_one_alliance(login):
    body = login("director").get("/southwark/home/").content.decode()
    assert "Switch alliance" not in body
