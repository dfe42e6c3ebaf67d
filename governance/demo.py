"""Demo governance: a year of Southwark meetings (published, approved-not-published, draft and
coming up) with agendas, a paper, replies, attendance, decisions and actions, and one STEEP
board meeting. Keyed on meeting titles, so running it again changes nothing.

Dates are relative to today, so the demo always has a recent past and a near future.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from alliance.demo import DemoAlliance
from alliance.models import AcademicYear
from alliance.terms import term_weekday
from governance.models import (
    Action,
    AgendaItem,
    Invitee,
    Meeting,
    MeetingKind,
    Minutes,
    MinutesEntry,
    MinutesEvent,
    MinutesState,
    Paper,
    Reply,
    Visibility,
)
from governance.selectors import default_invitees_for
from governance.services import minutes_attendance_fix
from members.models import Person, User
from strands.models import StrandKind

# A one-page PDF, enough for a reader to open.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _at(days: int, hour: int = 16) -> datetime.datetime:
    """A meeting about ``days`` from today, on a school day (a past one stays past)."""
    day = term_weekday(
        timezone.localdate() + datetime.timedelta(days=days), step=-1 if days < 0 else 1
    )
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _meeting(demo: DemoAlliance, title: str, kind: str, days: int, visibility: str, **extra):
    starts = _at(days)
    year, _ = AcademicYear.objects.get_or_create(
        start_year=AcademicYear.start_year_for(starts.date())
    )
    meeting, created = Meeting.objects.get_or_create(
        alliance=demo.alliance,
        title=title,
        defaults={
            "kind": kind,
            "academic_year": year,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "venue": extra.pop("venue", "Charles Dickens Primary School, staff room"),
            "visibility": visibility,
            "called_by": demo.people["chair"],
            "invitations_sent_at": starts - datetime.timedelta(days=14),
            **extra,
        },
    )
    if created:
        Invitee.objects.bulk_create(
            Invitee(meeting=meeting, person=p) for p in default_invitees_for(meeting=meeting)
        )
    return meeting, created


def _agenda(meeting: Meeting, demo: DemoAlliance, items: list[tuple[str, str, bool]]) -> list:
    return [
        AgendaItem.objects.get_or_create(
            meeting=meeting,
            position=position,
            defaults={"title": title, "presenter": demo.people[who], "confidential": secret},
        )[0]
        for position, (title, who, secret) in enumerate(items, start=1)
    ]


def _paper(item: AgendaItem, title: str, filename: str, admin: User) -> None:
    name = f"meeting-papers/demo/{filename}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(DEMO_PDF))
    Paper.objects.get_or_create(
        agenda_item=item,
        title=title,
        defaults={
            "file": name,
            "original_name": filename,
            "size": len(DEMO_PDF),
            "uploaded_by": admin,
        },
    )


def _attendance(meeting: Meeting, admin: User, apologies: int = 2) -> None:
    invitees = list(meeting.invitees.order_by("person__full_name"))
    for index, invitee in enumerate(invitees):
        # The chair who called the meeting is there to chair it.
        sends_apologies = (
            index % 5 == 1 and index // 5 < apologies and invitee.person != meeting.called_by
        )
        invitee.reply = Reply.APOLOGIES if sends_apologies else Reply.ATTENDING
        invitee.replied_at = meeting.starts_at - datetime.timedelta(days=7)
        invitee.attended = not sends_apologies
    Invitee.objects.bulk_update(invitees, ["reply", "replied_at", "attended"])
    meeting.attendance_recorded_at = meeting.ends_at
    meeting.attendance_recorded_by = admin
    meeting.save(update_fields=["attendance_recorded_at", "attendance_recorded_by"])


def _minutes(
    meeting: Meeting,
    items: list[AgendaItem],
    notes: list[tuple[str, str, list[tuple[str, Person, int, bool]]]],
    state: str,
    users: dict[str, User],
) -> Minutes:
    """Minutes that went as far as ``state``, with their history recorded."""
    minutes = Minutes.objects.create(meeting=meeting, revision=1, state=state)
    day = meeting.ends_at
    steps = [(MinutesEvent.Change.STARTED, "administrator", 1)]
    if state != MinutesState.DRAFT:
        steps.append((MinutesEvent.Change.SUBMITTED, "administrator", 3))
    if state in (MinutesState.APPROVED, MinutesState.PUBLISHED):
        steps.append((MinutesEvent.Change.APPROVED, "chair", 5))
    if state == MinutesState.PUBLISHED:
        steps.append((MinutesEvent.Change.PUBLISHED, "administrator", 6))
        minutes.published_at = day + datetime.timedelta(days=6)
        minutes.save(update_fields=["published_at"])
    for change, who, after in steps:
        MinutesEvent.objects.create(
            minutes=minutes, change=change, actor=users[who], at=day + datetime.timedelta(after)
        )
    if state != MinutesState.DRAFT:
        minutes_attendance_fix(minutes=minutes)
    for item, (text, decisions, actions) in zip(items, notes, strict=False):
        entry = MinutesEntry.objects.create(
            minutes=minutes, agenda_item=item, notes=text, decisions=decisions
        )
        for description, owner, due_in, done in actions:
            Action.objects.create(
                entry=entry,
                description=description,
                owner=owner,
                due_on=timezone.localdate() + datetime.timedelta(days=due_in),
                done_at=day + datetime.timedelta(days=10) if done else None,
                done_by=users["administrator"] if done else None,
                done_note="Done and circulated to the board." if done else "",
            )
    return minutes


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    users = {key: User.objects.get(email=f"{key}@demo.test") for key in ("chair", "administrator")}
    people = southwark.people
    admin = users["administrator"]
    board_items = [
        ("Welcome, apologies and minutes of the last meeting", "chair", False),
        ("Strand reports", "director", False),
        ("Budget and funded time", "finance", True),
        ("Any other business", "chair", False),
    ]

    meeting, created = _meeting(
        southwark, "Strategic Board, autumn term", MeetingKind.BOARD, -60, Visibility.BOARD
    )
    if created:
        items = _agenda(meeting, southwark, board_items)
        _paper(items[1], "Strand reports, autumn", "strand-reports-autumn.pdf", admin)
        _attendance(meeting, admin)
        _minutes(
            meeting,
            items,
            [
                ("The minutes of the summer meeting were agreed as a true record.", "", []),
                (
                    "The director presented the six strand reports. **ITT** recruitment is on "
                    "track; the *peer review* clusters start in November.\n\n"
                    "- CPD bookings are up on last year\n- Two new SLEs were designated",
                    "Adopt the strand report template for every board meeting.",
                    [
                        ("Circulate the strand report template", people["director"], -40, True),
                        (
                            "Share the local authority's school data with strand leads",
                            people["board"],
                            -10,
                            False,
                        ),
                    ],
                ),
                (
                    "The finance holder presented the budget. Funded time for strategic leads "
                    "stays at half a day a week.",
                    "Approve the budget for the year.\nKeep funded time for strategic leads.",
                    [("Revise the budget forecast for spring", people["finance"], 30, False)],
                ),
                ("None.", "", []),
            ],
            MinutesState.PUBLISHED,
            users,
        )

    meeting, created = _meeting(
        southwark,
        "Whole Alliance meeting, autumn term",
        MeetingKind.WHOLE_ALLIANCE,
        -45,
        Visibility.MEMBERS,
    )
    if created:
        items = _agenda(
            meeting,
            southwark,
            [
                ("The alliance’s priorities for the year", "chair", False),
                ("Peer review clusters", "director", False),
                ("CPD offer for the spring term", "cpd-lead", False),
            ],
        )
        _paper(items[2], "CPD offer, spring term", "cpd-offer-spring.pdf", admin)
        _attendance(meeting, admin, apologies=4)
        _minutes(
            meeting,
            items,
            [
                (
                    "The chair set out three priorities: **early reading**, retention of early "
                    "career teachers, and school-to-school support.",
                    "Adopt the three priorities for the year.",
                    [],
                ),
                (
                    "Five clusters will run; each school hosts one review visit.",
                    "Run five peer review clusters.",
                    [
                        (
                            "Share the Bellenden Road peer review report with the cluster",
                            people["head"],
                            14,
                            False,
                        )
                    ],
                ),
                (
                    "The CPD lead presented the spring courses.",
                    "",
                    [("Circulate the spring CPD calendar", people["cpd-lead"], -5, False)],
                ),
            ],
            MinutesState.PUBLISHED,
            users,
        )

    meeting, created = _meeting(
        southwark,
        "Annual open meeting of the alliance",
        MeetingKind.WHOLE_ALLIANCE,
        -30,
        Visibility.PUBLIC,
        venue="Crampton Primary School, hall",
    )
    if created:
        items = _agenda(
            meeting,
            southwark,
            [
                ("What the alliance did last year", "director", False),
                ("Questions from schools and partners", "chair", False),
            ],
        )
        _attendance(meeting, admin)
        _minutes(
            meeting,
            items,
            [
                (
                    "36 trainees across two School Direct partnerships; 50 teachers and 15 "
                    "heads on leadership programmes.",
                    "Publish the impact report on the alliance’s page.",
                    [("Publish the impact report", people["director"], 20, False)],
                ),
                ("Schools asked for more early years CPD.", "", []),
            ],
            MinutesState.PUBLISHED,
            users,
        )

    meeting, created = _meeting(
        southwark, "Strategic Board, half-term review", MeetingKind.BOARD, -14, Visibility.BOARD
    )
    if created:
        items = _agenda(meeting, southwark, board_items[:2] + board_items[3:])
        _attendance(meeting, admin)
        _minutes(
            meeting,
            items,
            [
                ("The minutes of the autumn meeting were agreed.", "", []),
                (
                    "Strand leads reported progress; SLE deployments are ahead of plan.",
                    "Broker two more SLE deployments before Christmas.",
                    [("Broker two SLE deployments", people["director"], 25, False)],
                ),
                ("None.", "", []),
            ],
            MinutesState.APPROVED,
            users,
        )

    meeting, created = _meeting(
        southwark,
        "Headteachers’ termly session, autumn",
        MeetingKind.HEADTEACHERS,
        -7,
        Visibility.MEMBERS,
    )
    if created:
        items = _agenda(
            meeting,
            southwark,
            [
                ("Attendance after half term: common issues", "chair", False),
                ("Support requests and SLE deployments", "director", False),
            ],
        )
        _attendance(meeting, admin, apologies=5)
        _minutes(
            meeting,
            items,
            [
                ("Heads compared approaches to persistent absence.", "", []),
                ("Draft: the director to summarise requests.", "", []),
            ],
            MinutesState.DRAFT,
            users,
        )

    meeting, created = _meeting(
        southwark, "Strategic Board, spring term", MeetingKind.BOARD, 30, Visibility.BOARD
    )
    if created:
        _agenda(meeting, southwark, board_items)
    _meeting(
        southwark,
        "CPD strand meeting",
        MeetingKind.STRAND,
        10,
        Visibility.MEMBERS,
        strand=southwark.strands[StrandKind.CPD],
        venue="",
        online_link="https://meet.example.org/stsa-cpd",
    )

    meeting, created = _meeting(
        steep, "STEEP Strategic Board, autumn term", MeetingKind.BOARD, -40, Visibility.BOARD
    )
    if created:
        items = _agenda(meeting, steep, [("Early years strategy", "director", False)])
        _attendance(meeting, User.objects.get(email="steep-director@demo.test"))
        _minutes(
            meeting,
            items,
            [("The board agreed the early years strategy.", "Adopt the strategy.", [])],
            MinutesState.PUBLISHED,
            users,
        )
