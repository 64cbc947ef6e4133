"""Many incidents fast (bulk_create), for tests that pin query counts by size."""

from __future__ import annotations

import datetime as dt

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
from incidents.names import name_key


def make_incidents(n: int) -> None:
    cities = City.objects.bulk_create(
        City(name=f"Bulk city {i}", slug=f"bulk-city-{i}", name_key=f"bulk city {i}", country="BY")
        for i in range(10)
    )
    parents = Organization.objects.bulk_create(
        Organization(
            name=f"Bulk org {i}",
            public_name=f"Bulk org {i}",
            slug=f"bulk-org-{i}",
            name_key=f"bulk org {i}",
        )
        for i in range(10)
    )
    branches = Organization.objects.bulk_create(
        Organization(
            name=f"Bulk org {i}, branch",
            public_name=f"Bulk org {i}, branch",
            slug=f"bulk-org-{i}-branch",
            name_key=f"bulk org {i} branch",
            parent=parents[i],
        )
        for i in range(10)
    )
    organizations = parents + branches
    people = Person.objects.bulk_create(
        Person(
            name=f"Bulk person {i}",
            slug=f"bulk-person-{i}",
            name_key=name_key(f"Bulk person {i}"),
            public_id=f"b{i:015d}",
            identity_protected=(i % 50 == 1),
        )
        for i in range(max(n // 3, 1))
    )
    source = Source.objects.create(title="Bulk statement", kind="statement", full_text="Bulk.")
    kinds = list(Incident.Kind.values)
    start = dt.date(2019, 1, 1)
    incidents = Incident.objects.bulk_create(
        Incident(
            kind=kinds[i % 3],
            date=start + dt.timedelta(days=i // 3),
            person=people[i % len(people)] if i % 4 else None,
            organization=organizations[i % len(organizations)] if i % 4 in (0, 1) else None,
            city=cities[i % len(cities)] if i % 5 else None,
            summary=f"Bulk incident {i}.",
            status=Incident.Status.PUBLISHED if i % 10 else Incident.Status.DRAFT,
        )
        for i in range(n)
    )
    Citation.objects.bulk_create(
        Citation(incident=incident, source=source, excerpt="Bulk.") for incident in incidents
    )
    # bulk_create sends no signals: what they keep is rebuilt in bulk.
    Incident.objects.all().refresh_search_text()
    IncidentTally.objects.rebuild()
    PersonKey.rebuild(Person.objects.all())
    OrganizationKey.rebuild(Organization.objects.all())
    CityKey.rebuild(City.objects.all())
