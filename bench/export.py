"""Measure the CSV and JSON exports: rows per second and memory as rows grow.

    .venv/bin/python bench/export.py --count 1000000            # bench/out/bench-1000000.sqlite3
    .venv/bin/python bench/export.py --count 100000 --database-url postgres://…/bench

Uses the data set bench/run.py builds (run it first for that size). Each export
runs in a fresh process, streams /incidents/export.csv (or .json) through
Django's request handling and counts the rows; it prints rows per second, the
process's resident memory before the first row and its peak while streaming,
sampled every 10,000 rows. Not part of `make test`.

With --datasette it then compares full-CSV streaming over HTTP on loopback, one
client, one request at a time, one server process a side, each warmed up by a
small CSV first: ours, /incidents/export.csv served by gunicorn (as
bench/run.py serves it, with one worker), against Datasette's
/DB/incidents.csv?_stream=on&_size=max (bench/vs_datasette.py: the same
published incidents and our columns). Ours is in its order (-date, -id),
Datasette's in its own (id): sorted by date, 0.65.5 streams fewer rows (the
first page breaks no ties), so that stream is timed once and shown, not
compared. Each side is timed from the request to the last byte, --repeat times
(the median is kept); the body goes to a file and its CSV records are counted
afterwards, untimed. The run fails (exit 1) if the two row counts differ.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import os
import statistics
import subprocess
import sys
import time

from common import HOST, OUT, PY, ROOT, gunicorn, production_env  # bench/ is the script's directory

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE / 2**20


def child(path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.http import StreamingHttpResponse
    from django.test import Client

    response = Client().get(path)
    assert response.status_code == 200, response.status_code
    assert isinstance(response, StreamingHttpResponse), type(response)  # the exports stream
    rows, before, peak = 0, rss_mb(), 0.0
    started = time.perf_counter()
    for chunk in response:
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


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument(
        "--datasette", action="store_true", help="Also compare CSV streaming with Datasette."
    )
    parser.add_argument("--repeat", type=int, default=3, help="With --datasette: runs per side.")
    parser.add_argument("--port", type=int, default=8775)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
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
    if args.datasette:
        return versus_datasette(args)
    return 0


def stream(port: int, path: str) -> tuple[float, int, list[str]]:
    """GET the CSV at `path`: seconds from the request to the last byte, then
    (untimed) its number of records after the header, and the header."""
    body = OUT / "export-stream.csv"
    conn = http.client.HTTPConnection(HOST, port, timeout=600)
    with open(body, "wb") as f:
        started = time.perf_counter()
        conn.request("GET", path, headers={"Host": HOST})
        response = conn.getresponse()
        while chunk := response.read(1 << 16):
            f.write(chunk)
        seconds = time.perf_counter() - started
    conn.close()
    assert response.status == 200, (response.status, path)
    with open(body, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = sum(1 for _ in reader)
    body.unlink()
    return seconds, rows, header


def versus_datasette(args: argparse.Namespace) -> int:
    from vs_datasette import VERSION, build, csv_path, serve

    env = {**os.environ, **production_env(args.count, args.database_url, HOST)}
    db, inspect = build(env, args.count)
    ours_path, theirs_path = "/incidents/export.csv", csv_path(db)
    # One process a side (one request at a time), each warmed up by a small CSV.
    with gunicorn(env, args.port, 1):
        stream(args.port, "/incidents/export.csv?kind=disappearance")
        ours = [stream(args.port, ours_path) for _ in range(args.repeat)]
    with serve(db, inspect, args.port + 1):
        stream(args.port + 1, f"/{db.stem}/incidents.csv?kind=disappearance")
        theirs = [stream(args.port + 1, theirs_path) for _ in range(args.repeat)]
        by_date = stream(args.port + 1, csv_path(db, by_date=True))
    backend = env["DATABASE_URL"].split(":")[0]
    print(
        f"\nFull CSV over HTTP, ours (gunicorn, 1 worker) against Datasette {VERSION} "
        f"(loopback, one client), {args.count:,}-incident data set, {backend}:"
        f"\n  median of {args.repeat} runs per side, from the request to the last byte; rows"
        " counted in the CSV received"
    )
    print(f"{'side':<10} {'rows':>9} {'seconds':>8} {'rows/s':>9}  url")
    medians = {}
    for side, runs, path in (("ours", ours, ours_path), ("Datasette", theirs, theirs_path)):
        seconds = statistics.median(r[0] for r in runs)
        rows = sorted({r[1] for r in runs})
        medians[side] = seconds, rows
        shown = ",".join(f"{n:,}" for n in rows)
        print(f"{side:<10} {shown:>9} {seconds:8.2f} {rows[-1] / seconds:9,.0f}  {path}")
    (s_ours, r_ours), (s_theirs, r_theirs) = medians["ours"], medians["Datasette"]
    seconds, dated_rows, _header = by_date
    lost = f"; {r_ours[-1] - dated_rows:,} rows lost: its first page breaks no date ties" * (
        dated_rows < r_ours[-1]
    )
    print(
        f"{'D. by date':<10} {dated_rows:9,} {seconds:8.2f} {dated_rows / seconds:9,.0f}  {csv_path(db, True)}"
        f"\n  (Datasette in our order, one run, not compared{lost})"
    )
    if len(set(r_ours) | set(r_theirs)) != 1:
        print(f"FAIL: the row counts differ: ours {r_ours}, Datasette {r_theirs}")
        return 1
    headers = {tuple(r[2]) for r in ours + theirs}
    print(
        f"rows: the same on both sides ({r_ours[0]:,}); columns: "
        + ("the same" if len(headers) == 1 else f"DIFFERENT {sorted(headers)}")
    )
    print(
        f"Datasette ÷ ours, seconds: {s_theirs / s_ours:.2f}x "
        "(= ours ÷ Datasette, rows/s; above 1: Datasette slower)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
