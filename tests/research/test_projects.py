"""Research projects: who starts and edits them, who reads what, and what is refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from members.models import Organisation, Person, User
from research.demo import MARKING, READING
from research.models import Audience, Output, OutputFile, ProjectPhase, ResearchProject
from research.selectors import research_figures
from strands.models import StrandKind

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% findings\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name: str, pk: int | None = None) -> str:
    kwargs = {"alliance_slug": "southwark"}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"research:{name}", kwargs=kwargs)


def _project_data(demo, **changes) -> dict:
    lead = Person.objects.get(user__email="sle@demo.test")
    data = {
        "title": "Oracy in the early years",
        "question": "Does daily talk time raise children's vocabulary by the summer?",
        "lead": lead.pk,
        "strands": [demo.southwark.strands.get(kind=StrandKind.RESEARCH).pk],
        "schools": [Organisation.objects.get(name="Bramcote Green Nursery School").pk],
    }
    data.update(changes)
    return data


def test_the_director_starts_a_project(login, demo):
    response = login("director").post(_url("project-create"), _project_data(demo))
    project = ResearchProject.objects.get(title="Oracy in the early years")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.alliance == demo.southwark
    assert project.lead.full_name == "Nia Campbell"
    assert [s.kind for s in project.strands.all()] == [StrandKind.RESEARCH]


def test_the_research_strand_lead_starts_a_project(client, demo):
    lead = Person.objects.get(full_name="Imran Shah")
    user = User.objects.create_user(email="imran@example.org", password="x" * 12)
    lead.user = user
    lead.save()
    client.force_login(user)
    response = client.post(_url("project-create"), _project_data(demo))
    assert response.status_code == 302
    assert ResearchProject.objects.filter(title="Oracy in the early years").exists()


@pytest.mark.parametrize("persona", ["head", "cpd-lead", "sle", "chair"])
def test_nobody_else_starts_one(login, demo, persona):
    response = login(persona).post(_url("project-create"), _project_data(demo))
    assert response.status_code == 403
    assert not ResearchProject.objects.filter(title="Oracy in the early years").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Enter"),
        ({"title": MARKING.upper()}, "title", "already has a project with this title"),
        ({"strands": []}, "strands", "Choose"),
        ({"lead": ""}, "lead", "Choose"),
        # Someone of another alliance's school is not offered, and not taken when posted.
        ({"lead": "__steep__"}, "lead", "Select a valid choice"),
    ],
)
def test_it_refuses_bad_input_next_to_the_field(login, demo, changes, field, message):
    if changes.get("lead") == "__steep__":
        changes["lead"] = Person.objects.get(user__email="steep-director@demo.test").pk
    before = ResearchProject.objects.count()
    response = login("director").post(_url("project-create"), _project_data(demo, **changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert ResearchProject.objects.count() == before


def test_a_project_lead_edits_their_own_project_but_no_other(login, demo):
    client = login("sle")
    reading = ResearchProject.objects.get(title=READING)
    marking = ResearchProject.objects.get(title=MARKING)
    data = _project_data(demo, title=READING, question="A sharper question?")
    assert client.post(_url("project-edit", reading.pk), data).status_code == 302
    reading.refresh_from_db()
    assert reading.question == "A sharper question?"
    assert client.get(_url("project-edit", marking.pk)).status_code == 403


def test_a_phase_ending_before_it_starts_is_refused_next_to_the_end_date(login, demo):
    reading = ResearchProject.objects.get(title=READING)
    response = login("sle").post(
        _url("phase-create", reading.pk),
        {"title": "Summer check", "starts_on": "2027-06-10", "ends_on": "2027-06-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == [
        "The end date must be on or after the start date."
    ]
    assert not ProjectPhase.objects.filter(title="Summer check").exists()


def test_a_phase_is_added_to_the_timeline_in_date_order(login, demo):
    reading = ResearchProject.objects.get(title=READING)
    spring = reading.phases.get(title="Spring check and findings").ends_on
    client = login("sle")
    client.post(
        _url("phase-create", reading.pk),
        {
            "title": "Summer check",
            "starts_on": (spring + datetime.timedelta(days=10)).isoformat(),
            "ends_on": (spring + datetime.timedelta(days=28)).isoformat(),
        },
    )
    page = client.get(reading.get_absolute_url()).content.decode()
    timeline = page[page.index('id="timeline-heading"') :]
    assert timeline.index("Spring check and findings") < timeline.index("Summer check")


def _draft() -> Output:
    return Output.objects.get(project__title=READING)


def test_publishing_twice_publishes_once_and_keeps_the_first_date(login, demo):
    client = login("sle")
    draft = _draft()
    client.post(_url("output-publish", draft.pk))
    first = Output.objects.get(pk=draft.pk).published_at
    response = client.post(_url("output-publish", draft.pk), follow=True)
    assert "was already published" in response.content.decode()
    assert Output.objects.get(pk=draft.pk).published_at == first is not None


def test_members_read_published_member_findings_but_never_drafts(login, demo):
    reading = ResearchProject.objects.get(title=READING)
    client = login("teacher")
    assert "Interim notes, autumn" not in client.get(reading.get_absolute_url()).content.decode()
    login("sle").post(_url("output-publish", _draft().pk))
    page = login("teacher").get(reading.get_absolute_url()).content.decode()
    assert "Interim notes, autumn" in page


def test_the_public_reads_public_findings_without_who_took_part(client, demo):
    marking = ResearchProject.objects.get(title=MARKING)
    page = client.get(marking.get_absolute_url()).content.decode()
    assert "What we found: feedback that moves learning on" in page
    assert "Staff workload survey" not in page  # for members only
    assert "Bellenden Road Primary School" not in page  # who took part is for members
    home = client.get(reverse("alliance:home", args=["southwark"])).content.decode()
    assert "What we found: feedback that moves learning on" in home


def test_a_project_of_another_alliance_is_not_found(login, demo):
    steep_lead = Person.objects.get(user__email="steep-director@demo.test")
    project = ResearchProject.objects.create(
        alliance=demo.steep, title="Two-year-olds' talk", question="?", lead=steep_lead
    )
    client = login("director")
    assert client.get(_url("project-detail", project.pk)).status_code == 404
    assert client.get(_url("project-edit", project.pk)).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("findings.exe", b"MZ\x90\x00", "Upload a PDF or an office document"),
        ("findings.pdf", b"<html>not a pdf</html>", "This file is not really a PDF file."),
    ],
)
def test_a_file_that_is_not_a_document_is_refused(login, demo, name, content, message):
    draft = _draft()
    response = login("sle").post(
        _url("file-upload", draft.pk),
        {"upload-title": "Findings", "upload-file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["file_form"].errors["file"])
    assert not draft.files.exists()


def test_a_document_is_stored_and_served_to_its_readers_only(login, demo, tmp_path):
    draft = _draft()
    login("sle").post(
        _url("file-upload", draft.pk),
        {
            "upload-title": "Baseline results",
            "upload-file": SimpleUploadedFile("baseline.pdf", PDF),
        },
    )
    file = OutputFile.objects.get(output=draft)
    assert (tmp_path / file.file.name).read_bytes() == PDF
    # A draft's file is for its editors; once published, for members.
    assert login("teacher").get(_url("file-download", file.pk)).status_code == 403
    login("sle").post(_url("output-publish", draft.pk))
    response = login("teacher").get(_url("file-download", file.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert login("steep-director").get(_url("file-download", file.pk)).status_code == 403


def test_a_published_output_changes_only_after_it_is_withdrawn(login, demo):
    published = Output.objects.get(project__title=MARKING, audience=Audience.PUBLIC)
    client = login("director")
    upload = {"upload-title": "Late file", "upload-file": SimpleUploadedFile("late.pdf", PDF)}
    response = client.post(_url("file-upload", published.pk), upload)
    assert "withdraw it first" in response.content.decode()
    assert not published.files.filter(title="Late file").exists()
    client.post(_url("output-withdraw", published.pk))
    assert not Output.objects.get(pk=published.pk).is_published
    upload = {"upload-title": "Late file", "upload-file": SimpleUploadedFile("late.pdf", PDF)}
    assert client.post(_url("file-upload", published.pk), upload).status_code == 302
    assert published.files.filter(title="Late file").exists()


def test_the_project_list_asks_the_same_number_of_queries_however_many_projects(
    login, demo, django_assert_max_num_queries
):
    client = login("teacher")
    client.get(_url("project-list"))
    with django_assert_max_num_queries(14) as few:
        client.get(_url("project-list"))
    lead = Person.objects.get(user__email="sle@demo.test")
    research = demo.southwark.strands.get(kind=StrandKind.RESEARCH)
    for index in range(15):
        project = ResearchProject.objects.create(
            alliance=demo.southwark, title=f"Project {index}", question="?", lead=lead
        )
        project.strands.add(research)
        ProjectPhase.objects.create(
            project=project,
            title="Phase",
            starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2026, 12, 1),
        )
        Output.objects.create(
            project=project, title="Found", summary="x", published_at=timezone.now()
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url("project-list"))
    assert "Project 14" in response.content.decode()


def test_the_impact_report_counts_the_years_projects_schools_and_findings(demo):

    lead = Person.objects.get(user__email="sle@demo.test")
    alliance = demo.steep  # no research yet: only what this test makes counts
    a = ResearchProject.objects.create(alliance=alliance, title="A", question="?", lead=lead)
    b = ResearchProject.objects.create(alliance=alliance, title="B", question="?", lead=lead)
    c = ResearchProject.objects.create(alliance=alliance, title="C", question="?", lead=lead)
    schools = list(Organisation.objects.order_by("pk")[:3])
    a.schools.set(schools[:2])
    b.schools.set(schools[1:])  # one school in both: counted once
    c.schools.set(schools)
    day = datetime.date.fromisoformat
    ProjectPhase.objects.create(
        project=a, title="1", starts_on=day("2025-06-01"), ends_on=day("2025-09-30")
    )
    ProjectPhase.objects.create(
        project=a, title="2", starts_on=day("2025-10-01"), ends_on=day("2026-02-01")
    )
    ProjectPhase.objects.create(
        project=b, title="1", starts_on=day("2026-08-01"), ends_on=day("2026-10-01")
    )
    # C ran the year before only.
    ProjectPhase.objects.create(
        project=c, title="1", starts_on=day("2024-09-01"), ends_on=day("2025-07-01")
    )
    in_year = timezone.make_aware(datetime.datetime(2026, 7, 1, 12))
    Output.objects.create(project=a, title="Found", summary="x", published_at=in_year)
    Output.objects.create(
        project=c, title="Old", summary="x", published_at=in_year.replace(year=2025)
    )
    Output.objects.create(project=b, title="Draft", summary="x")

    figures = research_figures(alliance=alliance, starts=day("2025-09-01"), ends=day("2026-08-31"))
    assert (figures.projects, figures.schools, figures.published) == (2, 3, 1)
    assert figures.titles == ["A", "B"]


def test_save_and_publish_sent_twice_publishes_once_and_keeps_the_words(login, demo):
    draft = _draft()
    client = login("sle")
    data = {"title": draft.title, "summary": "Final words.", "audience": "members", "publish": "1"}
    first = client.post(_url("output-edit", draft.pk), data)
    second = client.post(_url("output-edit", draft.pk), data, follow=True)
    assert first.status_code == 302
    assert "was already published" in second.content.decode()
    output = Output.objects.get(pk=draft.pk)
    assert output.is_published and output.summary == "Final words."
