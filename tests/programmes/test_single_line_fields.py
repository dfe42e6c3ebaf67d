"""Programme titles and delegate names refuse line breaks (a title with one once stopped every
booking email), with the message next to the field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from members.models import Person
from programmes.models import Programme

MESSAGE = "Keep this to one line: remove the line break."


def _field_error(html: str, field: str) -> bool:
    """The message is shown next to the field (crispy's error paragraph for it)."""
    return f'id="error_1_id_{field}"' in html and MESSAGE in html


@pytest.mark.django_db
def test_a_programme_title_with_a_line_break_is_refused_next_to_the_field(login, make_programme):
    programme = make_programme(title="Phonics for Year 1")
    url = reverse("programmes:programme-edit", args=["southwark", programme.pk])
    client = login("director")
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value is not None and value is not False}
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.context["form"].errors  # the form as shown saves
    data["title"] = "Phonics\nfor Year 1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert _field_error(response.content.decode(), "title")
    programme.refresh_from_db()
    assert programme.title == "Phonics for Year 1"


@pytest.mark.django_db
def test_a_delegate_name_with_a_line_break_is_refused_next_to_the_field(login, make_session):
    session = make_session()
    url = reverse("programmes:booking-check", args=["southwark", session.programme_id])
    response = login("head").post(
        url,
        {
            "sessions": [session.pk],
            "new_name": "Nora\u2028Quinn",
            "new_email": "nora@bellenden.test",
        },
    )
    assert response.status_code == 200
    assert _field_error(response.content.decode(), "new_name")
    assert not session.bookings.exists()
    assert not Person.objects.filter(email="nora@bellenden.test").exists()
    assert not Programme.objects.filter(title__contains="\n").exists()


@pytest.mark.django_db
def test_the_admin_refuses_a_programme_title_with_a_line_break(login, make_programme):
    programme = make_programme(title="Phonics for Year 1")
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    client = login("superuser")
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value is not None and value is not False}
    data["title"] = "Phonics\r\nfor Year 1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert MESSAGE in response.context["adminform"].form.errors["title"]
    programme.refresh_from_db()
    assert programme.title == "Phonics for Year 1"
