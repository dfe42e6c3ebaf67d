"""The CPD benchmark: fill a PostgreSQL database, time the busiest pages, measure throughput.

    python -m benchmarks --scale 0.02
    python -m benchmarks --scale 1 --database-url postgres://postgres@127.0.0.1:5432/bench

It creates the database when missing, migrates it, empties it (unless ``--reuse``), loads
``scale`` × (600 alliances, 20,000 programmes, 60,000 sessions, 1,000,000 bookings), then

1. times each page in-process (server time: middleware, views, queries, templates) and counts
   its queries;
2. starts gunicorn (2 sync workers, persistent database connections) and measures requests per
   second for a bare Django view, the filtered catalogue, and booking with 50 concurrent
   clients against one session of 100 places, which must end with exactly 100 confirmed.

Absolute figures vary by a third from run to run on a shared machine, so throughput is also
given as a ratio to the bare view measured in the same run.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from urllib.parse import urlencode, urlsplit

TARGETS = {"catalogue": 0.10, "booking": 0.18}
P95_TARGET_MS = 50
CLIENT_PROCESSES = 5
CLIENTS_PER_PROCESS = 10  # 50 concurrent clients in all


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


# --- throughput against gunicorn -------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port: int, method: str, path: str, body: str = "", cookie: str = "") -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body or None, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def _get_for(port: int, urls: list[str], seconds: float, offset: int) -> tuple[int, float, float]:
    """Run CLIENTS_PER_PROCESS clients doing GETs for ``seconds``; (requests, start, end)."""
    done = [0] * CLIENTS_PER_PROCESS
    start = time.time()
    stop = start + seconds

    def client(index: int) -> None:
        i = offset + index
        while time.time() < stop:
            status = _request(port, "GET", urls[i % len(urls)])
            assert status == 200, status
            done[index] += 1
            i += CLIENTS_PER_PROCESS

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS_PER_PROCESS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done), start, time.time()


def _book_for(port: int, jobs: list[tuple[str, list[str], str]]) -> tuple[dict, float, float]:
    """Each job is one client: its cookie, its POST bodies (sent one after the other), the path."""
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(len(jobs))

    def client(cookie: str, bodies: list[str], path: str) -> None:
        barrier.wait()
        for body in bodies:
            status = _request(port, "POST", path, body, cookie)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=job) for job in jobs]
    start = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses, start, time.time()


def _rate(results) -> float:
    total = sum(r[0] if isinstance(r[0], int) else sum(r[0].values()) for r in results)
    start = min(r[1] for r in results)
    end = max(r[2] for r in results)
    return total / (end - start)


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
            if _request(port, "GET", "/bench/bare/") == 200:
                return server, port
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


BENCH_TITLE = "Benchmark: the last hundred places"
SIGNED_IN_FLOOR = "signed-in POST that only redirects (for reference)"


def _booking_jobs(heads, *, waiting_list: bool):
    """A new session of 100 places, open to every school, and 50 clients of 4 bookings each.

    The booking form comes with "put them on the waiting list" ticked, so a browser posts
    ``join_waiting_list=on`` unless the head unticks it; ``waiting_list=False`` posts the form
    unticked, so half the requests are refused and the form is shown again with the reason."""
    import datetime

    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client
    from django.utils import timezone

    from members.models import Person
    from programmes.models import Programme, Session

    template = Programme.objects.filter(status="published").first()
    programme = Programme.objects.create(
        alliance=template.alliance,
        strand=template.strand,
        title=BENCH_TITLE,
        summary="Fifty schools book at once.",
        led_by=template.led_by,
        status="published",
        open_to_non_members=True,
    )
    starts = timezone.now() + datetime.timedelta(days=30)
    session = Session.objects.create(
        alliance=programme.alliance,
        programme=programme,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        booking_deadline=starts - datetime.timedelta(days=1),
        venue="Benchmark hall",
        capacity=100,
    )
    path = f"/{programme.alliance.slug}/cpd/{programme.pk}/book/"
    jobs = []
    for head in heads[: CLIENT_PROCESSES * CLIENTS_PER_PROCESS]:
        client = Client()
        client.force_login(head.user)
        token = _get_new_csrf_string()
        cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}"
        staff = list(
            Person.objects.filter(
                organisation_id=head.organisation_id, user__isnull=True
            ).values_list("pk", flat=True)[:4]
        )
        fields = {"sessions": session.pk, "csrfmiddlewaretoken": token}
        if waiting_list:
            fields["join_waiting_list"] = "on"
        bodies = [urlencode({**fields, "delegates": pk}) for pk in staff]
        jobs.append((cookie, bodies, path))
    return session, jobs


def _remove_benchmark_bookings() -> None:
    """The booking runs' programmes, sessions, bookings and emails, so that runs with
    ``--reuse`` measure the same data as the first."""
    from programmes.models import Booking, BookingEmail, Programme

    ids = list(
        Booking.objects.filter(session__programme__title=BENCH_TITLE).values_list("pk", flat=True)
    )
    for email in BookingEmail.objects.filter(sent_at__isnull=True).iterator():
        if set(email.booking_ids) <= set(ids):
            email.delete()
    Programme.objects.filter(title=BENCH_TITLE).delete()


def _book_all(pool, port: int, jobs) -> tuple[float, dict[int, int]]:
    per_process = len(jobs) // CLIENT_PROCESSES
    futures = [
        pool.submit(_book_for, port, jobs[i * per_process : (i + 1) * per_process])
        for i in range(CLIENT_PROCESSES)
    ]
    results = [f.result() for f in futures]
    statuses: dict[int, int] = {}
    for result in results:
        for status, count in result[0].items():
            statuses[status] = statuses.get(status, 0) + count
    return _rate(results), statuses


def measure_throughput(url: str, heads, seconds: float, rng: random.Random) -> dict:
    from django.db import connections

    from alliance.models import Alliance
    from programmes.models import BookingStatus, Session

    slugs = list(Alliance.objects.values_list("slug", flat=True))
    catalogue_urls = _catalogue_urls(rng, slugs, 500, combined=True)
    _remove_benchmark_bookings()
    bookings = {
        "booking": _booking_jobs(heads, waiting_list=True),
        "booking, waiting list unticked (half refused)": _booking_jobs(heads, waiting_list=False),
    }
    connections.close_all()
    server, port = _start_gunicorn(url)
    rates, statuses = {}, {}
    try:
        with ProcessPoolExecutor(CLIENT_PROCESSES) as pool:
            runs = [
                ("bare view", ["/bench/bare/"]),
                ("alliance home (a foundation page, for reference)", [f"/{slugs[0]}/"]),
                ("catalogue", catalogue_urls),
            ]
            for name, urls in runs:
                for warm in urls[:20]:
                    _request(port, "GET", warm)
                futures = [
                    pool.submit(_get_for, port, urls, seconds, i * CLIENTS_PER_PROCESS)
                    for i in range(CLIENT_PROCESSES)
                ]
                rates[name] = _rate([f.result() for f in futures])
            _, jobs = bookings["booking"]
            floor = [(cookie, bodies, "/bench/signed-in/") for cookie, bodies, _ in jobs]
            rates[SIGNED_IN_FLOOR], _ = _book_all(pool, port, floor)
            for name, (_, jobs) in bookings.items():
                rates[name], statuses[name] = _book_all(pool, port, jobs)
    finally:
        server.terminate()
        server.wait()
    held = {
        name: (
            session.bookings.filter(status=BookingStatus.CONFIRMED).count(),
            Session.objects.get(pk=session.pk).places_taken,
        )
        for name, (session, _) in bookings.items()
    }
    _remove_benchmark_bookings()
    return {"rates": rates, "statuses": statuses, "held": held}


# --- the report ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--scale", type=float, default=0.02, help="1 = the full data set")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench"),
        help="a PostgreSQL database the benchmark may empty (created when missing)",
    )
    parser.add_argument("--requests", type=int, default=200, help="requests timed per page")
    parser.add_argument("--seconds", type=float, default=8, help="each throughput run")
    parser.add_argument("--reuse", action="store_true", help="keep the data already loaded")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args(argv)

    _ensure_database(args.database_url)
    _setup(args.database_url)
    from django.core.management import call_command

    from members.models import Person
    from benchmarks.data import generate

    rng = random.Random(7)
    call_command("migrate", verbosity=0)
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
    pages = time_pages(heads, args.requests, rng)
    print(f"\nServer time per page ({args.requests} requests each, in-process, DEBUG off)")
    print(f"{'page':40} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for row in pages:
        flag = "" if row["p95_ms"] <= P95_TARGET_MS else f"  (over {P95_TARGET_MS} ms)"
        print(
            f"{row['page']:40} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} "
            f"{row['queries']:>8}{flag}"
        )
    if args.skip_throughput:
        return 0
    result = measure_throughput(args.database_url, heads, args.seconds, rng)
    rates = result["rates"]
    bare = rates["bare view"]
    print("\nThroughput, gunicorn with 2 sync workers, 50 concurrent clients")
    for name, rate in rates.items():
        ratio = rate / bare
        target = TARGETS.get(name)
        verdict = (
            f"  target ≥ {target:.2f}: {'met' if ratio >= target else 'MISSED'}" if target else ""
        )
        print(f"{name:50} {rate:8.1f} req/s  {ratio:5.2f} × bare{verdict}")
    ok = True
    for name, (confirmed, taken) in result["held"].items():
        print(
            f"{name}: responses {dict(sorted(result['statuses'][name].items()))}, "
            f"{confirmed} confirmed, places taken {taken} of 100"
        )
        ok = ok and confirmed == 100 and taken == 100
    print("Capacity held: exactly 100 confirmed." if ok else "CAPACITY BROKEN")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
