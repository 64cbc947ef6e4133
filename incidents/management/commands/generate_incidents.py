"""Synthetic published incidents for benchmarks and load tests.

    python manage.py generate_incidents --count 100000 [--seed 1]

Shaped like the factories, inserted in bulk: a long tail of people and
organizations (a few appear often, most once or twice), local branches, a few
large cities and many small ones, several citations per source, dates spread
over years, all three kinds. Every generated name starts with "Synthetic" or is
made of invented parts, and the command refuses a database in which staff have
entered incidents: never run it against real data.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import sys
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from unidecode import unidecode

from incidents.models import (
    Citation,
    City,
    Incident,
    IncidentTally,
    Organization,
    Person,
    Source,
    name_key,
    new_public_id,
    search_text,
)

BATCH = 5000
FIRST = [
    "Ales",
    "Alena",
    "Andrei",
    "Darya",
    "Dzmitry",
    "Hanna",
    "Ihar",
    "Iryna",
    "Kiryl",
    "Katsiaryna",
    "Maksim",
    "Maryia",
    "Mikalai",
    "Nasta",
    "Pavel",
    "Palina",
    "Raman",
    "Sviatlana",
    "Siarhei",
    "Tatsiana",
    "Uladzimir",
    "Valiantsina",
    "Viktar",
    "Yulia",
    "Аляксандр",
    "Вольга",
    "Зміцер",
    "Наталля",
]
LAST = [
    "Akulich",
    "Bialou",
    "Charnysh",
    "Dubrouski",
    "Halubovich",
    "Hrynevich",
    "Kavaliou",
    "Kazlou",
    "Lukashevich",
    "Marozau",
    "Navumchyk",
    "Pashkevich",
    "Ramanchuk",
    "Sakalou",
    "Shautsou",
    "Tsikhanau",
    "Vasilevich",
    "Yarashevich",
    "Zhuk",
    "Зайцаў",
    "Лапцік",
]
ORG_WORDS = [
    "Human Rights",
    "Legal Aid",
    "Free Press",
    "Civic",
    "Solidarity",
    "Memory",
    "Transparency",
    "Youth",
    "Labour",
    "Documentation",
    "Justice",
    "Dignity",
]
ORG_FORMS = ["Centre", "Association", "Network", "Initiative", "Union", "Foundation", "Group"]
KIND_WEIGHTS = {
    Incident.Kind.SEARCH: 45,
    Incident.Kind.DETENTION: 45,
    Incident.Kind.DISAPPEARANCE: 10,
}


class Command(BaseCommand):
    help = "Create N synthetic published incidents (benchmarks and load tests only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="How many incidents.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")

    def handle(self, *args: Any, count: int, seed: int, **options: Any) -> None:
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if Incident.objects.filter(created_by__isnull=False).exists():
            raise CommandError(
                "This database holds incidents entered by staff. generate_incidents only "
                "runs on a database for tests and benchmarks."
            )
        rng = random.Random(seed)
        tag = secrets.token_hex(3)  # keeps slugs unique across runs
        started = timezone.now()
        with transaction.atomic():
            cities = self.make_cities(rng, count, tag)
            organizations = self.make_organizations(rng, count, tag, cities)
            people = self.make_people(rng, count, tag)
            sources = self.make_sources(rng, count, tag)
            made = self.make_incidents(rng, count, cities, organizations, people, sources)
            # bulk_create sends no signals: the counts are rebuilt in bulk.
            IncidentTally.objects.rebuild()
        # Fresh statistics, so that the planner picks the facet indexes; on
        # PostgreSQL also the visibility map, so that index-only scans stay so.
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            f"Created {made} incidents, {len(people)} people, {len(organizations)} "
            f"organizations, {len(cities)} cities, {len(sources)} sources in {seconds:.0f} s."
        )

    # -- entities ----------------------------------------------------------------

    def make_cities(self, rng: random.Random, count: int, tag: str) -> list[int]:
        n = max(5, min(2000, count // 500))
        rows = [
            City(
                name=f"Synthetic City {i}",
                slug=f"synthetic-city-{tag}-{i}",
                name_key=name_key(f"Synthetic City {i}"),
                country="BY",
                region=f"Region {i % 6}",
                latitude=round(rng.uniform(51.3, 56.1), 5),
                longitude=round(rng.uniform(23.2, 32.7), 5),
            )
            for i in range(n)
        ]
        return [c.pk for c in City.objects.bulk_create(rows, batch_size=BATCH)]

    def make_organizations(
        self, rng: random.Random, count: int, tag: str, cities: list[int]
    ) -> list[int]:
        n = max(5, count // 100)
        parents = Organization.objects.bulk_create(
            (
                Organization(
                    name=(name := f"Synthetic {rng.choice(ORG_WORDS)} {rng.choice(ORG_FORMS)} {i}"),
                    public_name=name,
                    slug=f"synthetic-org-{tag}-{i}",
                    name_key=name_key(name),
                    kind=rng.choice(Organization.Kind.values),
                )
                for i in range(n)
            ),
            batch_size=BATCH,
        )
        # One organization in five has local branches.
        branches = []
        for parent in parents[: n // 5]:
            for b in range(rng.randint(1, 4)):
                city = rng.choice(cities)
                name = f"{parent.name}, branch {b + 1}"
                branches.append(
                    Organization(
                        name=name,
                        public_name=name,
                        slug=f"{parent.slug}-branch-{b + 1}",
                        name_key=name_key(name),
                        kind=parent.kind,
                        parent=parent,
                        city_id=city,
                    )
                )
        branches = Organization.objects.bulk_create(branches, batch_size=BATCH)
        return [o.pk for o in parents + branches]

    def make_people(self, rng: random.Random, count: int, tag: str) -> list[int]:
        n = max(5, count // 3)
        rows = []
        for i in range(n):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
            rows.append(
                Person(
                    name=name,
                    slug=f"{slugify(unidecode(name))}-{tag}",
                    name_key=name_key(name),
                    public_id=new_public_id(),
                    identity_protected=rng.random() < 0.02,
                    description="Synthetic person.",
                )
            )
        ids = []
        for chunk in _chunks(rows, BATCH):
            ids += [p.pk for p in Person.objects.bulk_create(chunk)]
            self.progress("people", len(ids), n)
        return ids

    def make_sources(self, rng: random.Random, count: int, tag: str) -> list[int]:
        n = max(1, count // 5)
        start = dt.date(2015, 1, 1)
        rows = [
            Source(
                title=f"Synthetic report {i}",
                public_title=f"Synthetic report {i}",
                slug=f"synthetic-report-{tag}-{i}",
                kind=rng.choice(Source.Kind.values),
                published_on=start + dt.timedelta(days=rng.randrange(3900)),
                full_text=f"Synthetic report {i}. Several people were searched and detained.",
            )
            for i in range(n)
        ]
        return [s.pk for s in Source.objects.bulk_create(rows, batch_size=BATCH)]

    # -- incidents -------------------------------------------------------------------

    def make_incidents(
        self,
        rng: random.Random,
        count: int,
        cities: list[int],
        organizations: list[int],
        people: list[int],
        sources: list[int],
    ) -> int:
        kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
        # A few large cities: weight falls off with rank.
        city_weights = [1 / (rank + 1) ** 1.1 for rank in range(len(cities))]
        start, days = dt.date(2015, 1, 1), (dt.date(2026, 10, 31) - dt.date(2015, 1, 1)).days
        seen: set[tuple] = set()
        made = 0
        now = timezone.now()
        batch: list[Incident] = []
        excerpt = "Several people were searched and detained."
        # Search text as IncidentQuerySet.refresh_search_text builds it, from
        # names read once (protected people's names are left out).
        person_names = dict(
            _values(Person.objects.filter(identity_protected=False), people, "pk", "name")
        )
        org_names = {
            pk: [name, *([parent] if parent else [])]
            for pk, name, parent in _values(
                Organization.objects.all(), organizations, "pk", "name", "parent__name"
            )
        }
        city_names = dict(_values(City.objects.all(), cities, "pk", "name"))

        def flush() -> None:
            nonlocal made
            created = Incident.objects.bulk_create(batch)
            Citation.objects.bulk_create(
                Citation(incident_id=i.pk, source_id=rng.choice(sources), excerpt=excerpt)
                for i in created
                for _ in range(1 if rng.random() < 0.8 else 2)
            )
            made += len(created)
            batch.clear()
            self.progress("incidents", made, count)

        while made + len(batch) < count:
            # Long tails: a few subjects often, most once or twice.
            person = _long_tail(rng, people) if rng.random() < 0.85 else None
            organization = (
                _long_tail(rng, organizations) if person is None or rng.random() < 0.3 else None
            )
            kind = rng.choices(kinds, weights)[0]
            date = start + dt.timedelta(days=int(days * rng.random() ** 0.6))
            key = (kind, date, person, organization)
            if key in seen:
                continue
            seen.add(key)
            city = rng.choices(cities, city_weights)[0] if rng.random() < 0.9 else None
            summary = f"Synthetic {kind} recorded for benchmarking."
            names = [
                *([person_names[person]] if person in person_names else []),
                *(org_names[organization] if organization else []),
                *([city_names[city]] if city else []),
            ]
            batch.append(
                Incident(
                    kind=kind,
                    date=date,
                    person_id=person,
                    organization_id=organization,
                    city_id=city,
                    summary=summary,
                    search_text=search_text(summary, names),
                    status=Incident.Status.PUBLISHED,
                    created_at=now,
                    updated_at=now,
                )
            )
            if len(batch) == BATCH:
                flush()
        if batch:
            flush()
        return made

    def progress(self, what: str, done: int, total: int) -> None:
        if sys.stderr.isatty() or total >= 50_000:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(
                f"\r{what:>9} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}"
            )
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def _values(qs: Any, ids: list[int], *fields: str) -> Iterator[tuple]:
    """values_list(*fields) of the rows with these ids, a few hundred ids a query
    (SQLite allows a limited number of parameters)."""
    for chunk in _chunks(ids, 500):
        yield from qs.filter(pk__in=chunk).values_list(*fields)


def _long_tail(rng: random.Random, items: list[int]) -> int:
    """An item, the first ones far more often than the last (density ~ 1/sqrt)."""
    return items[int(len(items) * rng.random() ** 2)]


def _chunks(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]
