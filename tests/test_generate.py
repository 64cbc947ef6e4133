"""python manage.py generate_incidents: synthetic data for benchmarks."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.http import QueryDict

from incidents.filters import IncidentFilter
from incidents.models import Citation, City, Incident, Organization, Person

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
    generate(500, seed=7)
    first = list(Incident.objects.order_by("id").values_list("kind", "date"))
    Incident.objects.all().delete()
    generate(500, seed=7)
    assert list(Incident.objects.order_by("id").values_list("kind", "date")) == first


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
