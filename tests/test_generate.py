"""python manage.py generate_incidents: synthetic data for benchmarks."""

from __future__ import annotations

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Max
from django.http import QueryDict

from incidents.filters import IncidentFilter
from incidents.models import Citation, City, Incident, Organization, Person, Source
from incidents.redaction import Redactor

from .factories import IncidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def generate(count: int, seed: int = 1) -> str:
    out = StringIO()
    call_command("generate_incidents", "--count", str(count), "--seed", str(seed), stdout=out)
    return out.getvalue()


def test_it_creates_published_incidents_in_realistic_proportions() -> None:
    assert generate(3000).startswith("Created 3000 incidents")
    incidents = Incident.objects.all()
    assert incidents.count() == 3000
    assert not incidents.exclude(status=Incident.Status.PUBLISHED).exists()
    kinds = dict(incidents.values_list("kind").annotate(n=Count("id")))
    assert set(kinds) == {"search", "detention", "disappearance"}
    assert kinds["disappearance"] < kinds["search"]
    # Every incident has a subject and at least one citation.
    assert not incidents.filter(person=None, organization=None).exists()
    assert not incidents.filter(citations=None).exists()
    assert Citation.objects.count() > 3000
    # A long tail: the busiest person has many incidents, most have one or two.
    per_person = list(
        incidents.exclude(person=None)
        .values("person")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("n", flat=True)
    )
    assert per_person[0] >= 10 and per_person[len(per_person) // 2] <= 2
    # A few large cities; branches belong to organizations.
    per_city = list(incidents.values("city").annotate(n=Count("id")).order_by("-n")[:2])
    assert per_city[0]["n"] > 2 * (3000 / City.objects.count())
    assert Organization.objects.filter(parent__isnull=False).exists()
    assert Person.objects.filter(identity_protected=True).exists()
    # Dates spread over years.
    assert incidents.dates("date", "year").count() >= 8


def test_the_same_seed_gives_the_same_data() -> None:
    def run(seed: int) -> list:
        """What one run adds (runs add to each other: slugs stay unique)."""
        after = {m: m.objects.aggregate(n=Max("id"))["n"] or 0 for m in models}
        generate(500, seed=seed)
        return [
            list(m.objects.filter(id__gt=after[m]).order_by("id").values_list(*fields))
            for m, fields in models.items()
        ]

    models = {
        Incident: ("kind", "date", "summary"),
        Person: ("name", "identity_protected"),
        Source: ("title", "full_text", "published_on", "kind"),
        Citation: ("excerpt",),
    }
    first = run(7)
    assert run(7) == first
    assert run(8)[0] != first[0]


def test_it_can_run_twice() -> None:
    generate(100)
    generate(100)
    assert Incident.objects.count() == 200


def test_it_refuses_a_database_with_staff_entries() -> None:
    IncidentFactory(created_by=UserFactory())
    with pytest.raises(CommandError, match="entered by staff"):
        generate(10)
    assert Incident.objects.count() == 1


def test_it_refuses_a_bad_count() -> None:
    with pytest.raises(CommandError, match="at least 1"):
        generate(0)


def test_generated_incidents_are_searchable() -> None:
    generate(300)
    written = dict(Incident.objects.values_list("pk", "search_text"))
    Incident.objects.all().refresh_search_text()
    # What the command wrote in bulk is what the model builds.
    assert dict(Incident.objects.values_list("pk", "search_text")) == written
    incident = Incident.objects.filter(person__identity_protected=False).exclude(person=None)[0]
    surname = incident.person.name.split()[1]
    f = IncidentFilter(QueryDict(f"q={surname}"))
    assert f.is_valid() and incident.pk in set(f.qs.values_list("id", flat=True))


def test_name_lookups_are_chunked_for_a_million_incidents() -> None:
    # 333,333 people at one million incidents: more ids than SQLite takes at once.
    from incidents.management.commands.generate_incidents import _values

    person = Person.objects.create(name="Synthetic Person", slug="synthetic-person")
    ids = [*range(-40_000, 0), person.pk]
    assert list(_values(Person.objects.all(), ids, "pk", "name")) == [
        (person.pk, "Synthetic Person")
    ]


# -- text like the real thing ---------------------------------------------------------

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def language(text: str) -> str:
    """The language of a generated summary, by its letters (names in it are
    spelled in that language; organizations and cities are in Latin letters)."""
    if not CYRILLIC.search(text):
        return "en"
    if "ў" in text or ("і" in text and "ы" in text):
        return "be"
    if set("їєґ") & set(text) or ("і" in text and "и" in text):
        return "uk"
    return "ru"


def test_summaries_are_varied_and_in_four_languages() -> None:
    generate(300)
    summaries = list(Incident.objects.values_list("summary", flat=True))
    assert len(set(summaries)) >= 50
    # Not one shape with other names: the sentences without their names and
    # numbers (the capitalised words and the digits) differ too.
    shapes = {" ".join(w for w in re.findall(r"\w+", s) if w.islower()) for s in summaries}
    assert len(shapes) >= 30
    languages = Counter(language(s) for s in summaries)
    assert len(languages) >= 3 and languages["en"] > 100, languages
    assert languages["ru"] + languages["be"] + languages["uk"] > 60, languages
    assert not any(
        s.startswith("Synthetic") and "recorded for benchmarking" in s for s in summaries
    )


def test_surnames_have_a_long_tail_and_names_no_numbers() -> None:
    generate(9000)
    names = list(Person.objects.values_list("name", flat=True))
    assert len(names) == 3000
    assert not [n for n in names if re.search(r"\d", n)]
    assert all(len(n.split()) == 2 for n in names)
    surnames = Counter(n.split()[-1] for n in names)
    assert max(surnames.values()) < 0.03 * len(names)
    assert sum(1 for n in surnames.values() if n <= 2) > len(surnames) / 2
    assert len(surnames) > 1000
    # A few common surnames all the same: the head of the tail.
    assert max(surnames.values()) >= 5
    # About one name in seven is stored in Cyrillic, and people may share a name.
    cyrillic = sum(1 for n in names if CYRILLIC.search(n))
    assert 0.08 * len(names) < cyrillic < 0.25 * len(names)
    assert len(set(names)) < len(names)
    assert Person.objects.values("slug").distinct().count() == len(names)


def test_every_excerpt_stands_verbatim_in_its_source() -> None:
    generate(1000)
    citations = Citation.objects.select_related("source", "incident")
    assert citations.count() > 1000
    for citation in citations:
        assert citation.excerpt == citation.incident.summary
        assert citation.excerpt in citation.source.full_text
        assert citation.excerpt_in_source
    # Sources are reports of several sentences, their titles public as they are.
    sources = Source.objects.all()
    assert sources.count() > 100
    assert not sources.filter(citations=None).exists()
    assert max(len(s.full_text.split("\n\n")) for s in sources) > 6
    for source in sources:
        assert (source.public_title, source.public_url, source.title_withheld) == (
            source.title,
            source.url,
            False,
        )
    published = dict(sources.values_list("pk", "published_on"))
    for source_id, date in citations.values_list("source", "incident__date"):
        assert published[source_id] >= date
    titles = list(sources.values_list("title", flat=True))
    assert any(t.startswith("Human rights situation report") for t in titles)
    assert any(CYRILLIC.search(t) for t in titles)


def test_protected_people_are_named_nowhere() -> None:
    generate(3000)
    protected = list(Person.objects.filter(identity_protected=True).values_list("name", flat=True))
    assert len(protected) >= 5
    redact = Redactor(Person.objects.protected_names())
    texts = [
        *Incident.objects.values_list("summary", flat=True),
        *Incident.objects.values_list("search_text", flat=True),
        *Source.objects.values_list("full_text", flat=True),
        *Source.objects.values_list("title", flat=True),
        *Citation.objects.values_list("excerpt", flat=True),
    ]
    for text in texts:
        assert not any(name in text or name.split()[-1] in text for name in protected)
        assert not redact.finds(text)
    # Nobody else has their surname, so no one else's name is withheld.
    surnames = {name.split()[-1] for name in protected}
    others = Person.objects.filter(identity_protected=False).values_list("name", flat=True)
    assert not [n for n in others if n.split()[-1] in surnames or redact.finds(n)]
    # Their incidents say who they are without naming them.
    described = Incident.objects.filter(person__identity_protected=True).values_list(
        "summary", flat=True
    )
    assert described and all(
        re.search(r"withheld|not to be named|не раскрывается|не раскрываецца|не розголошується", s)
        for s in described
    )


def test_it_keeps_the_names_engine_keys_of_what_it_makes() -> None:
    from incidents.models import CityKey, OrganizationKey, PersonKey
    from incidents.names import spelling_keys

    call_command("generate_incidents", "--count", "60", "--seed", "3", stdout=StringIO())
    person = Person.objects.order_by("pk").last()
    assert person is not None
    assert set(person.spelling_keys.values_list("key", flat=True)) == spelling_keys(
        "person", [person.name]
    )
    assert OrganizationKey.objects.exists() and CityKey.objects.exists()
    assert PersonKey.objects.values("person").distinct().count() == Person.objects.count()
