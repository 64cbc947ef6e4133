"""Benchmark the public pages: build a data set, serve it with gunicorn, drive a
fixed mix of public URLs on loopback and print p50, p95 and requests per second,
cold and warm.

    .venv/bin/python bench/run.py --count 100000            # SQLite, bench/out/bench-100000.sqlite3
    .venv/bin/python bench/run.py --count 100000 --database-url postgres://…/bench

The data set is built once per size (generate_incidents) and reused. Latencies
are measured by this script (the load tool), per request, wall-clock. For each
URL:

- cold: --cold requests one at a time, each preceded (untimed) by emptying the
  cache table tracker_cache (as right after a publish: cached counts, search
  ids, protected names and the counts version that per-process objects are
  keyed by are gone) and a 0.1 s pause;
- warm: after a one-second warm-up, --concurrency clients for --seconds.

The search words come from the data: the surname (last word of a person's name
that is letters only) with the most incidents, the one with the number of
incidents nearest to 5, and the commonest word of four letters or more of the
summaries that no name holds (among those in at most half of them).

With --datasette it then serves the same published incidents with Datasette
0.65.5 (see bench/vs_datasette.py for its table, indexes, FTS and settings) and
drives the equivalent queries (same filters, same page size, same facets,
Datasette's JSON page against our HTML page). First the row counts: our list's
total against Datasette's filtered_table_rows_count, for every pair; the run
fails (exit 1) if they differ, or if Datasette did not apply a `_search`. (A
search whose counts differ is left out of the ratios, with a note.) Then
Datasette cold (each request after the same 0.1 s pause: it has no application
cache to empty) and warm, measured as ours; then Datasette's p50 divided by ours,
warm and cold. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from common import (  # bench/ is the script's directory
    HOST,
    OUT,
    PY,
    ROOT,
    CacheEmptier,
    get,
    gunicorn,
    manage,
    our_dates,
    our_total,
    production_env,
)
from vs_datasette import organization_name_field

PAUSE = 0.1  # seconds before each cold request
RARE = 5  # the rare surname: the one whose incidents are nearest this number
SAMPLE = 200_000  # summaries read for their commonest word


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


def pick() -> None:
    """Print the mix's values as JSON (runs inside `manage.py shell`)."""
    import re
    from collections import Counter

    from django.db.models import Count
    from django.db.models.functions import Coalesce

    from incidents.models import (
        City,
        CityAlias,
        Incident,
        Organization,
        OrganizationAlias,
        Person,
        PersonAlias,
    )
    from incidents.names import NAME_WITHHELD
    from incidents.search import SearchTerms, index_form

    def words(text: str) -> list[str]:
        return [w for w in re.findall(r"\w+", index_form(text)) if w.isalpha()]

    published = Incident.objects.published()
    top_city = (
        published.exclude(city=None).values("city").annotate(n=Count("id")).order_by("-n", "city")
    )[0]
    city = City.objects.get(pk=top_city["city"])
    # The largest organization with its branches (our filter and page count them).
    top_org = (
        published.exclude(organization=None)
        .annotate(root=Coalesce("organization__parent", "organization"))
        .values("root")
        .annotate(n=Count("id"))
        .order_by("-n", "root")
    )[0]
    org = Organization.objects.get(pk=top_org["root"])
    person = Person.objects.public().filter(identity_protected=False).order_by("id").first()
    assert person is not None  # the data set has public, unprotected people
    withheld = set(words(str(NAME_WITHHELD)))
    surnames: Counter[str] = Counter()
    for name, n in (
        published.filter(person__identity_protected=False)
        .values_list("person__name")
        .annotate(n=Count("id"))
        .order_by()
    ):
        last = [w for w in name.split() if w.isalpha()]
        if last and not set(words(last[-1])) & withheld:
            surnames[last[-1]] += n
    common = max(surnames.items(), key=lambda s: (s[1], s[0]))
    rare = min(surnames.items(), key=lambda s: (abs(s[1] - RARE), s[1], s[0]))
    names = set(withheld)
    for model in (Person, Organization, City, PersonAlias, OrganizationAlias, CityAlias):
        for name in model.objects.values_list("name", flat=True).iterator(chunk_size=5000):
            names.update(words(name))
    seen: Counter[str] = Counter()
    read = 0
    for summary in (
        published.order_by("id")
        .values_list("summary", flat=True)[:SAMPLE]
        .iterator(chunk_size=5000)
    ):
        read += 1
        seen.update({w for w in words(summary) if len(w) >= 4 and w not in names})
    frequent = [s for s in seen.items() if s[1] <= read / 2] or list(seen.items())
    word = max(frequent, key=lambda s: (s[1], s[0]))
    latest = published.order_by("-id").first()
    assert latest is not None
    print(
        json.dumps(
            {
                "city": [city.slug, city.name],
                "organization": [
                    getattr(org, "public_slug", org.slug),
                    getattr(org, organization_name_field()),
                ],
                "person": person.slug,
                "incident": latest.pk,
                "common": common,
                "rare": rare,
                "word": [word[0], word[1], read],
                # What our search asks its FTS5 index for each, which
                # Datasette is asked in its raw mode (bench/vs_datasette.py).
                "fts": {
                    w: SearchTerms.parse(w).fts5_query() for w in (common[0], rare[0], word[0])
                },
            }
        )
    )


@dataclass
class Target:
    path: str  # ours
    label: str  # the query as the README names it
    datasette: list[tuple[str, str]] | None = None  # Datasette's filters, if it has the query
    search: bool = False
    ours: dict = field(default_factory=dict)
    theirs: dict = field(default_factory=dict)


def mix(env: dict[str, str]) -> tuple[list[Target], list[str]]:
    """The URLs, and lines that say what their placeholders stand for."""
    bench = str(Path(__file__).resolve().parent)
    code = f"import sys; sys.path.insert(0, {bench!r}); import run; run.pick()"
    v = json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])
    (city, city_name), (org, org_name) = v["city"], v["organization"]
    common, rare, word = v["common"][0], v["rare"][0], v["word"][0]
    c = [("city", city_name)]
    year = [("date__gte", "2020-01-01"), ("date__lte", "2020-12-31")]

    def q(w: str) -> list[tuple[str, str]]:
        return [("_search", v["fts"][w]), ("_searchmode", "raw")]

    targets = [
        Target("/", "/"),
        Target("/incidents/", "/incidents/", []),
        Target(f"/incidents/?city={city}", "/incidents/?city=<largest city>", c),
        Target(
            f"/incidents/?city={city}&kind=search&date_after=2020-01-01&date_before=2020-12-31",
            "/incidents/?city=<largest city>&kind=search&date_after=2020-01-01&date_before=2020-12-31",
            [*c, ("kind", "search"), *year],
        ),
        Target(
            f"/incidents/?organization={org}&kind=detention",
            "/incidents/?organization=<largest organization>&kind=detention",
            [("organization_group", org_name), ("kind", "detention")],
        ),
        Target(
            f"/incidents/?{urlencode({'q': common})}",
            "/incidents/?q=<common surname>",
            q(common),
            True,
        ),
        Target(
            f"/incidents/?{urlencode({'q': rare})}", "/incidents/?q=<rare surname>", q(rare), True
        ),
        Target(
            f"/incidents/?{urlencode({'q': word})}", "/incidents/?q=<summary word>", q(word), True
        ),
        Target("/incidents/?page=200", "/incidents/?page=200"),  # Datasette pages by keyset only
        Target(f"/incidents/{v['incident']}/", "/incidents/<id>/"),
        Target(f"/people/{v['person']}/", "/people/<person>/"),
        Target(f"/organizations/{org}/", "/organizations/<largest organization>/"),
        Target(f"/cities/{city}/", "/cities/<largest city>/"),
        Target("/people/", "/people/"),
        Target("/organizations/", "/organizations/"),
        Target("/incidents/feed/", "/incidents/feed/"),
    ]
    legend = [
        f"<largest city> = {city_name} ({city}), by published incidents",
        f"<largest organization> = {org_name} ({org}), by published incidents, branches included",
        f"<common surname> = {common}: of the most incidents' people ({v['common'][1]:,} incidents)",
        f"<rare surname> = {rare}: of the people of the number of incidents nearest {RARE} "
        f"({v['rare'][1]:,})",
        f"<summary word> = {word}: in {v['word'][1]:,} of {v['word'][2]:,} summaries read, "
        "in no name, the commonest of those in at most half",
        f"<id> = {v['incident']} (the newest), <person> = {v['person']} (the first listed)",
    ]
    return targets, legend


def drive(port: int, path: str, seconds: float, concurrency: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(HOST, port, timeout=300)
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": HOST})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=300)
            with lock:
                latencies.append(time.perf_counter() - t0)
                errors += 0 if ok else 1

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors


def percentiles(latencies: list[float]) -> tuple[float, float]:
    ms = sorted(x * 1000 for x in latencies)
    return statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.95))]


def measure(
    port: int, path: str, args: argparse.Namespace, before: Callable[[], None] | None
) -> dict:
    """Cold: args.cold requests one at a time, each after `before()` (untimed)
    and a pause. Warm: a one-second warm-up, then args.concurrency clients for
    args.seconds."""
    cold, errors = [], 0
    for _ in range(args.cold):
        if before:
            before()
        time.sleep(PAUSE)
        t0 = time.perf_counter()
        status, _body = get(port, path)
        cold.append(time.perf_counter() - t0)
        errors += status != 200
    drive(port, path, 1, 1)  # warm up
    warm, warm_errors = drive(port, path, args.seconds, args.concurrency)
    (cold50, cold95), (warm50, warm95) = percentiles(cold), percentiles(warm)
    return {
        "cold50": cold50,
        "cold95": cold95,
        "warm50": warm50,
        "warm95": warm95,
        "rps": len(warm) / args.seconds,
        "errors": errors + warm_errors,
    }


HEADER = (
    f"{'side':<9} {'cold p50':>8} {'cold p95':>8} {'warm p50':>8} {'warm p95':>8} "
    f"{'warm r/s':>8} {'errors':>6} {'rows':>9}  query"
)


def line(side: str, m: dict, rows: int | None, label: str, url: str) -> str:
    shown = f"{rows:9,}" if rows is not None else f"{'':9}"
    return (
        f"{side:<9} {m['cold50']:8.1f} {m['cold95']:8.1f} {m['warm50']:8.1f} {m['warm95']:8.1f} "
        f"{m['rps']:8.1f} {m['errors']:6d} {shown}  {label}" + (f"\n{'':>70}{url}" if url else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--seconds", type=float, default=10, help="Warm: seconds per URL.")
    parser.add_argument("--cold", type=int, default=20, help="Cold: requests per URL.")
    parser.add_argument(
        "--concurrency", type=int, default=2, help="Clients at once (default 2: one per worker)."
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--datasette", action="store_true", help="Also run Datasette and compare.")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **production_env(args.count, args.database_url, HOST)}
    build(env, args.count)
    manage(env, "collectstatic", "--noinput", "-v0")
    targets, legend = mix(env)
    backend = env["DATABASE_URL"].split(":")[0]
    print(f"{args.count:,} incidents, {backend}")
    for text in legend:
        print(f"  {text}")
    print(
        f"\nOurs: Django, gunicorn {args.workers} workers, HTML pages. Milliseconds.\n"
        f"  cold: {args.cold} requests one at a time, each after tracker_cache was emptied "
        f"and a {PAUSE} s pause\n"
        f"  warm: after a 1 s warm-up, {args.concurrency} clients for {args.seconds:g} s\n"
        "  rows: the incidents the list says match (p.total)"
    )
    print(HEADER)
    emptier = CacheEmptier(env["DATABASE_URL"])
    try:
        with gunicorn(env, args.port, args.workers):
            for t in targets:
                t.ours = measure(args.port, t.path, args, emptier)
                status, body = get(args.port, t.path)
                if t.path.startswith("/incidents/?") or t.path == "/incidents/":
                    t.ours["rows"], t.ours["dates"] = our_total(body), our_dates(body)
                t.ours["errors"] += status != 200
                url = t.path if t.path != t.label else ""
                print(line("ours", t.ours, t.ours.get("rows"), t.label, url), flush=True)
    finally:
        emptier.close()
    if args.datasette:
        return compare(env, args, targets)
    return 0


def compare(env: dict[str, str], args: argparse.Namespace, targets: list[Target]) -> int:
    from vs_datasette import VERSION, answer, build, list_path, serve

    db, inspect = build(env, args.count)
    port = args.port + 1
    pairs = [t for t in targets if t.datasette is not None]
    failed = False
    with serve(db, inspect, port):
        print(
            "\nSame answers? Rows: ours (the list's p.total) and Datasette's "
            "(filtered_table_rows_count);\n  check: also the dates of the first page's rows, "
            "in order"
        )
        print(f"{'ours':>9} {'Datasette':>9}  {'check':<26} query")
        for t in pairs:
            assert t.datasette is not None  # pairs: the targets Datasette has
            t.theirs["url"] = list_path(db, t.datasette)
            status, body = get(port, t.theirs["url"])
            if status != 200:
                print(f"Datasette answered {status} to {t.theirs['url']}: {body[:300]!r}")
                return 1
            rows, dates, sql = answer(body)
            t.theirs["rows"] = rows
            same = rows == t.ours["rows"] and dates == t.ours["dates"]
            check = "same" if same else "DIFFERENT"
            if t.search and " match " not in sql:
                check, failed = "_search NOT APPLIED", True
            elif t.search and check == "same":
                check = "same, _search applied"
            elif t.search:
                check = "DIFFERENT: left out"
                t.theirs["excluded"] = True
            elif check != "same":
                failed = True
            print(f"{t.ours['rows']:9,} {rows:9,}  {check:<26} {t.label}")
            if dates != t.ours["dates"]:
                print(
                    f"{'':>21}first page's dates differ: ours {t.ours['dates'][:5]}…, "
                    f"Datasette {dates[:5]}…"
                )
        if failed:
            print("FAIL: the two sides do not answer the same question; nothing compared.")
            return 1
        if any(t.theirs.get("excluded") for t in pairs):
            print(
                "Note: a search whose counts differ is timed but left out of the ratios "
                "(different answers)."
            )
        print(
            f"\nDatasette {VERSION}: {db.name}, immutable (-i) with --inspect-file, JSON pages. "
            "Milliseconds.\n"
            f"  cold: {args.cold} requests one at a time, each after a {PAUSE} s pause "
            "(no application cache to empty)\n"
            f"  warm: after a 1 s warm-up, {args.concurrency} clients for {args.seconds:g} s\n"
            "  rows: filtered_table_rows_count"
        )
        print(HEADER)
        for t in pairs:
            t.theirs.update(measure(port, t.theirs["url"], args, None))
            print(line("Datasette", t.theirs, t.theirs["rows"], t.label, t.theirs["url"]))
    print(
        "\nDatasette ÷ ours, p50 of the same query with the same rows (above 1: Datasette slower)"
    )
    print(
        f"{'rows':>9} {'ours warm':>9} {'D. warm':>8} {'÷ warm':>7} "
        f"{'ours cold':>9} {'D. cold':>8} {'÷ cold':>7}  query"
    )
    for t in pairs:
        o, d = t.ours, t.theirs
        if d.get("excluded"):
            print(
                f"{'':>9} left out: rows differ (ours {o['rows']:,}, Datasette {d['rows']:,})  {t.label}"
            )
            continue
        print(
            f"{o['rows']:9,} {o['warm50']:9.1f} {d['warm50']:8.1f} {d['warm50'] / o['warm50']:6.1f}x "
            f"{o['cold50']:9.1f} {d['cold50']:8.1f} {d['cold50'] / o['cold50']:6.1f}x  {t.label}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
