"""Measure the CSV and JSON exports: rows per second and memory as rows grow.

    .venv/bin/python bench/export.py --count 1000000            # bench/out/bench-1000000.sqlite3
    .venv/bin/python bench/export.py --count 100000 --database-url postgres://…/bench

Uses the data set bench/run.py builds (run it first for that size). Each export
runs in a fresh process, streams /incidents/export.csv (or .json) through
Django's request handling and counts the rows; it prints rows per second, the
process's resident memory before the first row and its peak while streaming,
sampled every 10,000 rows. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from common import PY, ROOT, production_env  # bench/ is the script's directory

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE / 2**20


def child(path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.test import Client

    response = Client().get(path)
    assert response.status_code == 200, response.status_code
    rows, before, peak = 0, rss_mb(), 0.0
    started = time.perf_counter()
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n")
        if rows % 10_000 < chunk.count(b"\n") + 1:
            peak = max(peak, rss_mb())
    seconds = time.perf_counter() - started
    peak = max(peak, rss_mb())
    # CSV: a header line; JSON: "[" and "]" lines around one line per row.
    rows -= 1 if path.endswith(".csv") else 2
    print(
        f"{rows:>9,} rows {seconds:7.1f} s {rows / seconds:9,.0f} rows/s  "
        f"RSS {before:6.1f} MB before, {peak:6.1f} MB peak  {path}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    env = {**os.environ, **production_env(args.count, args.database_url, "testserver")}
    backend = env["DATABASE_URL"].split(":")[0]
    print(f"exports of the {args.count:,}-incident data set, {backend}")
    for path in (
        "/incidents/export.csv?kind=disappearance",
        "/incidents/export.csv?kind=detention",
        "/incidents/export.csv",
        "/incidents/export.json",
    ):
        subprocess.run([PY, __file__, "--child", path], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
