"""Once minutes are submitted the meeting's agenda, papers and attendance are part of the record:
they change only through a correction of the published minutes, which records the change and
reaches readers when it is itself published. And minutes are never approved by their submitter."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alliance.models import Role, RoleAssignment
from alliance.permissions import perms_for
from governance import services
from governance.models import AgendaItem, Invitee, MinutesEntry, MinutesEvent, MinutesState, Paper
from governance.selectors import minutes_waiting_for
from tests.governance.conftest import BASE_URL

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a test paper\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name: str, meeting, *args) -> str:
    return reverse(f"governance:{name}", args=["southwark", meeting.pk, *args])


@pytest.fixture
def attended(call_meeting, demo):
    """A board meeting held yesterday that everyone invited attended, minutes started."""
    meeting = call_meeting()
    everyone = set(meeting.invitees.values_list("pk", flat=True))
    admin = demo.user("administrator")
    services.attendance_record(actor=admin, meeting=meeting, present_ids=everyone)
    services.minutes_start(actor=admin, meeting=meeting)
    return meeting


@pytest.fixture
def administrator_also_chair(attended, demo):
    """The administrator, given the chair's role too: someone who could both submit and approve."""
    admin = demo.user("administrator")
    RoleAssignment.objects.create(
        alliance=demo.southwark,
        academic_year=attended.academic_year,
        person=admin.person,
        role=Role.CHAIR,
        starts_on=attended.academic_year.starts_on,
    )
    return admin


def _submit(meeting, demo):
    minutes = meeting.minutes.order_by("-revision").first()
    return services.minutes_submit(
        actor=demo.user("administrator"), minutes=minutes, base_url=BASE_URL
    )


def _publish(meeting, demo):
    minutes = _submit(meeting, demo)
    services.minutes_approve(actor=demo.user("chair"), minutes=minutes)
    services.minutes_publish(actor=demo.user("administrator"), minutes=minutes, base_url=BASE_URL)
    return minutes


def _present_in_published_minutes(client, meeting) -> str:
    html = client.get(_url("minutes-detail", meeting)).content.decode()
    return html.split("<strong>Present:</strong>")[1].split("</p>")[0]


def test_it_refuses_a_new_agenda_item_once_the_minutes_are_submitted(attended, demo, login):
    _submit(attended, demo)
    presenter = demo.user("chair").person.pk
    response = login("chair").post(
        _url("agenda-item-create", attended),
        {"position": 3, "title": "Slipped in afterwards", "presenter": presenter},
    )
    assert response.status_code == 200
    assert "agenda, papers and attendance are part of the record" in response.content.decode()
    assert not AgendaItem.objects.filter(title="Slipped in afterwards").exists()
    assert not MinutesEntry.objects.filter(agenda_item__title="Slipped in afterwards").exists()


def test_it_refuses_a_paper_once_the_minutes_are_submitted(attended, demo, login, tmp_path):
    _submit(attended, demo)
    item = attended.agenda_items.first()
    response = login("administrator").post(
        _url("paper-upload", attended, item.pk),
        {"title": "Late paper", "file": SimpleUploadedFile("late.pdf", PDF)},
    )
    assert "part of the record" in response.content.decode()
    assert not Paper.objects.filter(agenda_item__meeting=attended).exists()
    assert not list(tmp_path.rglob("*.pdf"))  # no file left behind either


def test_it_refuses_to_record_attendance_again_once_the_minutes_are_submitted(
    attended, demo, login
):
    _submit(attended, demo)
    one = attended.invitees.first()
    response = login("administrator").post(_url("attendance", attended), {"present": [one.pk]})
    assert "part of the record" in response.content.decode()
    assert not attended.invitees.filter(attended=False).exists()


def test_it_keeps_the_published_present_list_when_attendance_is_posted_later(attended, demo, login):
    _publish(attended, demo)
    reader = login("board")
    before = _present_in_published_minutes(reader, attended)
    assert before.count(";") == attended.invitees.count() - 1  # everyone was there
    one = attended.invitees.first()
    login("administrator").post(_url("attendance", attended), {"present": [one.pk]})
    assert _present_in_published_minutes(login("board"), attended) == before
    assert not attended.invitees.filter(attended=False).exists()


def test_it_changes_attendance_through_a_correction_published_with_its_reason(
    attended, demo, login
):
    first = _publish(attended, demo)
    admin = demo.user("administrator")
    absent = attended.invitees.get(person__user__email="board@demo.test")
    services.minutes_correct(
        actor=admin, minutes=first, reason="Marcus Bell sent apologies; he was not there"
    )
    present = set(attended.invitees.exclude(pk=absent.pk).values_list("pk", flat=True))
    response = login("administrator").post(_url("attendance", attended), {"present": present})
    assert response.status_code == 302
    assert Invitee.objects.get(pk=absent.pk).attended is False

    # Readers still see the published revision until the correction is published.
    name = absent.person.full_name
    assert name in _present_in_published_minutes(login("director"), attended)

    correction = _publish(attended, demo)
    assert name not in _present_in_published_minutes(login("director"), attended)
    history = [(e.change, e.note) for e in correction.events.all()]
    assert history[0] == (
        MinutesEvent.Change.CORRECTED,
        "Marcus Bell sent apologies; he was not there",
    )
    assert (MinutesEvent.Change.ATTENDANCE, f"No longer present: {name}.") in history
    first.refresh_from_db()
    assert first.state == MinutesState.SUPERSEDED
    assert first.attendance.filter(person=absent.person, present=True).exists()


def test_it_records_an_agenda_item_added_in_a_correction_in_its_history(attended, demo):
    first = _publish(attended, demo)
    chair = demo.user("chair")
    correction = services.minutes_correct(
        actor=demo.user("administrator"), minutes=first, reason="Item taken but not minuted"
    )
    item = services.agenda_item_add(
        actor=chair,
        meeting=attended,
        item=AgendaItem(position=3, title="Late item", presenter=chair.person),
    )
    assert correction.entries.filter(agenda_item=item).exists()
    assert not first.entries.filter(agenda_item=item).exists()  # published revision unchanged
    assert correction.events.filter(change=MinutesEvent.Change.AGENDA, note="Late item").exists()


def test_it_hides_the_forms_once_the_minutes_are_published_and_offers_a_correction(
    attended, demo, login
):
    _publish(attended, demo)
    html = login("administrator").get(attended.get_absolute_url()).content.decode()
    assert "Add an agenda item" not in html
    assert "Record attendance</a>" not in html
    assert "Upload a paper" not in html
    assert "Change the meeting" not in html
    assert "part of the record" in html
    assert _url("minutes-correct", attended) in html
    form_page = login("administrator").get(_url("attendance", attended)).content.decode()
    assert 'name="present"' not in form_page
    assert "part of the record" in form_page


# In term, so the meeting held yesterday is in the year the administrator chairs.
@pytest.mark.usefixtures("autumn_term")
def test_it_never_lets_the_submitter_approve_even_as_a_chair(
    attended, demo, login, administrator_also_chair
):
    admin = administrator_also_chair
    minutes = _submit(attended, demo)
    client = login("administrator")
    page = client.get(_url("minutes-detail", attended)).content.decode()
    assert _url("minutes-approve", attended) not in page
    assert "You submitted these minutes, so another chair approves them." in page

    response = client.post(_url("minutes-approve", attended), follow=True)
    assert "You submitted these minutes, so someone else must approve them" in (
        response.content.decode()
    )
    minutes.refresh_from_db()
    assert minutes.state == MinutesState.SUBMITTED
    with pytest.raises(ValidationError, match="someone else must approve"):
        services.minutes_approve(actor=admin, minutes=minutes)
    services.minutes_approve(actor=demo.user("chair"), minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.state == MinutesState.APPROVED


def test_it_shows_readers_a_paper_added_in_a_correction_only_once_it_is_published(
    attended, demo, login
):
    first = _publish(attended, demo)
    correction = services.minutes_correct(
        actor=demo.user("administrator"), minutes=first, reason="The budget paper was tabled"
    )
    item = attended.agenda_items.first()
    response = login("chair").post(
        _url("paper-upload", attended, item.pk),
        {"title": "Tabled budget", "file": SimpleUploadedFile("budget.pdf", PDF)},
    )
    assert response.status_code == 302
    paper = Paper.objects.get(agenda_item=item)
    download = reverse("governance:paper-download", args=["southwark", paper.pk])
    assert "Tabled budget" in login("chair").get(attended.get_absolute_url()).content.decode()
    assert "Tabled budget" not in login("board").get(attended.get_absolute_url()).content.decode()
    assert login("board").get(download).status_code == 404
    assert correction.events.filter(change=MinutesEvent.Change.PAPER).exists()

    _publish(attended, demo)
    assert "Tabled budget" in login("board").get(attended.get_absolute_url()).content.decode()
    assert login("board").get(download).status_code == 200


def test_it_lists_submitted_minutes_as_waiting_for_another_chair_not_the_submitter(
    attended, demo, administrator_also_chair
):
    admin = administrator_also_chair
    minutes = _submit(attended, demo)
    waiting_for_submitter = minutes_waiting_for(perms=perms_for(admin.person, demo.southwark))
    waiting_for_chair = minutes_waiting_for(
        perms=perms_for(demo.user("chair").person, demo.southwark)
    )
    assert minutes not in waiting_for_submitter
    assert minutes in waiting_for_chair
