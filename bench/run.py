"""Benchmark the public pages: build a data set, serve it with gunicorn, drive a
fixed mix of public URLs on loopback and print p50, p95 and requests per second.

    .venv/bin/python bench/run.py --count 100000            # SQLite, bench/out/bench-100000.sqlite3
    .venv/bin/python bench/run.py --count 100000 --database-url postgres://…/bench

The data set is built once per size (generate_incidents) and reused. Each URL is
requested by --concurrency clients for --seconds; latencies are measured by this
script (the load tool), per request, wall-clock. Not part of `make test`.
Comparison with Datasette is not done yet (issue 6).
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

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")


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
        "p = Person.objects.public().filter(identity_protected=False).order_by('id').first().slug\n"
        "i = Incident.objects.published().order_by('-id').first().pk\n"
        "print(c, o, p, i)\n"
    )
    city, org, person, incident = manage(env, "shell", "-c", code).split()[-4:]
    return [
        "/",
        "/incidents/",
        f"/incidents/?city={city}",
        f"/incidents/?city={city}&kind=search&date_after=2020-01-01&date_before=2020-12-31",
        f"/incidents/?organization={org}&kind=detention",
        "/incidents/?q=Synthetic+detention",
        "/incidents/?page=200",
        f"/incidents/{incident}/",
        f"/people/{person}/",
        f"/organizations/{org}/",
        f"/cities/{city}/",
        "/people/",
        "/organizations/",
        "/incidents/feed/",
    ]


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
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url or f"sqlite:///{OUT / f'bench-{args.count}.sqlite3'}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_HSTS_SECONDS": "0",
    }
    build(env, args.count)
    manage(env, "collectstatic", "--noinput", "-v0")
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
        print(f"{'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'errors':>6}  url")
        for path in paths:
            drive(args.port, path, 1, 1)  # warm up
            latencies, errors = drive(args.port, path, args.seconds, args.concurrency)
            ms = sorted(x * 1000 for x in latencies)
            p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
            print(
                f"{statistics.median(ms):8.1f} {p95:8.1f} {len(ms) / args.seconds:7.1f} "
                f"{errors:6d}  {path}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
