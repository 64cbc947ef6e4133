"""The public FilterSet, tested directly (F(data).qs)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from incidents.filters import IncidentFilter
from incidents.models import Incident

from .factories import (
    CityAliasFactory,
    CityFactory,
    IncidentFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonAliasFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def F(query: str) -> IncidentFilter:  # noqa: N802
    return IncidentFilter(QueryDict(query))


def ids(f: IncidentFilter) -> set[int]:
    assert f.is_valid(), f.errors
    return set(f.qs.values_list("id", flat=True))


@pytest.fixture
def world() -> dict[str, Incident]:
    brest, hrodna = CityFactory(name="Brest"), CityFactory(name="Hrodna")
    viasna = OrganizationFactory(name="Viasna")
    branch = OrganizationFactory(name="Viasna, Mozyr branch", parent=viasna)
    return {
        "brest_search": IncidentFactory(city=brest, kind="search", date=dt.date(2021, 7, 14)),
        "hrodna_detention": IncidentFactory(
            city=hrodna, kind="detention", date=dt.date(2020, 8, 10)
        ),
        "viasna_search": IncidentFactory(
            person=None, organization=viasna, city=None, date=dt.date(2021, 7, 14)
        ),
        "branch_disappearance": IncidentFactory(
            organization=branch, kind="disappearance", city=None, date=dt.date(2021, 12, 31)
        ),
        "draft": IncidentFactory(city=brest, status=Incident.Status.DRAFT),
    }


def test_it_starts_from_published_incidents(world: dict[str, Incident]) -> None:
    assert world["draft"].pk not in ids(F(""))
    assert len(ids(F(""))) == 4


def test_values_of_one_parameter_combine_with_or(world: dict[str, Incident]) -> None:
    assert ids(F("city=brest&city=hrodna")) == {
        world["brest_search"].pk,
        world["hrodna_detention"].pk,
    }
    assert ids(F("kind=detention&kind=disappearance")) == {
        world["hrodna_detention"].pk,
        world["branch_disappearance"].pk,
    }


def test_different_parameters_combine_with_and(world: dict[str, Incident]) -> None:
    assert ids(F("city=brest&city=hrodna&kind=search")) == {world["brest_search"].pk}


def test_an_organization_includes_its_branches(world: dict[str, Incident]) -> None:
    assert ids(F("organization=viasna")) == {
        world["viasna_search"].pk,
        world["branch_disappearance"].pk,
    }
    assert ids(F("organization=viasna-mozyr-branch")) == {world["branch_disappearance"].pk}


def test_an_unknown_slug_matches_nothing(world: dict[str, Incident]) -> None:
    assert ids(F("city=atlantis")) == set()
    assert ids(F("city=atlantis&city=brest")) == {world["brest_search"].pk}


def test_dates_are_inclusive(world: dict[str, Incident]) -> None:
    assert ids(F("date_after=2021-07-14&date_before=2021-07-14")) == {
        world["brest_search"].pk,
        world["viasna_search"].pk,
    }
    assert ids(F("date_after=2021-01-01&date_before=2021-12-31")) == {
        world["brest_search"].pk,
        world["viasna_search"].pk,
        world["branch_disappearance"].pk,
    }


def test_a_person_is_found_by_slug(world: dict[str, Incident]) -> None:
    person = world["brest_search"].person
    assert ids(F(f"person={person.slug}")) == {world["brest_search"].pk}


def test_a_protected_person_is_found_only_by_public_id() -> None:
    person = PersonFactory(name="Hidden Person", identity_protected=True)
    incident = IncidentFactory(person=person)
    assert ids(F(f"person={person.public_id}")) == {incident.pk}
    assert ids(F(f"person={person.slug}")) == set()


def test_q_searches_summary_names_and_aliases() -> None:
    by_summary = IncidentFactory(summary="Equipment was confiscated.")
    by_person = IncidentFactory(person=PersonFactory(name="Kirill Kofanov"))
    by_person_alias = IncidentFactory(person=PersonAliasFactory(name="Алесь Бяляцкі").person)
    by_org = IncidentFactory(organization=OrganizationFactory(name="Human Constanta"))
    by_org_alias = IncidentFactory(organization=OrganizationAliasFactory(name="BAZh").organization)
    by_city_alias = IncidentFactory(city=CityAliasFactory(name="Grodno").city)
    IncidentFactory()
    assert ids(F("q=confiscated")) == {by_summary.pk}
    assert ids(F("q=kofanov")) == {by_person.pk}
    assert ids(F("q=Бяляцкі")) == {by_person_alias.pk}
    assert ids(F("q=constanta")) == {by_org.pk}
    assert ids(F("q=BAZh")) == {by_org_alias.pk}
    assert ids(F("q=grodno")) == {by_city_alias.pk}
    # Every word must match.
    assert ids(F("q=kirill+kofanov")) == {by_person.pk}
    assert ids(F("q=kirill+constanta")) == set()


def test_q_never_finds_a_protected_persons_name_or_alias() -> None:
    person = PersonFactory(name="Secretname Person", identity_protected=True)
    PersonAliasFactory(person=person, name="Secretalias")
    IncidentFactory(person=person)
    assert ids(F("q=secretname")) == set()
    assert ids(F("q=secretalias")) == set()


def test_sort_orders_by_date(world: dict[str, Incident]) -> None:
    newest = F("")
    assert newest.is_valid()
    dates = [i.date for i in newest.qs]
    assert dates == sorted(dates, reverse=True)
    oldest = F("sort=date")
    assert oldest.is_valid()
    dates = [i.date for i in oldest.qs]
    assert dates == sorted(dates)


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("kind=arrest", "kind"),
        ("date_after=14.07.2021", "date_after"),
        ("date_before=2021-02-30", "date_before"),
        ("date_after=yesterday", "date_after"),
        ("sort=name", "sort"),
        ("city=<script>", "city"),
        ("organization=a%20b", "organization"),
        ("person=" + "x" * 200, "person"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_malformed_values_are_errors_naming_the_parameter(query: str, param: str) -> None:
    f = F(query)
    assert not f.is_valid()
    assert list(f.errors) == [param]
    assert f.error_messages()[0].startswith(f"{param}: ")


def test_too_many_values_are_refused() -> None:
    f = F("&".join(f"city=c{i}" for i in range(51)))
    assert not f.is_valid()
    assert "city" in f.errors


def test_facet_querysets_leave_out_their_own_parameter(world: dict[str, Incident]) -> None:
    f = F("city=brest&kind=detention")
    assert f.is_valid()
    query = f.query
    assert set(query.incidents(without=("kind",)).values_list("id", flat=True)) == {
        world["brest_search"].pk
    }
    assert set(query.incidents(without=("city",)).values_list("id", flat=True)) == {
        world["hrodna_detention"].pk
    }
    assert query.active() == {"kind": ["detention"], "city": ["brest"]}


def test_q_matches_names_across_scripts_and_case() -> None:
    lapta = IncidentFactory(person=PersonFactory(name="Alyona Lapta"))
    hrodna = IncidentFactory(city=CityFactory(name="Hrodna"))
    IncidentFactory()
    assert ids(F("q=Лапта")) == {lapta.pk}
    assert ids(F("q=ЛАПТА")) == {lapta.pk}
    assert ids(F("q=Гродна")) == set()  # another spelling, not a transliteration
    assert ids(F("q=HRODNA")) == {hrodna.pk}


def test_q_in_another_script_never_finds_a_protected_person() -> None:
    IncidentFactory(
        person=PersonFactory(name="Alyona Lapta", identity_protected=True),
        summary="Alyona Lapta was searched.",
    )
    assert ids(F("q=Лапта")) == set()
    assert ids(F("q=lapta")) == set()
