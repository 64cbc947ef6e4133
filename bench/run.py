"""Benchmark the public pages: build a data set, serve it with gunicorn, drive a
fixed mix of public URLs on loopback and print p50, p95 and requests per second.

    .venv/bin/python bench/run.py --count 100000            # SQLite, bench/out/bench-100000.sqlite3
    .venv/bin/python bench/run.py --count 100000 --database-url postgres://…/bench

The data set is built once per size (generate_incidents) and reused. Each URL is
requested by --concurrency clients for --seconds; latencies are measured by this
script (the load tool), per request, wall-clock. Not part of `make test`.

With --datasette it then serves the same published incidents with Datasette
0.65.5 (installed in bench/out/datasette-venv): one denormalized table with the
export columns, indexed like ours (date, kind, city, organization, person), an
FTS5 table over summary and names, immutable mode (-i), sql_time_limit_ms and
facet_time_limit_ms raised to 60 s so that it answers, page size 50, and facets
on kind, city and organization. It drives the equivalent queries (same filters,
same page size, facets included) and prints the ratio Datasette/ours per URL.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from common import OUT, PY, ROOT, production_env  # bench/ is the script's directory


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def build(env: dict[str, str], count: int) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    have = manage(
        env, "shell", "-c", "from incidents.models import Incident; print(Incident.objects.count())"
    )
    if int(have.strip().splitlines()[-1]) >= count:
        return
    started = time.perf_counter()
    subprocess.run(
        [PY, "manage.py", "generate_incidents", "--count", str(count), "--seed", "1"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"built {count:,} incidents in {time.perf_counter() - started:.0f} s")


def mix(env: dict[str, str]) -> list[str]:
    code = (
        "from incidents.models import *\n"
        "from django.db.models import Count\n"
        "c = Incident.objects.values('city__slug').exclude(city=None).annotate(n=Count('id')).order_by('-n')[0]['city__slug']\n"
        "o = Incident.objects.values('organization__slug').exclude(organization=None).annotate(n=Count('id')).order_by('-n')[0]['organization__slug']\n"
        "p = Person.objects.public().filter(identity_protected=False).order_by('id').first()\n"
        "i = Incident.objects.published().order_by('-id').first().pk\n"
        "print(c, o, p.slug, [w for w in p.name.split() if w.isalpha()][-1], i)\n"
    )
    city, org, person, surname, incident = manage(env, "shell", "-c", code).split()[-5:]
    return [
        "/",
        "/incidents/",
        f"/incidents/?city={city}",
        f"/incidents/?city={city}&kind=search&date_after=2020-01-01&date_before=2020-12-31",
        f"/incidents/?organization={org}&kind=detention",
        "/incidents/?q=Synthetic+detention",
        f"/incidents/?q={quote(surname)}",
        "/incidents/?page=200",
        f"/incidents/{incident}/",
        f"/people/{person}/",
        f"/organizations/{org}/",
        f"/cities/{city}/",
        "/people/",
        "/organizations/",
        "/incidents/feed/",
    ]


DATASETTE_VERSION = "0.65.5"


def datasette_db(env: dict[str, str], count: int) -> Path:
    """The published incidents as one denormalized table, built once per size."""
    db = OUT / f"datasette-{count}.db"
    if db.exists():
        return db
    code = f"""
import sqlite3
from incidents.exports import COLUMNS, export_rows
from incidents.models import Incident
from incidents.text import Redactor
from incidents.models import protected_names
db = sqlite3.connect({str(db)!r})
db.execute("CREATE TABLE incidents (id INTEGER PRIMARY KEY, date TEXT, kind TEXT, person TEXT, "
           "organization TEXT, city TEXT, summary TEXT, sources TEXT, url TEXT)")
rows = export_rows(Incident.objects.published().order_by("id"), "http://127.0.0.1/incidents/",
                   Redactor(protected_names()))
db.executemany("INSERT INTO incidents VALUES (?,?,?,?,?,?,?,?,?)",
               ([r[c] for c in COLUMNS] for r in rows))
for column in ("date", "kind", "city", "organization", "person"):
    db.execute(f"CREATE INDEX incidents_{{column}} ON incidents({{column}})")
db.execute("CREATE VIRTUAL TABLE incidents_fts USING fts5(summary, person, organization, city, "
           "content='incidents', content_rowid='id')")
db.execute("INSERT INTO incidents_fts(incidents_fts) VALUES ('rebuild')")
db.execute("ANALYZE")
db.commit()
"""
    manage(env, "shell", "-c", code)
    return db


def datasette_paths(ours: list[str], database: str, city: str, org: str) -> list[tuple[str, str]]:
    """(our path, Datasette's equivalent) for the list queries Datasette can answer."""
    base = (
        f"/{database}/incidents.json?_size=50&_sort_desc=date"
        "&_facet=kind&_facet=city&_facet=organization"
    )
    pairs = []
    for path in ours:
        if not path.startswith("/incidents/?") and path != "/incidents/":
            continue
        query = dict(p.split("=", 1) for p in path.partition("?")[2].split("&") if p)
        if "page" in query:
            continue  # Datasette pages by keyset only
        extra = []
        if "city" in query:
            extra.append(f"city={city}")
        if "organization" in query:
            extra.append(f"organization={org}")
        if "kind" in query:
            extra.append(f"kind={query['kind']}")
        if "date_after" in query:
            extra.append(f"date__gte={query['date_after']}")
        if "date_before" in query:
            extra.append(f"date__lte={query['date_before']}")
        if "q" in query:
            extra.append(f"_search={query['q']}")
        pairs.append((path, base + "".join(f"&{e}" for e in extra)))
    return pairs


def drive(port: int, path: str, seconds: float, concurrency: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            with lock:
                latencies.append(time.perf_counter() - t0)
                errors += 0 if ok else 1

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument(
        "--concurrency", type=int, default=2, help="Clients at once (default 2: one per worker)."
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--datasette", action="store_true", help="Also run Datasette and compare.")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **production_env(args.count, args.database_url, "127.0.0.1")}
    build(env, args.count)
    manage(env, "collectstatic", "--noinput", "-v0")
    # Cached counts from an earlier run would hide the cost of a first request.
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    paths = mix(env)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "tracker.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "300",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("HEAD", "/")
                break
            except OSError:
                time.sleep(0.2)
        backend = env["DATABASE_URL"].split(":")[0]
        print(
            f"{args.count:,} incidents, {backend}, gunicorn {args.workers} workers, "
            f"{args.concurrency} clients, {args.seconds:.0f} s per URL"
        )
        print(f"{'first':>8} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'errors':>6}  url")
        ours: dict[str, float] = {}
        for path in paths:
            ours[path] = measure(args.port, path, args.seconds, args.concurrency)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.datasette:
        compare(env, args, paths, ours)


def measure(port: int, path: str, seconds: float, concurrency: int) -> float:
    """Print the first request's latency (cold: nothing cached), then p50, p95
    and requests per second over `seconds` after a one-second warm-up."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    t0 = time.perf_counter()
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    conn.getresponse().read()
    first = time.perf_counter() - t0
    conn.close()
    drive(port, path, 1, 1)  # warm up
    latencies, errors = drive(port, path, seconds, concurrency)
    ms = sorted(x * 1000 for x in latencies)
    p50, p95 = statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(
        f"{first * 1000:8.1f} {p50:8.1f} {p95:8.1f} {len(ms) / seconds:7.1f} {errors:6d}  {path}",
        flush=True,
    )
    return p50


def compare(
    env: dict[str, str], args: argparse.Namespace, paths: list[str], ours: dict[str, float]
) -> None:
    venv = OUT / "datasette-venv"
    if not (venv / "bin" / "datasette").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", f"datasette=={DATASETTE_VERSION}"],
            check=True,
        )
    db = datasette_db(env, args.count)
    code = (
        "from incidents.models import *\n"
        "from django.db.models import Count\n"
        "p = Incident.objects.published()\n"
        "r = p.values('city__name').exclude(city=None).annotate(n=Count('id')).order_by('-n')[0]\n"
        "o = p.values('organization__name').exclude(organization=None)"
        ".annotate(n=Count('id')).order_by('-n')[0]\n"
        "print(r['city__name']); print(o['organization__name'])\n"
    )
    city, org = manage(env, "shell", "-c", code).strip().splitlines()[-2:]
    port = args.port + 1
    server = subprocess.Popen(
        [
            str(venv / "bin" / "datasette"),
            "serve",
            "-i",
            str(db),
            "--port",
            str(port),
            "--setting",
            "sql_time_limit_ms",
            "60000",
            "--setting",
            "facet_time_limit_ms",
            "60000",
            "--setting",
            "default_page_size",
            "50",
            "--setting",
            "num_sql_threads",
            "4",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("HEAD", "/")
                break
            except OSError:
                time.sleep(0.2)
        print(f"\nDatasette {DATASETTE_VERSION}, same incidents (immutable, limits 60 s)")
        print(f"{'first':>8} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'errors':>6}  url")
        for path, theirs in datasette_paths(paths, db.stem, quote(city), quote(org)):
            p50 = measure(port, theirs, args.seconds, args.concurrency)
            print(f"{'':>33}Datasette / ours: {p50 / ours[path]:.1f}x  ({path})", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
