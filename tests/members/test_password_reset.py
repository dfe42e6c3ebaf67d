import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_resets_a_forgotten_password_by_email(client, demo):
    response = client.post(
        reverse("account_reset_password"), {"email": "head@demo.test"}, follow=True
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    new_password = "a-brand-new-passphrase"
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": new_password, "password2": new_password},
    )
    client.logout()
    signed_in = client.post(
        reverse("account_login"), {"login": "head@demo.test", "password": new_password}
    )
    assert signed_in.status_code == 302
    assert demo.user("head").check_password(new_password)
