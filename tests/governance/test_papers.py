"""Papers: size- and type-checked, stored outside the web root, served only to readers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alliance.documents import DOCUMENT_MAX_BYTES
from governance.models import Paper

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a test paper\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, meeting, name: str, content: bytes, title: str = "Budget paper"):
    item = meeting.agenda_items.order_by("position").first()
    url = reverse("governance:paper-upload", args=["southwark", meeting.pk, item.pk])
    return client.post(url, {"title": title, "file": SimpleUploadedFile(name, content)})


def test_it_stores_a_pdf_outside_the_static_and_media_urls(call_meeting, login, tmp_path):
    meeting = call_meeting()
    response = _upload(login("administrator"), meeting, "budget.pdf", PDF)
    assert response.status_code == 302
    paper = Paper.objects.get(agenda_item__meeting=meeting)
    assert (tmp_path / paper.file.name).read_bytes() == PDF
    assert paper.original_name == "budget.pdf" and paper.size == len(PDF)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ\x90\x00", "Upload a PDF or an office document"),
        ("page.html", b"<script>alert(1)</script>", "Upload a PDF or an office document"),
        ("fake.pdf", b"<html>not a pdf</html>", "This file is not really a PDF file."),
        ("fake.docx", b"%PDF-1.4 renamed", "This file is not really a DOCX file."),
        ("huge.pdf", b"%PDF" + b"0" * DOCUMENT_MAX_BYTES, "The file is larger than 10 MB."),
    ],
)
def test_it_refuses_files_of_the_wrong_type_or_size_next_to_the_field(
    call_meeting, login, name, content, message
):
    meeting = call_meeting()
    response = _upload(login("administrator"), meeting, name, content)
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]
    assert not Paper.objects.filter(agenda_item__meeting=meeting).exists()


def test_it_accepts_office_files_by_their_magic_bytes(call_meeting, login):
    meeting = call_meeting()
    client = login("chair")
    assert _upload(client, meeting, "plan.docx", b"PK\x03\x04rest").status_code == 302
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20
    assert _upload(client, meeting, "old.xls", ole, title="Old sheet").status_code == 302


@pytest.mark.parametrize(
    ("persona", "status"),
    [("board", 200), ("head", 403), ("sle", 403), ("steep-director", 403), ("superuser", 403)],
)
def test_it_serves_a_board_paper_only_to_the_board(call_meeting, login, persona, status):
    meeting = call_meeting()
    _upload(login("administrator"), meeting, "budget.pdf", PDF)
    paper = Paper.objects.get(agenda_item__meeting=meeting)
    url = reverse("governance:paper-download", args=["southwark", paper.pk])
    response = login(persona).get(url)
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Content-Type"] == "application/pdf"


def test_it_keeps_a_confidential_items_paper_from_members(call_meeting, login):
    meeting = call_meeting(
        kind="whole_alliance", visibility="members", confidential_second_item=True
    )
    secret = meeting.agenda_items.get(confidential=True)
    client = login("administrator")
    url = reverse("governance:paper-upload", args=["southwark", meeting.pk, secret.pk])
    client.post(url, {"title": "Staffing", "file": SimpleUploadedFile("staff.pdf", PDF)})
    paper = Paper.objects.get(agenda_item=secret)
    download = reverse("governance:paper-download", args=["southwark", paper.pk])
    assert login("head").get(download).status_code == 403
    assert login("anonymous").get(download).status_code == 302
    assert login("board").get(download).status_code == 200


def test_it_answers_404_for_a_paper_of_another_alliance(call_meeting, login):
    meeting = call_meeting()
    _upload(login("administrator"), meeting, "budget.pdf", PDF)
    paper = Paper.objects.get(agenda_item__meeting=meeting)
    url = reverse("governance:paper-download", args=["steep", paper.pk])
    assert login("steep-director").get(url).status_code == 404
