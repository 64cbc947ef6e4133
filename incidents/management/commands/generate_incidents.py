"""Synthetic published incidents for benchmarks and load tests.

    python manage.py generate_incidents --count 100000 [--seed 1]

Shaped like the factories, inserted in bulk: a long tail of people and
organizations (a few appear often, most once or twice), local branches, a few
large cities and many small ones, several citations per source, dates spread
over years, all three kinds.

Text like the real thing (see _synthetic): people's names are common given
names and surnames made of stems and suffixes, a few common and most rare
(about one in seven stored in Cyrillic); summaries are report sentences in
English, Russian, Belarusian and Ukrainian, some naming a second person; each
source is a report made of the summaries that cite it, so that every excerpt
stands verbatim in its source's full text. A protected person's name is in no
summary and no source, and nobody else has their surname. Organization and
city names start with "Synthetic"; people's names are built from parts, so any
likeness to a real person's is by chance. The command refuses a database in
which staff have entered incidents: never run it against real data.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import sys
from array import array
from bisect import bisect
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries, transaction
from django.utils import timezone
from django.utils.text import slugify
from unidecode import unidecode

from incidents.models import (
    Citation,
    City,
    CityKey,
    Incident,
    IncidentTally,
    Organization,
    OrganizationKey,
    Person,
    PersonKey,
    Source,
)
from incidents.names import name_key, new_public_id
from incidents.redaction import Redactor
from incidents.search import search_text

from . import _synthetic as synthetic

BATCH = 5000
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
PROTECTED = 0.02  # the share of people whose identity is protected
SECOND_PERSON = 0.15  # the share of summaries that also name someone else
OPEN_SOURCES = 8  # reports being written at once, per language
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
            people = self.make_people(rng, count, tag, self.names_of(organizations, cities))
            made, sources = self.make_incidents(rng, count, tag, cities, organizations, people)
            # bulk_create sends no signals: the counts and the names engine's
            # keys are rebuilt in bulk.
            IncidentTally.objects.rebuild()
            for key_model, model, ids in (
                (PersonKey, Person, people.ids),
                (OrganizationKey, Organization, organizations),
                (CityKey, City, cities),
            ):
                if ids:
                    key_model.rebuild(model.objects.filter(pk__range=(min(ids), max(ids))))
        # Fresh statistics, so that the planner picks the facet indexes; on
        # PostgreSQL also the visibility map, so that index-only scans stay so.
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            f"Created {made} incidents, {len(people.ids)} people, {len(organizations)} "
            f"organizations, {len(cities)} cities, {sources} sources in {seconds:.0f} s."
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

    def names_of(self, organizations: list[int], cities: list[int]) -> list[str]:
        return [
            *(n for (n,) in _values(Organization.objects.all(), organizations, "name")),
            *(n for (n,) in _values(City.objects.all(), cities, "name")),
        ]

    def make_people(
        self, rng: random.Random, count: int, tag: str, other_names: list[str]
    ) -> _People:
        n = max(5, count // 3)
        people = _People()
        # Who is protected first: each has a surname of their own, which no one
        # else's name may contain (it would be withheld from theirs).
        protected = 0
        for _ in range(n):
            if rng.random() < PROTECTED:
                people.info.append(
                    synthetic.draw_person(rng, True, synthetic.reserved_surname(protected))
                )
                protected += 1
            else:
                people.info.append(synthetic.draw_person(rng, False, 0))
        self.withhold_nothing_else(people, protected, "\n".join(other_names))
        for start in range(0, n, BATCH):
            rows = []
            for i in range(start, min(start + BATCH, n)):
                packed = people.info[i]
                name = synthetic.stored_name(packed)
                key = name_key(name)
                if not synthetic.is_protected(packed):
                    # By chance another spelling of a protected name (the
                    # search text holds the key): another surname.
                    while people.redact.finds(f"{name}\n{key}"):
                        packed = synthetic.with_surname(packed, synthetic.draw_surname(rng))
                        name = synthetic.stored_name(packed)
                        key = name_key(name)
                    people.info[i] = packed
                people.names.append(name)
                rows.append(
                    Person(
                        name=name,
                        slug=f"{slugify(unidecode(name))[:80]}-{tag}-{i:x}",
                        name_key=key,
                        public_id=new_public_id(),
                        identity_protected=synthetic.is_protected(packed),
                        description="Synthetic person.",
                    )
                )
            people.ids += [p.pk for p in Person.objects.bulk_create(rows)]
            reset_queries()  # with DEBUG, Django keeps every statement otherwise
            self.progress("people", len(people.ids), n)
        return people

    def withhold_nothing_else(self, people: _People, protected: int, other_names: str) -> None:
        """Make sure that the words of the sentences, organizations and cities
        spell no protected name (else that person takes another surname)."""
        fixed = synthetic.fixed_text() + "\n" + other_names
        for _ in range(10):
            names = {
                i: synthetic.stored_name(p)
                for i, p in enumerate(people.info)
                if synthetic.is_protected(p)
            }
            people.redact = Redactor(names.values())
            if not people.redact.finds(fixed):
                break
            for i, name in names.items():  # by chance: one of them is a word we use
                if Redactor([name]).finds(fixed):
                    surname = synthetic.reserved_surname(protected)
                    people.info[i] = synthetic.with_surname(people.info[i], surname)
                    protected += 1
        else:
            raise CommandError("The protected names spell words of the generated text.")

    # -- incidents and their sources -------------------------------------------------

    def make_incidents(
        self,
        rng: random.Random,
        count: int,
        tag: str,
        cities: list[int],
        organizations: list[int],
        people: _People,
    ) -> tuple[int, int]:
        # Weighted draws, as random.choices makes them, with the sums made once.
        kinds, kind_sums = list(KIND_WEIGHTS), list(accumulate(KIND_WEIGHTS.values()))
        languages = synthetic.LANGUAGES
        language_sums = list(accumulate(synthetic.LANGUAGE_WEIGHTS))
        # A few large cities: weight falls off with rank.
        city_sums = list(accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(cities))))
        start, days = dt.date(2015, 1, 1), (dt.date(2026, 10, 31) - dt.date(2015, 1, 1)).days
        seen: set[tuple] = set()
        made = 0
        now = timezone.now()
        batch: list[Incident] = []
        # Search text as IncidentQuerySet.refresh_search_text builds it, from
        # the public names (protected people's names are left out).
        org_names = {
            pk: [name, *([parent] if parent else [])]
            for pk, name, parent in _values(
                Organization.objects.all(), organizations, "pk", "name", "parent__name"
            )
        }
        city_names = dict(_values(City.objects.all(), cities, "pk", "name"))
        reports = _Reports(rng, tag)

        def flush() -> None:
            nonlocal made
            Incident.objects.bulk_create(batch)
            reports.write()  # those complete: their incidents now have ids
            reset_queries()
            made += len(batch)
            batch.clear()
            self.progress("incidents", made, count)

        n_people = len(people.ids)
        while made + len(batch) < count:
            # Long tails: a few subjects often, most once or twice.
            index = _long_tail_index(rng, n_people) if rng.random() < 0.85 else None
            person = people.ids[index] if index is not None else None
            organization = (
                _long_tail(rng, organizations) if person is None or rng.random() < 0.3 else None
            )
            kind = kinds[bisect(kind_sums, rng.random() * kind_sums[-1])]
            date = start + dt.timedelta(days=int(days * rng.random() ** 0.6))
            key = (kind, date, person, organization)
            if key in seen:
                continue
            seen.add(key)
            city = (
                cities[bisect(city_sums, rng.random() * city_sums[-1])]
                if rng.random() < 0.9
                else None
            )
            # The language of its summary, and of the reports that cite it.
            language = languages[bisect(language_sums, rng.random() * language_sums[-1])]
            packed = people.info[index] if index is not None else None
            other = None
            if rng.random() < SECOND_PERSON:
                other_index = _long_tail_index(rng, n_people)
                if other_index != index and not synthetic.is_protected(people.info[other_index]):
                    other = people.info[other_index]
            org_name = org_names[organization][0] if organization else None
            city_name = city_names[city] if city else None
            summary = synthetic.summary(
                rng, language, kind, packed, org_name, city_name, date, other
            )
            named = other is not None or (packed is not None and not synthetic.is_protected(packed))
            attempts = 0
            while named and people.redact.finds(summary):
                if attempts == 12:
                    raise CommandError(f"A summary names a protected person: {summary}")
                # By chance a name and the word after it read as a protected
                # name ("Bersh in" for Bershin): another shape, then without
                # the second person, at last without naming the person.
                attempts += 1
                summary = synthetic.summary(
                    rng,
                    language,
                    kind,
                    packed if attempts < 8 or packed is None else packed | 1 << 31,
                    org_name,
                    city_name,
                    date,
                    other if attempts < 4 else None,
                )
            named_person = (
                [people.names[index]]
                if index is not None and not synthetic.is_protected(people.info[index])
                else []
            )
            names = [
                *named_person,
                *(org_names[organization] if organization else []),
                *([city_name] if city else []),
            ]
            incident = Incident(
                kind=kind,
                date=date,
                person_id=person,
                organization_id=organization,
                city_id=city,
                summary=summary,
                search_text=search_text(summary, names, named_person),
                status=Incident.Status.PUBLISHED,
                created_at=now,
                updated_at=now,
            )
            batch.append(incident)
            reports.cite(incident, language, second=rng.random() >= 0.8)
            if len(batch) == BATCH:
                flush()
        reports.finish()
        if batch:
            flush()
        reports.write()
        return made, reports.written

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
    return items[_long_tail_index(rng, len(items))]


def _long_tail_index(rng: random.Random, n: int) -> int:
    return int(n * rng.random() ** 2)


def _chunks(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


class _People:
    """The generated people: ids in creation order, what each is made of
    (_synthetic's packed integers) and the matcher of the protected names."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.info = array("q")
        self.names: list[str] = []  # as stored
        self.redact = Redactor(())


class _Report:
    __slots__ = ("language", "target", "cited")

    def __init__(self, language: str, target: int) -> None:
        self.language = language
        self.target = target
        self.cited: list[Incident] = []


class _Reports:
    """Sources written from the incidents that cite them: a few reports per
    language are open at a time; each incident is cited by one (one in five by
    two) in its summary's language, and a report that has all its incidents is
    written, its full text their summaries, which its citations quote."""

    def __init__(self, rng: random.Random, tag: str) -> None:
        self.rng = rng
        self.tag = tag
        self.open: dict[str, list[_Report | None]] = {
            lang: [None] * OPEN_SOURCES for lang in synthetic.LANGUAGES
        }
        self.complete: list[_Report] = []
        self.numbers = dict.fromkeys(synthetic.LANGUAGES, 0)
        self.written = 0

    def cite(self, incident: Incident, language: str, second: bool) -> None:
        slots = self.open[language]
        first = self.rng.randrange(OPEN_SOURCES)
        self.add(slots, first, incident, language)
        if second:
            other = (first + 1 + self.rng.randrange(OPEN_SOURCES - 1)) % OPEN_SOURCES
            self.add(slots, other, incident, language)

    def add(self, slots: list[_Report | None], i: int, incident: Incident, language: str) -> None:
        report = slots[i]
        if report is None:
            # Most reports cite a handful of incidents, a few dozens.
            target = min(60, 1 + int(self.rng.expovariate(1 / 5)))
            report = slots[i] = _Report(language, target)
        report.cited.append(incident)
        if len(report.cited) >= report.target:
            self.complete.append(report)
            slots[i] = None

    def finish(self) -> None:
        for slots in self.open.values():
            for i, report in enumerate(slots):
                if report is not None:
                    self.complete.append(report)
                    slots[i] = None

    def write(self) -> None:
        if not self.complete:
            return
        kinds = Source.Kind.values
        sources = []
        for report in self.complete:
            cited = sorted(report.cited, key=lambda i: i.date)
            self.numbers[report.language] += 1
            title, text = synthetic.report(
                self.rng,
                report.language,
                self.numbers[report.language],
                list(dict.fromkeys(i.summary for i in cited)),
            )
            self.written += 1
            sources.append(
                Source(
                    title=title,
                    # What save() would work out: a generated title names no one.
                    public_title=title,
                    slug=f"{slugify(unidecode(title))[:80]}-{self.tag}-{self.written:x}",
                    kind=self.rng.choice(kinds),
                    published_on=cited[-1].date + dt.timedelta(days=self.rng.randrange(30)),
                    full_text=text,
                )
            )
        Source.objects.bulk_create(sources, batch_size=BATCH)
        Citation.objects.bulk_create(
            (
                Citation(incident_id=incident.pk, source_id=source.pk, excerpt=incident.summary)
                for report, source in zip(self.complete, sources, strict=True)
                for incident in report.cited
            ),
            batch_size=BATCH,
        )
        self.complete.clear()
