"""Full-text search (`q`): SQLite FTS5 or a PostgreSQL GIN index over
Incident.search_text, kept current as names change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import QueryDict

from incidents.filters import IncidentFilter
from incidents.models import Incident
from incidents.search import full_text_ids

from .factories import (
    CityFactory,
    IncidentFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def found(q: str) -> set[int]:
    f = IncidentFilter(QueryDict(f"q={q}"))
    assert f.is_valid(), f.errors
    return set(f.qs.values_list("id", flat=True))


def test_words_match_as_token_prefixes_with_or_without_diacritics() -> None:
    incident = IncidentFactory(
        organization=OrganizationFactory(name="World Association “Baćkaŭščyna”")
    )
    IncidentFactory()
    for q in ("Baćkaŭščyna", "backauscyna", "BAĆK", "assoc", "world+baćk"):
        assert found(q) == {incident.pk}, q
    assert found("world+nothing") == set()


def test_renaming_a_person_updates_what_finds_them() -> None:
    person = PersonFactory(name="Sergei Sys")
    incident = IncidentFactory(person=person)
    person.name = "Siarhei Sys"
    person.save()
    assert found("siarhei") == {incident.pk}
    assert found("sergei") == set()


def test_new_aliases_are_found_and_removed_ones_are_not() -> None:
    city = CityFactory(name="Hrodna")
    incident = IncidentFactory(city=city)
    alias = city.aliases.create(name="Grodno")
    assert found("grodno") == {incident.pk}
    alias.delete()
    assert found("grodno") == set()
    org_alias = OrganizationAliasFactory(name="BAZh")
    org_incident = IncidentFactory(organization=org_alias.organization)
    assert found("bazh") == {org_incident.pk}


def test_a_branch_is_found_by_its_organizations_name() -> None:
    viasna = OrganizationFactory(name="Viasna")
    incident = IncidentFactory(organization=OrganizationFactory(name="Mozyr branch", parent=viasna))
    assert found("viasna+mozyr") == {incident.pk}


def test_protecting_a_person_takes_their_name_out_of_search() -> None:
    person = PersonFactory(name="Alyona Lapta")
    incident = IncidentFactory(person=person)
    mentioned = IncidentFactory(summary="Alyona Lapta's lawyer was searched.")
    assert found("lapta") == {incident.pk, mentioned.pk}
    person.identity_protected = True
    person.save()
    assert found("lapta") == set()
    assert found("Лапта") == set()
    assert "lapta" not in Incident.objects.get(pk=mentioned.pk).search_text
    assert found("lawyer") == {mentioned.pk}


def test_the_search_reads_its_index() -> None:
    IncidentFactory.create_batch(3)
    f = IncidentFilter(QueryDict("q=search"))
    assert f.is_valid()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Three rows: make the planner show which index it would use at scale.
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_nestloop = off")
            # Nor walk the primary key filtering each row (which it may, for
            # three rows, depending on the statistics of earlier tests).
            cursor.execute("SET enable_indexscan = off")
        plan = f.qs.explain()
        if connection.vendor == "postgresql":
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_nestloop")
            cursor.execute("RESET enable_indexscan")
    if connection.vendor == "postgresql":
        assert "incident_search_vector_gin" in plan
    else:
        assert "VIRTUAL TABLE INDEX" in plan and "incident_fts" in plan


@pytest.mark.postgres
def test_on_postgresql_a_name_typed_with_a_slip_is_found() -> None:
    incident = IncidentFactory(person=PersonFactory(name="Ales Bialiatski"))
    IncidentFactory(person=PersonFactory(name="Marfa Rabkova"))
    assert found("Bialatski") == {incident.pk}
    assert found("Bialatski+ales") == {incident.pk}
    assert found("Bialatski+Rabkova") == set()
    ids = full_text_ids(["Bialatski"])
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {ids.sql}", ids.params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "incident_search_vector_gin" in plan and "incident_search_trgm" in plan


def test_short_words_match_only_as_prefixes() -> None:
    incident = IncidentFactory(person=PersonFactory(name="Ales Bialiatski"))
    assert found("Ales") == {incident.pk}
    assert found("Alex") == set()
