"""The ITT pages as the ITT lead uses them: the pipeline against places (its queries do not grow
with applicants), a partnership made through its form, valid HTML throughout."""

from __future__ import annotations

import pytest
from django.urls import reverse

import tests.test_html_validity as html_validity
from itt.demo import FEE_FUNDED, SALARIED
from itt.models import Allocation, Applicant, Partnership, Stage
from members.models import Organisation


def test_the_pipeline_counts_applicants_by_stage_against_places(
    client, login, make_applicant, partnership, next_year
):
    Allocation.objects.create(partnership=partnership, academic_year=next_year, places=5)
    for stage in (Stage.APPLIED, Stage.APPLIED, Stage.OFFER, Stage.ACCEPTED, Stage.DECLINED):
        make_applicant(stage=stage)
    login("itt-lead")
    page = client.get(reverse("itt:home", args=["southwark"]), {"year": next_year.start_year})
    assert page.status_code == 200
    (pipeline,) = [p for p in page.context["pipelines"] if p.partnership == partnership]
    assert pipeline.places == 5
    assert pipeline.counts == {"applied": 2, "offer": 1, "accepted": 1, "declined": 1}
    assert pipeline.committed == 1 and pipeline.places_left == 4 and pipeline.in_play == 4
    assert f"2 applied, {partnership.name}" in page.text


def test_the_pages_queries_stay_the_same_as_applicants_grow(
    client, login, make_applicant, partnership, next_year, django_assert_max_num_queries
):
    login("itt-lead")
    urls = [
        reverse("itt:home", args=["southwark"]),
        reverse("itt:applicant-list", args=["southwark"]),
        reverse("itt:partnership-detail", args=["southwark", partnership.pk]),
    ]
    make_applicant()
    for url in urls:
        client.get(url)  # warm: the years exist
    for _ in range(15):
        make_applicant(stage=Stage.INTERVIEW)
    for url in urls:
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200


def test_the_itt_lead_adds_a_partnership_with_errors_first(client, login, demo):
    login("itt-lead")
    url = reverse("itt:partnership-create", args=["southwark"])
    page = client.post(url, {"name": "", "route": "salaried"})
    assert page.status_code == 200
    assert "Enter name" in page.text or "Enter the name" in page.text
    assert "Choose lead school" in page.text
    crampton = Organisation.objects.get(name="Crampton Primary School")
    ioe = Organisation.objects.get(name="UCL Institute of Education")
    done = client.post(
        url,
        {
            "name": "Crampton maths route",
            "lead_school": crampton.pk,
            "provider": ioe.pk,
            "route": "fee_funded",
            "phases": [],
            "subjects": "Primary with mathematics",
            "active": "on",
        },
    )
    partnership = Partnership.objects.get(name="Crampton maths route")
    assert done.status_code == 302
    assert partnership.alliance == demo.southwark and partnership.lead_school == crampton
    again = client.post(
        url,
        {
            "name": "Crampton maths route",
            "lead_school": crampton.pk,
            "provider": ioe.pk,
            "route": "fee_funded",
        },
    )
    assert "already has a partnership with that name" in again.text


def test_a_move_page_refuses_an_empty_reason_next_to_the_field(client, login, make_applicant):
    applicant = make_applicant(stage=Stage.INTERVIEW)
    login("director")
    url = reverse("itt:applicant-move", args=["southwark", applicant.pk, Stage.DECLINED])
    page = client.post(url, {"reason": ""})
    assert "Enter reason" in page.text or "Enter the reason" in page.text
    assert Applicant.objects.get(pk=applicant.pk).stage == Stage.INTERVIEW
    assert client.post(url, {"reason": "Not ready yet"}).status_code == 302
    # Posting again (a double click) is harmless and adds no second history line.
    assert client.post(url, {"reason": "Not ready yet"}).status_code == 302
    assert applicant.changes.filter(to_stage=Stage.DECLINED).count() == 1


@pytest.mark.django_db
def test_it_serves_valid_html_on_itt_pages(tmp_path, login, monkeypatch, demo):
    salaried = Partnership.objects.get(name=SALARIED)
    allocation = Allocation.objects.filter(partnership__name=FEE_FUNDED).first()
    applicant = Applicant.objects.filter(stage=Stage.CHECKS_DONE).first()
    base = "/southwark/itt"
    pages = [
        ("itt-lead", f"{base}/"),
        ("itt-lead", f"{base}/partnerships/new/"),
        ("itt-lead", f"{base}/partnerships/{salaried.pk}/"),
        ("itt-lead", f"{base}/partnerships/{salaried.pk}/edit/"),
        ("itt-lead", f"{base}/partnerships/{salaried.pk}/places/"),
        ("director", f"{base}/places/{allocation.pk}/schools/"),
        ("director", f"{base}/applicants/"),
        ("itt-lead", f"{base}/applicants/new/"),
        ("itt-lead", f"{base}/applicants/{applicant.pk}/"),
        ("itt-lead", f"{base}/applicants/{applicant.pk}/edit/"),
        ("itt-lead", f"{base}/applicants/{applicant.pk}/move/in_training/"),
        ("itt-lead", f"{base}/applicants/{applicant.pk}/move/checks_done/"),
        ("itt-lead", f"{base}/applicants/{applicant.pk}/move/applied/"),
    ]
    monkeypatch.setattr(html_validity, "PAGES", pages)
    html_validity.test_it_serves_valid_html(tmp_path, login)


def test_the_itt_lead_moves_an_interview_but_not_the_stage(client, login, make_applicant):
    applicant = make_applicant(stage=Stage.INTERVIEW)
    login("itt-lead")
    url = reverse("itt:applicant-edit", args=["southwark", applicant.pk])
    data = {
        "full_name": applicant.full_name,
        "email": applicant.email,
        "subject": "Primary with mathematics",
        "interview_at": "2027-03-05T14:30",
        "interview_panel": "Tom Hartley",
    }
    assert "Enter a date and time like" in client.post(url, {**data, "interview_at": "soon"}).text
    assert client.post(url, {**data, "stage": "in_training"}).status_code == 302
    applicant.refresh_from_db()
    assert applicant.subject == "Primary with mathematics"
    assert applicant.interview_at.hour == 14 and applicant.stage == Stage.INTERVIEW
