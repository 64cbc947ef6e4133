"""How long intake takes to propose the incidents of a 10,000-word report.

Run from the project root: `.venv/bin/python bench/intake.py [--words N]
[--people N]`. It builds a throwaway SQLite database (migrations, the seed
statement's records, and `generate_incidents` for a realistic people table),
writes a report of N words in the style of the seed statement (its text, then
paragraphs naming the generated people: searched, detained, not reachable, in
their cities, on dates of their own, with the counts and asides real reports
have), and times `intake.service.propose_report` on it: the language, the
sentences, the kinds, the names engine's lookups, the proposals. Target: < 5 s.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
TEMPLATES = [
    "On {day} {month}, security forces searched the home of {name} in {city}.",
    "{name}, a volunteer of the local human rights group, was detained in {city} on {day} {month}.",
    "It is currently known that {name} and {other} have been detained.",
    "{name} has not got in touch since {day} {month}; relatives fear the worst.",
    "In {city}, police raided the flat of journalist {name} and took her laptop.",
    "According to colleagues, {name} was taken away by men in plain clothes.",
]
FILLER = [
    "Almost 40,000 people have been detained since August 2020, according to human rights "
    "defenders.",
    "The organizations call on the authorities to stop the persecution of civil society.",
    "Lawyers were not allowed to see their clients, and the charges remain unknown.",
    "We demand the immediate release of everyone detained for their civic activity.",
]


def build_report(words: int, people: list[str], cities: list[str], seed: int = 1) -> str:
    rng = random.Random(seed)
    parts = [(ROOT / "fixtures" / "sources" / "joint-statement-2021-07-14.txt").read_text()]
    count = len(parts[0].split())
    while count < words:
        paragraph = []
        for _ in range(rng.randint(2, 5)):
            template = rng.choice(TEMPLATES)
            sentence = template.format(
                name=rng.choice(people),
                other=rng.choice(people),
                city=rng.choice(cities),
                day=rng.randint(1, 28),
                month=rng.choice(MONTHS),
            )
            paragraph.append(sentence)
        if rng.random() < 0.4:
            paragraph.append(rng.choice(FILLER))
        text = " ".join(paragraph)
        parts.append(text)
        count += len(text.split())
    return "\n\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=3000, help="incidents generated first")
    args = parser.parse_args()

    db = Path(tempfile.mkdtemp()) / "intake-bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from incidents.models import City, Person
    from intake.sentences import split
    from intake.service import propose_report

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "statement", verbosity=0)
    call_command("generate_incidents", count=args.people, seed=7, verbosity=0)
    setup = time.perf_counter() - started
    people = list(Person.objects.values_list("name", flat=True))
    cities = list(City.objects.values_list("name", flat=True))
    text = build_report(args.words, people, cities)
    import datetime as dt

    timings = []
    found = None
    for _ in range(3):
        t0 = time.perf_counter()
        found = propose_report(text, dt.date(2021, 9, 1))
        timings.append(time.perf_counter() - t0)
    assert found is not None
    print(
        f"database: {Person.objects.count()} people, {City.objects.count()} cities "
        f"(set up in {setup:.1f} s)"
    )
    print(
        f"report: {len(text.split())} words, {len(split(text))} sentences, language "
        f"{found.language}"
    )
    print(
        f"proposals: {len(found.proposals)}, "
        f"{sum(1 for p in found.proposals if p.person and p.person.match)} people matched"
    )
    print(f"propose_report: first {timings[0]:.2f} s, then {min(timings[1:]):.2f} s (target < 5 s)")


if __name__ == "__main__":
    main()
