"""The CPD benchmark: fill a PostgreSQL database, time the busiest pages, and measure the
booking against a naive-but-correct booking view on the same data and server.

    python -m benchmarks --scale 0.02
    python -m benchmarks --scale 1 --database-url postgres://postgres@127.0.0.1:5432/bench

It creates the database when missing, migrates it, empties it (unless ``--reuse``), loads
``scale`` × (600 alliances, 20,000 programmes, 60,000 sessions, 1,000,000 bookings), then

1. times each page in-process (server time: middleware, views, queries, templates) and counts
   its queries;
2. times one booking and one naive booking in-process (ms, SQL statements, Redis round trips);
3. starts gunicorn (2 sync workers, persistent database connections, Redis sessions and cache,
   the production settings and middleware) and drives it with wrk and a Lua script
   (``rotate.lua``) that rotates signed-in session cookies, their CSRF tokens and form bodies:
   the bare view and catalogue once, then interleaved rounds of the naive app's signed-in
   floor, the portal's, the naive booking and the booking, each reported as requests a second
   and the booking as a ratio to the naive booking of the same round;
4. fills one 100-place session with each, which must end with exactly 100 confirmed.

The naive view (``benchmarks/naive.py``) runs behind Django's default middleware; the portal
behind its own production middleware (MFA included: the benchmark's heads hold no privileged
role, so they need no second factor, but every request still asks).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import io
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

TARGETS = {"catalogue": 0.10}
BOOKING_TARGET, BOOKING_GOAL = 0.6, 1.0
P95_TARGET_MS = 50
CONNECTIONS = 50
WRK_THREADS = 2
LUA = Path(__file__).with_name("rotate.lua")
WRK_MISSING = (
    "The throughput runs need wrk (https://github.com/wg/wrk): on Debian or Ubuntu "
    "`apt-get install -y wrk`, on macOS `brew install wrk`. Or pass --skip-throughput."
)


def _ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()


# --- in-process page timings -----------------------------------------------------------------


def _catalogue_urls(rng: random.Random, slugs: list[str], n: int, *, combined: bool) -> list[str]:
    from programmes.models import Audience

    audiences = list(Audience.objects.values_list("code", flat=True))
    urls = []
    for _ in range(n):
        query = {"audience": rng.choice(audiences), "places": "on"}
        if rng.random() < 0.5:
            query["strand"] = rng.choice(["cpd", "leadership", "itt"])
        if rng.random() < 0.3:
            query["phase"] = rng.choice(["primary", "secondary", "nursery"])
        if rng.random() < 0.3:
            query["q"] = rng.choice(["phonics", "maths", "wellbeing", "coaching"])
        if rng.random() < 0.2:
            query["page"] = "2"
        base = "/catalogue/" if combined else f"/{rng.choice(slugs)}/cpd/"
        urls.append(f"{base}?{urlencode(query)}")
    return urls


def _programme_urls(rng: random.Random, n: int) -> list[str]:
    from programmes.models import Programme

    rows = list(
        Programme.objects.filter(status="published", next_starts_at__isnull=False)
        .order_by("?")
        .values_list("alliance__slug", "pk")[:n]
    )
    return [f"/{slug}/cpd/{pk}/" for slug, pk in rows]


def _head_clients(heads):
    from django.test import Client

    clients = []
    for head in heads:
        client = Client()
        client.force_login(head.user)
        slug = head.role_assignments.select_related("alliance").first().alliance.slug
        clients.append((client, f"/{slug}/cpd/bookings/"))
    return clients


def _director_of_largest_alliance():
    """A signed-in director of the alliance with the most bookings (made once), for the impact
    report and the dashboard on the director's home: aggregates that grow with an alliance."""
    from allauth.mfa.models import Authenticator
    from django.db.models import Count
    from django.test import Client

    from alliance.models import AcademicYear, Alliance, Role, RoleAssignment
    from members.models import Person, User

    largest = (
        Alliance.objects.annotate(places=Count("programmes__sessions__bookings"))
        .order_by("-places")
        .first()
    )
    user, _ = User.objects.get_or_create(email=f"bench-director-{largest.slug}@bench.test")
    person, _ = Person.objects.get_or_create(
        user=user,
        defaults={
            "full_name": "Bench director",
            "email": user.email,
            "organisation": largest.memberships.first().organisation,
        },
    )
    year = AcademicYear.current()
    RoleAssignment.objects.get_or_create(
        alliance=largest,
        academic_year=year,
        person=person,
        role=Role.DIRECTOR,
        defaults={"starts_on": year.starts_on},
    )
    # A director must have set up a second factor; this session is taken as signed in with it.
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "bench"}}
    )
    client = Client()
    client.force_login(user)
    return client, largest.slug, year.start_year, largest.places


def time_pages(heads, requests: int, rng: random.Random) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from alliance.models import Alliance

    slugs = list(Alliance.objects.values_list("slug", flat=True))
    anonymous = Client()
    heads_ = _head_clients(heads[:10])
    cases = {
        "catalogue, all alliances, filtered": [
            (anonymous, u) for u in _catalogue_urls(rng, slugs, requests, combined=True)
        ],
        "catalogue, one alliance, filtered": [
            (anonymous, u) for u in _catalogue_urls(rng, slugs, requests, combined=False)
        ],
        "programme page": [(anonymous, u) for u in _programme_urls(rng, requests)],
        "our bookings": [heads_[i % len(heads_)] for i in range(requests)],
    }
    # The impact report and the director's dashboard (issue 13), on the largest alliance.
    director, slug, start_year, places = _director_of_largest_alliance()
    print(f"Impact report and dashboard of {slug}: {places:,} bookings")
    cases["impact report, largest alliance"] = [
        (director, f"/{slug}/evaluation/impact/{start_year}/")
    ] * requests
    cases["director's home (dashboard)"] = [(director, f"/{slug}/home/")] * requests
    results = []
    for name, calls in cases.items():
        for client, url in calls[:10]:  # warm up caches and connections
            client.get(url)
        times, queries = [], []
        for client, url in calls:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries.append(len(captured))
        times.sort()
        results.append(
            {
                "page": name,
                "median_ms": statistics.median(times),
                "p95_ms": times[int(len(times) * 0.95) - 1],
                "queries": f"{min(queries)}–{max(queries)}"
                if min(queries) != max(queries)
                else str(queries[0]),
            }
        )
    return results


# --- signed-in request shapes ----------------------------------------------------------------

BENCH_TITLE = "Benchmark: the last hundred places"
DELEGATE_EMAIL = "bench-delegate-{run}-__N__@bench.test"


def _signed_in(heads) -> list[tuple[str, str]]:
    """(cookie, CSRF token) of a signed-in session for each head."""
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    signed_in = []
    for head in heads[:CONNECTIONS]:
        client = Client()
        client.force_login(head.user)
        token = _get_new_csrf_string()
        signed_in.append(
            (f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}", token)
        )
    return signed_in


def _new_session(capacity: int):
    """A new session, open to every school, in a programme of its own."""
    from django.utils import timezone

    from programmes.models import Programme, Session

    template = Programme.objects.filter(status="published").first()
    programme = Programme.objects.create(
        alliance=template.alliance,
        strand=template.strand,
        title=BENCH_TITLE,
        summary="Many schools book at once.",
        led_by=template.led_by,
        status="published",
        open_to_non_members=True,
    )
    starts = timezone.now() + datetime.timedelta(days=30)
    return Session.objects.create(
        alliance=programme.alliance,
        programme=programme,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        booking_deadline=starts - datetime.timedelta(days=1),
        venue="Benchmark hall",
        capacity=capacity,
    )


# What the check page shows for one new delegate on a benchmark session (free, with room) and
# posts back with the answers: the price of a place and the places it would confirm.
CHECKED = {"price": "0.00", "confirmed": "1"}


def _confirm_path(session) -> str:
    """The write: "Confirm booking" on the check page (the form before it writes nothing)."""
    return f"/{session.alliance.slug}/cpd/{session.programme_id}/book/confirm/"


def _booking_shapes(signed_in, session, run: str) -> list[tuple[str, str, str, str]]:
    """The portal's booking as a browser confirms it on the check page: the session, one new
    delegate (name and email), "put them on the waiting list" ticked as it comes, the form's
    token, and the price and places the check page showed."""
    path = _confirm_path(session)
    return [
        (
            "POST",
            path,
            cookie,
            urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "sessions": session.pk,
                    "new_name": "Delegate __N__",
                    "new_email": DELEGATE_EMAIL.format(run=run),
                    "join_waiting_list": "on",
                    "token": f"bench-{run}-__N__",
                    **CHECKED,
                }
            ),
        )
        for cookie, token in signed_in
    ]


def _listed_staff_shapes(heads, signed_in, session) -> list[tuple[str, str, str, str]]:
    """The booking form with one of the school's listed staff ticked instead of a new
    delegate: one shape per head and member of staff, heads first, so the first
    ``len(heads) × staff`` requests each book someone different."""
    from members.models import Person

    path = _confirm_path(session)
    staff_of = {
        head.pk: list(
            Person.objects.filter(organisation_id=head.organisation_id, user__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for head in heads[:CONNECTIONS]
    }
    fields = {"sessions": session.pk, "join_waiting_list": "on", "token": "bench-listed-__N__"}
    fields |= CHECKED
    return [
        ("POST", path, cookie, urlencode({**fields, "csrfmiddlewaretoken": t, "delegates": staff}))
        for index in range(min(len(pks) for pks in staff_of.values()))
        for head, (cookie, t) in zip(heads, signed_in, strict=False)
        for staff in [staff_of[head.pk][index]]
    ]


def _naive_shapes(signed_in, session, run: str) -> list[tuple[str, str, str, str]]:
    fields = {"name": "Delegate __N__", "email": DELEGATE_EMAIL.format(run=run)}
    return [
        (
            "POST",
            f"/naive/{session.pk}/book/",
            cookie,
            urlencode({**fields, "csrfmiddlewaretoken": t}),
        )
        for cookie, t in signed_in
    ]


def _floor_shapes(signed_in, path: str) -> list[tuple[str, str, str, str]]:
    return [
        ("POST", path, cookie, urlencode({"csrfmiddlewaretoken": t})) for cookie, t in signed_in
    ]


def _confirmed(session) -> int:
    from programmes.models import BookingStatus

    return session.bookings.filter(status=BookingStatus.CONFIRMED).count()


def _remove_benchmark_bookings() -> None:
    """The runs' programmes, sessions, bookings, groups, delegates and emails, so that runs
    with ``--reuse`` measure the same data as the first."""
    from alliance.models import OutboxEmail
    from members.models import Person
    from programmes.models import Booking, BookingGroup, Programme

    ids = set(
        Booking.objects.filter(session__programme__title=BENCH_TITLE).values_list("pk", flat=True)
    )
    waiting = OutboxEmail.objects.filter(sent_at__isnull=True, kind__startswith="booking.")
    emails = [
        email.pk
        for email in waiting.only("pk", "payload")
        if set(email.payload["booking_ids"]) <= ids
    ]
    OutboxEmail.objects.filter(pk__in=emails).delete()
    Programme.objects.filter(title=BENCH_TITLE).delete()
    BookingGroup.objects.filter(token__startswith="bench-").delete()
    Person.objects.filter(email__startswith="bench-delegate-").delete()


# --- one booking in-process -------------------------------------------------------------------


@contextmanager
def _redis_round_trips():
    """Count what the cache sends to Redis: each packed send is one round trip (a pipeline
    or MGET is one)."""
    from redis.connection import AbstractConnection

    sent = [0]
    original = AbstractConnection.send_packed_command

    def counting(self, *args, **kwargs):
        sent[0] += 1
        return original(self, *args, **kwargs)

    AbstractConnection.send_packed_command = counting
    try:
        yield sent
    finally:
        AbstractConnection.send_packed_command = original


def _call(application, shape, n: str) -> int:
    """One request through the same WSGI application gunicorn serves."""
    from wsgiref.util import setup_testing_defaults

    method, path, cookie, body = shape
    data = body.replace("__N__", n).encode()
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "HTTP_HOST": "127.0.0.1",
        "SERVER_NAME": "127.0.0.1",
        "HTTP_COOKIE": cookie,
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.input": io.BytesIO(data),
    }
    setup_testing_defaults(environ)
    statuses = []
    response = application(environ, lambda status, headers, *_: statuses.append(status))
    b"".join(response)
    response.close()
    return int(statuses[0].split()[0])


def _statements(queries) -> int:
    """SQL statements sent, leaving out transaction control (BEGIN, COMMIT, savepoints)."""
    control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")
    return sum(not q["sql"].startswith(control) for q in queries.captured_queries)


def time_one_booking(heads, count: int, *, show_sql: bool = False) -> dict[str, dict]:
    """Median server time, SQL statements and Redis round trips of one booking and one naive
    booking, taken in turns, each by the next signed-in head with a new delegate; and of one
    booking of a member of staff already listed on the form, for comparison."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.wsgi import application

    signed_in = _signed_in(heads)
    shapes = {
        "naive booking": _naive_shapes(signed_in, _new_session(10**6), "inproc-naive"),
        "booking": _booking_shapes(signed_in, _new_session(10**6), "inproc"),
        "booking, listed staff": _listed_staff_shapes(heads, signed_in, _new_session(10**6)),
    }
    expected = {"naive booking": 303, "booking": 302, "booking, listed staff": 302}
    costs = {name: {"ms": [], "cpu_ms": [], "sql": [], "redis": []} for name in shapes}
    for i in range(count + 5):  # the first five warm up connections and caches
        for name, ways in shapes.items():
            with CaptureQueriesContext(connection) as queries, _redis_round_trips() as sent:
                started, cpu = time.perf_counter(), time.process_time()
                status = _call(application, ways[i % len(ways)], f"p{i}")
                elapsed = (time.perf_counter() - started) * 1000
                cpu = (time.process_time() - cpu) * 1000
            assert status == expected[name], (name, status)
            if i >= 5:
                costs[name]["ms"].append(elapsed)
                costs[name]["cpu_ms"].append(cpu)
                costs[name]["sql"].append(_statements(queries))
                costs[name]["redis"].append(sent[0])
            if show_sql and i == count + 4:
                print(f"\n-- SQL of one {name}")
                for query in queries.captured_queries:
                    print(query["sql"][:160])
    return {
        name: {key: statistics.median(values) for key, values in cost.items()}
        | {"sql_range": (min(cost["sql"]), max(cost["sql"]))}
        for name, cost in costs.items()
    }


# --- throughput against gunicorn, driven by wrk ---------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def _start_gunicorn(url: str) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "benchmarks.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--backlog",
            "512",
        ],
        env=env,
    )
    for _ in range(100):
        try:
            if _get(port, "/bench/bare/") == 200:
                return server, port
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def wrk(port: int, shapes, seconds: float, *, script: bool = True) -> dict:
    """Requests a second over ``seconds`` with CONNECTIONS connections, rotating ``shapes``."""
    command = [
        shutil.which("wrk") or "wrk",
        f"-t{WRK_THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds:g}s",
        "--timeout",
        "30s",
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".tsv") as listing:
        for shape in shapes:
            listing.write("\t".join(map(str, shape)) + "\n")
        listing.flush()
        if script:
            command += ["-s", str(LUA), f"http://127.0.0.1:{port}", "--", listing.name]
        else:
            command += [f"http://127.0.0.1:{port}{shapes[0][1]}"]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if not script:
        requests = int(output.split(" requests in ")[0].split()[-1])
        return {"rate": float(output.split("Requests/sec:")[1].split()[0]), "requests": requests}
    summary = json.loads(output.strip().splitlines()[-1])
    summary["rate"] = summary["requests"] / (summary["duration_us"] / 1e6)
    summary["failed"] = sum(summary[k] for k in ("connect", "read", "write", "status", "timeout"))
    return summary


def _fill(port: int, shapes, session, seconds: float) -> tuple[int, int, int]:
    """Post until the session is full and at least as many again have asked; (posts,
    confirmed, places taken)."""
    posts = 0
    for _ in range(20):
        posts += wrk(port, shapes, seconds)["requests"]
        if posts >= 2 * session.capacity and _confirmed(session) >= session.capacity:
            break
    session.refresh_from_db()
    return posts, _confirmed(session), session.places_taken


def measure_throughput(url: str, heads, seconds: float, rounds: int, rng: random.Random) -> dict:
    from django.db import connections

    from alliance.models import Alliance

    slugs = list(Alliance.objects.values_list("slug", flat=True))
    catalogue = [("GET", u, "", "") for u in _catalogue_urls(rng, slugs, 500, combined=True)]
    signed_in = _signed_in(heads)
    # Every session made before gunicorn starts, so the server's workers and caches see them.
    planned = [
        (
            r,
            _naive_shapes(signed_in, naive := _new_session(10**6), f"r{r}-naive"),
            naive,
            _booking_shapes(signed_in, booking := _new_session(10**6), f"r{r}"),
            booking,
        )
        for r in range(1, rounds + 1)
    ]
    full_naive, full_booking = _new_session(100), _new_session(100)
    connections.close_all()
    server, port = _start_gunicorn(url)
    result: dict = {"gets": {}, "rounds": [], "full": {}}
    try:
        bare = [("GET", "/bench/bare/", "", "")]
        for name, shapes, script in [
            ("bare view, wrk without a script", bare, False),
            ("bare view", bare, True),
            (
                "alliance home (a foundation page, for reference)",
                [("GET", f"/{slugs[0]}/", "", "")],
                True,
            ),
            ("catalogue", catalogue, True),
        ]:
            for _, path, _, _ in shapes[:20]:
                _get(port, path)
            result["gets"][name] = wrk(port, shapes, seconds, script=script)
        naive_floor = _floor_shapes(signed_in, "/naive/signed-in/")
        portal_floor = _floor_shapes(signed_in, "/bench/signed-in/")
        for _round, naive_shapes, naive, booking_shapes, booking in planned:
            runs = {
                "naive floor": wrk(port, naive_floor, seconds),
                "portal floor": wrk(port, portal_floor, seconds),
                "naive booking": wrk(port, naive_shapes, seconds),
                "booking": wrk(port, booking_shapes, seconds),
            }
            runs["naive booking"]["booked"] = _confirmed(naive)
            runs["booking"]["booked"] = _confirmed(booking)
            result["rounds"].append(runs)
        for name, shapes, session in [
            ("naive booking", _naive_shapes(signed_in, full_naive, "full-naive"), full_naive),
            ("booking", _booking_shapes(signed_in, full_booking, "full"), full_booking),
        ]:
            result["full"][name] = _fill(port, shapes, session, min(seconds, 3))
    finally:
        server.terminate()
        server.wait()
    _remove_benchmark_bookings()
    return result


# --- the report ------------------------------------------------------------------------------


def _report_throughput(result: dict) -> bool:
    gets = result["gets"]
    bare = gets["bare view"]["rate"]
    print(
        f"\nThroughput: gunicorn, 2 sync workers; wrk, {WRK_THREADS} threads, "
        f"{CONNECTIONS} connections"
    )
    for name, run in gets.items():
        ratio = run["rate"] / bare
        target = TARGETS.get(name)
        verdict = (
            f"  target ≥ {target:.2f}: {'met' if ratio >= target else 'MISSED'}" if target else ""
        )
        print(f"{name:50} {run['rate']:8.1f} req/s  {ratio:5.2f} × bare{verdict}")

    print(
        f"\n{'round':>5} {'naive floor':>12} {'portal floor':>13} {'naive booking':>14} "
        f"{'booking':>8} {'booking ÷ naive':>16} {'floor ÷ floor':>14}"
    )
    ratios, floors, ok = [], [], True
    for r, runs in enumerate(result["rounds"], 1):
        ratio = runs["booking"]["rate"] / runs["naive booking"]["rate"]
        floor = runs["portal floor"]["rate"] / runs["naive floor"]["rate"]
        ratios.append(ratio)
        floors.append(floor)
        print(
            f"{r:5} {runs['naive floor']['rate']:12.1f} {runs['portal floor']['rate']:13.1f} "
            f"{runs['naive booking']['rate']:14.1f} {runs['booking']['rate']:8.1f} "
            f"{ratio:15.2f}× {floor:13.2f}×"
        )
        for name, run in runs.items():
            if run["failed"]:
                ok = False
                print(f"      {name}: {run['failed']} requests failed or answered 4xx/5xx: {run}")
            if "booked" in run and run["booked"] < run["requests"]:
                ok = False
                print(f"      {name}: {run['requests']} answered but only {run['booked']} booked")
    median = statistics.median(ratios)
    print(
        f"booking ÷ naive booking: median {median:.2f}× "
        f"(range {min(ratios):.2f}–{max(ratios):.2f}); "
        f"target ≥ {BOOKING_TARGET}: {'met' if median >= BOOKING_TARGET else 'MISSED'}, "
        f"goal ≥ {BOOKING_GOAL}: {'met' if median >= BOOKING_GOAL else 'not yet'}"
    )
    print(
        f"portal's signed-in floor ÷ naive app's: median {statistics.median(floors):.2f}× "
        f"(range {min(floors):.2f}–{max(floors):.2f})"
    )
    for name, (requests, confirmed, taken) in result["full"].items():
        print(
            f"{name}, one session of 100 places: {requests} posts, {confirmed} confirmed"
            + (f", places taken {taken}" if name == "booking" else "")
        )
        ok = ok and confirmed == 100 and (name != "booking" or taken == 100)
    print("Capacity held: exactly 100 confirmed." if ok else "BROKEN: see above")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--scale", type=float, default=0.02, help="1 = the full data set")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench"),
        help="a PostgreSQL database the benchmark may empty (created when missing)",
    )
    parser.add_argument("--requests", type=int, default=200, help="requests timed per page")
    parser.add_argument("--bookings", type=int, default=50, help="in-process bookings timed")
    parser.add_argument("--seconds", type=float, default=5, help="each wrk run")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved booking rounds")
    parser.add_argument("--reuse", action="store_true", help="keep the data already loaded")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument(
        "--show-sql", action="store_true", help="print each statement of one booking of each kind"
    )
    args = parser.parse_args(argv)
    if not args.skip_throughput and not shutil.which("wrk"):
        print(WRK_MISSING, file=sys.stderr)
        return 2

    _ensure_database(args.database_url)
    _setup(args.database_url)
    from django.core.management import call_command

    from benchmarks.data import generate
    from members.models import Person

    rng = random.Random(7)
    call_command("migrate", verbosity=0)
    # Production serves hashed static files, so pages need the manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    if args.reuse and Person.objects.filter(email__startswith="bench-head-").exists():
        print("Reusing the data already loaded.")
    else:
        call_command("flush", interactive=False, verbosity=0)
        print(f"Loading scale {args.scale} …")
        generate(args.scale, log=print)
        print(f"Loaded in {time.perf_counter() - started:.0f} s.")
    heads = list(
        Person.objects.filter(email__startswith="bench-head-").select_related("user").order_by("pk")
    )
    _remove_benchmark_bookings()
    pages = time_pages(heads, args.requests, rng)
    print(f"\nServer time per page ({args.requests} requests each, in-process, DEBUG off)")
    print(f"{'page':40} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for row in pages:
        flag = "" if row["p95_ms"] <= P95_TARGET_MS else f"  (over {P95_TARGET_MS} ms)"
        print(
            f"{row['page']:40} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} "
            f"{row['queries']:>8}{flag}"
        )
    costs = time_one_booking(heads, args.bookings, show_sql=args.show_sql)
    _remove_benchmark_bookings()
    print(f"\nOne booking in-process (median of {args.bookings}, through the gunicorn application)")
    # CPU ms is this process's own time (Python, drivers): steadier than ms on a busy machine.
    print(
        f"{'':21} {'ms':>6} {'CPU ms':>7} {'SQL':>6} {'Redis':>6}"
        "   (SQL without BEGIN, COMMIT, savepoints)"
    )
    for name, cost in costs.items():
        low, high = cost["sql_range"]
        sql = f"{low}" if low == high else f"{low}–{high}"
        print(f"{name:21} {cost['ms']:6.1f} {cost['cpu_ms']:7.1f} {sql:>6} {cost['redis']:6.0f}")
    if args.skip_throughput:
        return 0
    result = measure_throughput(args.database_url, heads, args.seconds, args.rounds, rng)
    return 0 if _report_throughput(result) else 1


if __name__ == "__main__":
    sys.exit(main())
