"""Fill a PostgreSQL database with many alliances' worth of CPD, fast (COPY with explicit ids).

At ``scale=1``: 600 alliances, 12,000 schools, 240,000 staff, 20,000 programmes, 60,000
sessions over a year (half past, half to come) and 1,000,000 bookings.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from alliance.cache import bump_every
from alliance.models import AcademicYear, Alliance, Role, RoleAssignment
from members.models import Membership, Organisation, Person, Phase, Specialism, User
from members.reference import create_reference_data
from programmes.models import Audience
from programmes.reference import create_audiences
from strands.models import STRAND_SUMMARIES, Strand, StrandKind

FULL = {
    "alliances": 600,
    "programmes": 20_000,
    "sessions": 60_000,
    "bookings": 1_000_000,
}
SCHOOLS_PER_ALLIANCE = 20
STAFF_PER_SCHOOL = 20
HEADS_WITH_SIGN_IN = 50
WORDS = [
    "phonics",
    "reading",
    "writing",
    "maths",
    "mastery",
    "science",
    "outdoor",
    "learning",
    "wellbeing",
    "behaviour",
    "assessment",
    "feedback",
    "leadership",
    "curriculum",
    "inclusion",
    "send",
    "early",
    "years",
    "language",
    "oracy",
    "history",
    "geography",
    "art",
    "music",
    "computing",
    "safeguarding",
    "coaching",
    "mentoring",
    "research",
]
KINDS = ["cpd"] * 6 + ["network", "npqml", "npqsl", "itt", "peer_review"]


@dataclass
class Loaded:
    alliances: list[Alliance] = field(default_factory=list)
    heads: list[Person] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cursor.fetchone()[0]


def _copy(table: str, columns: list[str], rows: Iterable[tuple]) -> int:
    count = 0
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        )
    return count


def generate(scale: float, *, seed: int = 20261126, log=print) -> Loaded:
    """Add ``scale`` × the full data set to the current database (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The benchmark loads data with COPY: point it at PostgreSQL.")
    rng = random.Random(seed)
    n_alliances = max(1, round(FULL["alliances"] * scale))
    n_programmes = max(n_alliances, round(FULL["programmes"] * scale))
    n_sessions = max(n_programmes, round(FULL["sessions"] * scale))
    n_bookings = round(FULL["bookings"] * scale)
    loaded = Loaded()
    with transaction.atomic():
        create_reference_data(Phase, Specialism)
        create_audiences(Audience)
        year = AcademicYear.current()
        tag = f"{rng.randrange(10**6):06d}"
        alliances = Alliance.objects.bulk_create(
            Alliance(name=f"Bench alliance {tag}-{i}", slug=f"bench-{tag}-{i}", short_name=f"B{i}")
            for i in range(n_alliances)
        )
        strands = Strand.objects.bulk_create(
            Strand(alliance=a, kind=kind, position=p, summary=STRAND_SUMMARIES[kind])
            for a in alliances
            for p, kind in enumerate(StrandKind)
        )
        strands_of = {}
        for strand in strands:
            strands_of.setdefault(strand.alliance_id, []).append(strand.pk)
        schools = Organisation.objects.bulk_create(
            Organisation(name=f"Bench school {tag}-{a.pk}-{s}", local_authority="Bench")
            for a in alliances
            for s in range(SCHOOLS_PER_ALLIANCE)
        )
        schools_of: dict[int, list[int]] = {}
        for index, school in enumerate(schools):
            schools_of.setdefault(alliances[index // SCHOOLS_PER_ALLIANCE].pk, []).append(school.pk)
        Membership.objects.bulk_create(
            Membership(
                alliance_id=alliance_id,
                organisation_id=org_id,
                academic_year=year,
                kind="member_school",
                joined_on=year.starts_on,
            )
            for alliance_id, org_ids in schools_of.items()
            for org_id in org_ids
        )
        phases = list(Phase.objects.values_list("pk", flat=True))
        audiences = list(Audience.objects.values_list("pk", flat=True))

        person_id = _next_id("members_person")
        staff_of: dict[int, list[int]] = {}
        person_rows = []
        for org_ids in schools_of.values():
            for org_id in org_ids:
                for s in range(STAFF_PER_SCHOOL):
                    staff_of.setdefault(org_id, []).append(person_id)
                    person_rows.append(
                        (
                            person_id,
                            f"Staff {s} of {org_id}",
                            f"s{person_id}@bench.test",
                            org_id,
                            "Teacher",
                        )
                    )
                    person_id += 1
        loaded.counts["people"] = _copy(
            "members_person",
            ["id", "full_name", "email", "organisation_id", "job_title"],
            person_rows,
        )
        del person_rows
        log(
            f"  {len(alliances)} alliances, {len(schools)} schools, {loaded.counts['people']} staff"
        )

        # Programmes, spread evenly over alliances; sessions over a year around today.
        now = timezone.now()
        alliance_ids = [a.pk for a in alliances]
        programme_id = _next_id("programmes_programme")
        programmes = []  # (id, alliance_id)
        programme_rows, audience_rows, phase_rows = [], [], []
        for i in range(n_programmes):
            alliance_id = alliance_ids[i % len(alliance_ids)]
            pid = programme_id + i
            programmes.append((pid, alliance_id))
            words = rng.sample(WORDS, 3)
            price = rng.choice(["0.00", "0.00", "0.00", "25.00", "50.00", "120.00"])
            programme_rows.append(
                [
                    pid,
                    alliance_id,
                    rng.choice(strands_of[alliance_id]),
                    rng.choice(KINDS),
                    f"{words[0].title()} {words[1]} and {words[2]} {i}",
                    f"A course about {words[0]} and {words[1]}.",
                    f"Practitioner-led sessions on {' '.join(words)}.",
                    schools_of[alliance_id][0],
                    price,
                    price,
                    i % 3 == 0,
                    "published" if i % 20 else "draft",
                    None,
                    0,
                    now,
                    now,
                    # Drop-in courses, as the benchmark books sessions (cohorts enrol instead).
                    "drop_in",
                    0,
                    0,
                ]
            )
            for audience in rng.sample(audiences, 2):
                audience_rows.append((pid, audience))
            phase_rows.append((pid, rng.choice(phases)))
        session_id = _next_id("programmes_session")
        session_rows = []
        sessions = []  # (id, alliance_id, capacity, taken, starts_at)
        per_session = n_bookings / n_sessions
        for i in range(n_sessions):
            pid, alliance_id = programmes[i % n_programmes]
            starts = now + datetime.timedelta(
                days=rng.uniform(-180, 180), minutes=rng.randrange(0, 600, 30)
            )
            taken = int(per_session) + (1 if rng.random() < per_session % 1 else 0)
            capacity = taken + rng.choice([0, 2, 5, 10, 15])
            sid = session_id + i
            sessions.append((sid, alliance_id, capacity, taken, starts))
            session_rows.append(
                (
                    sid,
                    alliance_id,
                    pid,
                    starts,
                    starts + datetime.timedelta(hours=3),
                    "Bench venue",
                    "",
                    capacity,
                    starts - datetime.timedelta(days=2),
                    "scheduled",
                    taken,
                    0,
                )
            )
        # The next session to come of each programme, as services keep it.
        next_of: dict[int, tuple[datetime.datetime, int]] = {}
        for (_sid, _a, capacity, taken, starts), row in zip(sessions, session_rows, strict=True):
            pid = row[2]
            if starts > now and (pid not in next_of or starts < next_of[pid][0]):
                next_of[pid] = (starts, capacity - taken)
        for row in programme_rows:
            if row[0] in next_of:
                row[12], row[13] = next_of[row[0]]
        loaded.counts["programmes"] = _copy(
            "programmes_programme",
            [
                "id",
                "alliance_id",
                "strand_id",
                "kind",
                "title",
                "summary",
                "description",
                "led_by_id",
                "member_price",
                "non_member_price",
                "open_to_non_members",
                "status",
                "next_starts_at",
                "next_places_left",
                "created_at",
                "updated_at",
                "format",
                "cohort_places_taken",
                "sessions_may_miss",
            ],
            programme_rows,
        )
        _copy_m2m("programmes_programme_audiences", "audience_id", audience_rows)
        _copy_m2m("programmes_programme_phases", "phase_id", phase_rows)
        loaded.counts["sessions"] = _copy(
            "programmes_session",
            [
                "id",
                "alliance_id",
                "programme_id",
                "starts_at",
                "ends_at",
                "venue",
                "online_url",
                "capacity",
                "booking_deadline",
                "status",
                "places_taken",
                "waiting_count",
            ],
            session_rows,
        )
        del programme_rows, session_rows
        log(f"  {loaded.counts['programmes']} programmes, {loaded.counts['sessions']} sessions")

        # Asked before COPY starts: the connection can run nothing else during a COPY.
        first_booking_id = _next_id("programmes_booking")

        def bookings():
            booking_id = first_booking_id
            for sid, alliance_id, _capacity, taken, starts in sessions:
                pool = schools_of[alliance_id]
                chosen = set()
                while len(chosen) < taken:
                    org = rng.choice(pool)
                    chosen.add((org, rng.choice(staff_of[org])))
                for org, delegate in chosen:
                    attendance = "attended" if starts < now else ""
                    yield (
                        booking_id,
                        sid,
                        delegate,
                        org,
                        "confirmed",
                        True,
                        "0.00",
                        starts - datetime.timedelta(days=20),
                        False,
                        attendance,
                    )
                    booking_id += 1

        loaded.counts["bookings"] = _copy(
            "programmes_booking",
            [
                "id",
                "session_id",
                "delegate_id",
                "organisation_id",
                "status",
                "is_member",
                "price_due",
                "created_at",
                "cancelled_late",
                "attendance",
            ],
            bookings(),
        )
        log(f"  {loaded.counts['bookings']} bookings")
        loaded.heads = _heads(alliances, schools_of, year)
        loaded.alliances = alliances
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # Loaded with COPY, past the signals: what was cached from an earlier load is out of date.
    bump_every()
    return loaded


def _copy_m2m(table: str, column: str, rows: list[tuple]) -> None:
    start = _next_id(table)
    _copy(
        table,
        ["id", "programme_id", column],
        ((start + i, *row) for i, row in enumerate(rows)),
    )


def _heads(alliances, schools_of, year) -> list[Person]:
    """Headteachers who sign in, one per school, for the pages and the booking clients."""
    heads = []
    schools = [org for a in alliances for org in schools_of[a.pk]]
    alliance_of = {org: a for a in alliances for org in schools_of[a.pk]}
    for index, org_id in enumerate(schools[:HEADS_WITH_SIGN_IN]):
        user = User.objects.create_user(email=f"bench-head-{org_id}@bench.test", password=None)
        head = Person.objects.create(
            user=user, full_name=f"Head {index}", organisation_id=org_id, email=user.email
        )
        RoleAssignment.objects.create(
            alliance=alliance_of[org_id],
            academic_year=year,
            person=head,
            role=Role.HEADTEACHER,
            organisation_id=org_id,
            starts_on=year.starts_on,
        )
        heads.append(head)
    return heads
