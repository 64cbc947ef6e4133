"""Constraints, slugs, name keys and the published() queryset."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from incidents.models import Citation, City, Incident
from incidents.names import name_key

from .factories import (
    AddresseeFactory,
    AffiliationFactory,
    CitationFactory,
    CityAliasFactory,
    CityFactory,
    IncidentFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonAliasFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2021, 7, 14)


def test_it_rejects_an_incident_without_person_or_organization() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentFactory(person=None, organization=None)


def test_it_rejects_a_second_incident_of_one_kind_subject_and_day() -> None:
    person = PersonFactory()
    IncidentFactory(person=person, organization=None, date=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentFactory(person=person, organization=None, date=DAY)


def test_the_uniqueness_holds_when_the_person_is_null() -> None:
    # NULLs are distinct in a plain unique index; the Coalesce index makes them clash.
    org = OrganizationFactory()
    IncidentFactory(person=None, organization=org, date=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentFactory(person=None, organization=org, date=DAY)


def test_it_allows_other_kinds_days_and_subjects() -> None:
    person, org = PersonFactory(), OrganizationFactory()
    IncidentFactory(person=person, organization=None, date=DAY)
    IncidentFactory(person=person, organization=None, date=DAY, kind=Incident.Kind.DETENTION)
    IncidentFactory(person=person, organization=None, date=DAY + dt.timedelta(days=1))
    IncidentFactory(person=person, organization=org, date=DAY)
    assert Incident.objects.count() == 4


def test_an_organization_cannot_be_its_own_parent() -> None:
    org = OrganizationFactory()
    org.parent = org
    with pytest.raises(IntegrityError), transaction.atomic():
        org.save()


def test_a_city_country_is_an_iso_code() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        City.objects.create(name="Nowhere", country="B1")
    assert City.objects.create(name="Vilnius", country="lt").country == "LT"


def test_aliases_are_unique_per_record() -> None:
    alias = PersonAliasFactory(name="Алесь Бяляцкі")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonAliasFactory(person=alias.person, name="Алесь Бяляцкі")


def test_slugs_are_latin_and_unique() -> None:
    assert PersonFactory(name="Алёна Лапта").slug == "aliona-lapta"
    assert PersonFactory(name="Alyona Lapta").slug == "alyona-lapta"
    assert PersonFactory(name="Alyona  Lapta!").slug == "alyona-lapta-2"
    assert CityFactory(name="Барысаў").slug == "barysau"
    assert SourceFactory(title="Statement").slug == "statement"
    assert SourceFactory(title="Statement").slug == "statement-2"


def test_a_slug_survives_renaming() -> None:
    person = PersonFactory(name="Sergei Sys")
    person.name = "Siarhei Sys"
    person.save()
    assert person.slug == "sergei-sys"
    assert person.name_key == "siarhei sis"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Лапта", "Lapta"),
        ("Алёна Лапта", "Alyona Lapta"),
        ("BAĆKAŬŠČYNA", "backauscyna"),
        ("Viasna  Human-Rights Centre", "viasna human rights centre"),
    ],
)
def test_name_keys_ignore_case_diacritics_and_script(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_keys_tell_different_names_apart() -> None:
    assert name_key("Sergei Matskevich") != name_key("Oleg Matskevich")


def test_published_hides_drafts_and_reviews() -> None:
    published = IncidentFactory()
    IncidentFactory(status=Incident.Status.DRAFT)
    IncidentFactory(status=Incident.Status.REVIEW)
    assert list(Incident.objects.published()) == [published]


def test_new_incidents_start_as_drafts() -> None:
    incident = Incident.objects.create(kind="search", date=DAY, person=PersonFactory())
    assert incident.status == Incident.Status.DRAFT


def test_every_model_reads_as_text() -> None:
    person = PersonFactory(name="Ales Bialiatski")
    incident = IncidentFactory(person=person, date=DAY)
    assert str(incident) == "Search of Ales Bialiatski, 2021-07-14"
    citation = CitationFactory(incident=incident, excerpt="Searches took place.")
    assert str(citation) == f"{citation.source.title}: “Searches took place.”"
    assert str(person) == "Ales Bialiatski"
    assert str(CityAliasFactory(name="Grodno")) == "Grodno"
    assert str(OrganizationAliasFactory(name="BAJ")) == "BAJ"
    assert str(AffiliationFactory(person=person, role="head", organization__name="Viasna")) == (
        "Ales Bialiatski — head, Viasna"
    )
    assert (
        str(AddresseeFactory(name="Dmytro Kuleba", position="Minister")) == "Minister Dmytro Kuleba"
    )


def test_public_models_have_urls() -> None:
    incident = IncidentFactory(organization=OrganizationFactory(name="Viasna"))
    assert incident.get_absolute_url() == f"/incidents/{incident.pk}/"
    assert incident.person.get_absolute_url() == f"/people/{incident.person.slug}/"
    assert incident.organization.get_absolute_url() == "/organizations/viasna/"
    assert incident.city.get_absolute_url() == f"/cities/{incident.city.slug}/"
    source = SourceFactory(title="Joint statement")
    assert source.get_absolute_url() == "/sources/joint-statement/"


def test_a_protected_person_is_public_only_by_an_opaque_identifier() -> None:
    person = PersonFactory(name="Secret Person", identity_protected=True)
    assert person.public_name == "Name withheld"
    assert person.get_absolute_url() == f"/people/{person.public_id}/"
    assert "secret" not in person.public_id
    assert len({PersonFactory().public_id for _ in range(20)}) == 20


def test_a_citation_knows_whether_its_excerpt_is_in_the_source() -> None:
    source = SourceFactory(full_text="One. Two.")
    assert CitationFactory(source=source, excerpt="Two.").excerpt_in_source is True
    assert CitationFactory(source=source, excerpt="Three.").excerpt_in_source is False
    assert Citation(source=SourceFactory(full_text=""), excerpt="x").excerpt_in_source is None


def test_find_excerpt_tolerates_pasting_but_not_other_words() -> None:
    source = SourceFactory(full_text="He said: “It’s over” — twice.\nThen left.")
    assert source.find_excerpt("“It’s over”") == "“It’s over”"
    assert source.find_excerpt('"It\'s over" - twice. Then left.') == (
        "“It’s over” — twice.\nThen left."
    )
    assert source.find_excerpt("It is over") is None
    assert source.find_excerpt("  ") is None
    assert SourceFactory(full_text="").find_excerpt("x") is None


def test_similar_incidents_are_same_kind_day_and_subject_with_another_organization() -> None:
    person, org = PersonFactory(), OrganizationFactory()
    existing = IncidentFactory(person=person, organization=None, date=DAY)
    candidate = Incident(kind="search", date=DAY, person=person, organization=org)
    assert list(candidate.similar_incidents()) == [existing]
    assert not Incident(kind="detention", date=DAY, person=person).similar_incidents().exists()
    # The exact duplicate is the unique constraint's business, not this check's.
    assert not Incident(kind="search", date=DAY, person=person).similar_incidents().exists()
    assert not existing.similar_incidents().exists()
