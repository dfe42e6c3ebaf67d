"""The certificate PDF (for the delegate and their head only) and the public verification page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluation.certificates import certificates_issue, qr_svg
from evaluation.models import Certificate
from members.models import Organisation, User
from tests.evaluation.builders import past_session, place, teacher
from tests.evaluation.pdf_text import laid_out_text
from tests.programmes.conftest import bellenden, make_programme  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(make_programme, bellenden):  # noqa: F811
    programme = make_programme(title="Outdoor learning")
    sessions = [past_session(programme, days_ago=40), past_session(programme, days_ago=12)]
    grace = teacher(bellenden, "Grace Mensah")
    for session in sessions:
        place(session, grace)
    certificates_issue()
    return Certificate.objects.get(programme=programme)


def _download(certificate: Certificate) -> str:
    return reverse(
        "evaluation:certificate-download",
        kwargs={"alliance_slug": "southwark", "pk": certificate.pk},
    )


def _verify(code: str) -> str:
    return reverse("certificates:verify", kwargs={"code": code})


def test_it_confirms_a_genuine_certificate_with_nothing_else_about_the_person(client, certificate):
    response = client.get(_verify(certificate.code))

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Certificate {certificate.code} is genuine" in page
    assert "Grace Mensah" in page
    assert "Outdoor learning" in page
    assert certificate.first_date.strftime("%B %Y").split()[0] in page
    assert "Southwark" in page
    # Not their school, email or anything else the portal holds about them.
    assert "Bellenden" not in page
    assert certificate.person.email not in page


def test_it_reads_a_code_typed_in_lower_case_without_its_dash(client, certificate):
    typed = certificate.code.replace("-", "").lower()
    assert client.get(_verify(typed)).status_code == 200


@pytest.mark.parametrize("code", ["ZZZZZ-ZZZZZ", "nonsense", "A", "AAAAA-AAAA"])
def test_an_unknown_code_is_not_found_without_a_hint(client, certificate, code):
    if code == certificate.code:
        pytest.skip("drew the very code")
    response = client.get(_verify(code))

    assert response.status_code == 404
    page = response.content.decode()
    assert "Certificate not found" in page
    assert "No certificate has this code." in page
    assert certificate.code not in page
    assert "Grace Mensah" not in page


def test_the_head_downloads_a_pdf_of_their_staff_member_s_certificate(login, certificate):
    response = login("head").get(_download(certificate))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content])[:5]
        == b"%PDF-"
    )


def test_the_pdf_prints_the_name_programme_hours_director_and_code(certificate, demo):
    verify_url = f"http://testserver/certificates/{certificate.code}/"
    text = laid_out_text(
        "evaluation/certificate_pdf.html",
        {"certificate": certificate, "verify_url": verify_url, "qr": qr_svg(verify_url)},
    )
    assert "Grace Mensah" in text
    assert "Outdoor learning" in text
    assert f"{certificate.hours} hours" in text
    assert certificate.code in text
    assert demo.user("director").person.full_name in text
    assert certificate.alliance.name in text


def test_the_qr_code_is_an_inline_svg_of_the_verification_address():
    svg = qr_svg("https://portal.example.org/certificates/7KQ2M-XR4TD/")
    assert svg.startswith("<svg")
    assert "<?xml" not in svg


def test_the_delegate_downloads_their_own(client, certificate):
    user = User.objects.create_user("grace@cert.test", "a-long-password-1")
    certificate.person.user = user
    certificate.person.save()
    client.force_login(user)
    assert client.get(_download(certificate)).status_code == 200


def test_another_school_s_head_and_the_director_may_not(login, certificate):
    certificate.person.organisation = Organisation.objects.get(name="Crampton Primary School")
    certificate.person.save()
    assert login("head").get(_download(certificate)).status_code == 403
    assert login("director").get(_download(certificate)).status_code == 403


def test_another_alliance_s_address_is_not_found(login, certificate):
    url = reverse(
        "evaluation:certificate-download", kwargs={"alliance_slug": "steep", "pk": certificate.pk}
    )
    assert login("steep-director").get(url).status_code == 404
