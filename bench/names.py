"""How fast and how right the names engine is among many people.

    .venv/bin/python bench/names.py [--people 200000] [--database-url URL]

Makes a database of PEOPLE synthetic people (the generator's names: common
given names, a Zipf law of surnames, Belarusian, Russian and Ukrainian
spellings; bench/out/names-<n>.sqlite3, or the PostgreSQL database of
--database-url, which it empties), plus the people of the engine's spelling
table (tests/test_names_engine.py), with their keys. Then it asks
`incidents.names.records.match` — what `manage.py match_name`, the list
searches, the autocomplete and the duplicate warning call — for every
spelling of the table, and prints:

- the time per lookup, cold (the first time in the process: the engine's
  caches and the database's pages empty) and warm (asked again), p50, p95, max;
- how often the right person comes first for a same-person spelling (or ties
  for first with a synthetic namesake: the same name, so the same score), and
  how often another person of the table scores 0.8 or more (a false
  duplicate).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = (
        args.database_url or f"sqlite:///{ROOT / 'bench' / 'out' / f'names-{args.people}.sqlite3'}"
    )
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="localhost",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from incidents.management.commands import _synthetic as synthetic
    from incidents.models import Person, PersonKey
    from incidents.names import name_key
    from incidents.names.records import match
    from tests.test_names_engine import RECORDS, SPELLINGS

    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    have = Person.objects.count()
    if have != args.people + len(RECORDS):
        print(f"making {args.people:,} people …", file=sys.stderr)
        started = time.perf_counter()
        Person.objects.all().delete()
        rng = random.Random(7)
        rows, seen = [], set()
        for i in range(args.people):
            name = synthetic.stored_name(synthetic.draw_person(rng, False, 0))
            rows.append(
                Person(name=name, slug=f"p{i:x}", name_key=name_key(name), public_id=f"{i:016x}")
            )
            seen.add(name)
        for key, (name,) in RECORDS.items():
            rows.append(Person(name=name, slug=key, name_key=name_key(name), public_id=key[:16]))
        Person.objects.bulk_create(rows, batch_size=5000)
        made = PersonKey.rebuild(Person.objects.all())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"made {len(rows):,} people ({len(seen):,} distinct names), {made:,} keys "
            f"in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )

    target = dict(Person.objects.filter(slug__in=list(RECORDS)).values_list("slug", "pk"))
    same = [(r, s) for r, s, label in SPELLINGS if label == "match"]
    other = [(r, s) for r, s, label in SPELLINGS if label == "no"]
    cold, warm, first, tied, false = [], [], 0, 0, 0
    misses: list[str] = []
    for record, spelling in same + other:
        t = time.perf_counter()
        found = match(spelling, "person", limit=10)
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        match(spelling, "person", limit=10)
        warm.append(time.perf_counter() - t)
        if (record, spelling) in same:
            top = [m.record.pk for m in found if found and m.score == found[0].score]
            first += top[:1] == [target[record]]
            # A namesake among the synthetic people scores the same: a tie, not a miss.
            tied += target[record] in top[1:]
            if target[record] not in top:
                best = found[0] if found else None
                misses.append(f"{spelling} -> {best.record.name if best else None}")
        else:
            false += any(m.record.pk == target[record] and m.score >= 0.8 for m in found)

    def ms(values: list[float]) -> str:
        values = sorted(values)
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        return (
            f"p50 {statistics.median(values) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  "
            f"max {values[-1] * 1000:6.1f} ms"
        )

    print(f"{connection.vendor}, {Person.objects.count():,} people, {len(cold)} lookups")
    print(f"  match(), cold: {ms(cold)}")
    print(f"  match(), warm: {ms(warm)}")
    print(
        f"  same person first: {first}/{len(same)}; tied first with a namesake: {tied}; "
        f"so among the best: {(first + tied) / len(same):.3f}"
    )
    for miss in misses:
        print(f"    not among the best: {miss}")
    print(f"  another person taken for the record (score >= 0.8): {false}/{len(other)}")


if __name__ == "__main__":
    main()
