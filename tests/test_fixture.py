"""The joint statement of 14 July 2021 as the initial fixture."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count

from incidents.models import (
    Addressee,
    Affiliation,
    Citation,
    City,
    Incident,
    Organization,
    Person,
    Source,
)
from incidents.names import name_key

ROOT = Path(__file__).resolve().parent.parent
STATEMENT_FILE = ROOT / "fixtures" / "sources" / "joint-statement-2021-07-14.txt"
RAID_DAY = dt.date(2021, 7, 14)

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(db: None) -> Source:
    call_command("loaddata", "statement", verbosity=0)
    return Source.objects.get()


def counts() -> dict[str, int]:
    models = [Incident, Citation, Person, Organization, City, Source, Addressee, Affiliation]
    return {m.__name__: m.objects.count() for m in models}


EXPECTED = {
    "Incident": 32,
    "Citation": 34,
    "Person": 16,
    "Organization": 38,
    "City": 8,
    "Source": 1,
    "Addressee": 6,
    "Affiliation": 4,
}


def test_it_loads_with_the_expected_counts(statement: Source) -> None:
    assert counts() == EXPECTED
    by_kind = dict(Incident.objects.values_list("kind").annotate(n=Count("id")))
    assert by_kind == {"search": 23, "detention": 7, "disappearance": 2}


def test_loading_it_twice_changes_nothing(statement: Source) -> None:
    def snapshot() -> list[tuple]:
        return [
            tuple(m.objects.order_by("pk").values_list())
            for m in (Incident, Citation, Person, Organization, City, Affiliation)
        ]

    before = snapshot()
    call_command("loaddata", "statement", verbosity=0)
    assert counts() == EXPECTED
    assert snapshot() == before
    assert statement.signatories.count() == 23


def test_every_incident_is_published_and_cites_the_statement(statement: Source) -> None:
    assert not Incident.objects.exclude(status=Incident.Status.PUBLISHED).exists()
    assert not Incident.objects.filter(citations__isnull=True).exists()
    assert set(Citation.objects.values_list("source", flat=True)) == {statement.pk}


def test_every_excerpt_appears_verbatim_in_the_statement(statement: Source) -> None:
    original = STATEMENT_FILE.read_text(encoding="utf-8")
    for excerpt in Citation.objects.values_list("excerpt", flat=True):
        assert excerpt in statement.full_text, excerpt
        assert excerpt in original, excerpt


# The SHA-256 of the statement as published (the copy the project was given,
# ../shared/data/joint-statement-2021-07-14.txt, which a clone does not have):
# the committed copy must be that file, byte for byte.
STATEMENT_SHA256 = "019750c90076feda52ba6f2ad2fe89c630212db9366be1ed17158b9ed4523c4f"


def test_the_committed_copy_is_the_statement_as_published() -> None:
    digest = hashlib.sha256(STATEMENT_FILE.read_bytes()).hexdigest()
    assert digest == STATEMENT_SHA256


def test_the_stored_text_is_the_statement(statement: Source) -> None:
    original = STATEMENT_FILE.read_text(encoding="utf-8")

    def words(text: str) -> list[str]:
        return text.replace("A+ A-", "").split()

    # Verbatim except the web page's font-size buttons and runs of blank lines.
    assert words(statement.full_text) == words(original)
    assert statement.title == original.splitlines()[0]
    assert statement.published_on == RAID_DAY
    assert statement.kind == Source.Kind.STATEMENT


def test_it_holds_the_signatories_and_addressees(statement: Source) -> None:
    signatories = set(statement.signatories.values_list("name", flat=True))
    assert len(signatories) == 23
    assert {
        "Truth Hounds",
        "Kharkiv Human Rights Protection Group",
        "DEJURE Foundation",
    } <= signatories
    for name in signatories:
        assert name in statement.full_text
    addressees = [(a.position, a.name) for a in statement.addressees.all()]
    assert addressees[0] == ("President of Ukraine", "Volodymyr Zelensky")
    assert len(addressees) == 6
    for position, name in addressees:
        assert f"{position} {name}" in statement.full_text


def test_a_local_branch_belongs_to_its_organization(statement: Source) -> None:
    branch = Organization.objects.get(slug="viasna-human-rights-centre-mozyr-branch")
    assert branch.parent.name == "Viasna Human Rights Centre"
    assert branch.city.name == "Mozyr"
    rivne = Organization.objects.get(name__startswith="Public reception office")
    assert rivne.parent.name == "Ukrainian Helsinki Human Rights Union"


def test_one_event_mentioned_twice_is_one_incident(statement: Source) -> None:
    sharakh = Incident.objects.get(person__name="Nikolai Sharakh")
    assert sharakh.kind == Incident.Kind.SEARCH
    assert sharakh.city.name == "Polotsk"
    assert sharakh.organization.name == "Free Trade Unions, Polotsk branch"
    assert sharakh.citations.count() == 2
    kofanov = Incident.objects.get(person__name="Kirill Kofanov")
    assert (kofanov.city.name, kofanov.organization.name) == ("Brest", "Human Constanta")


def test_what_the_statement_does_not_state_stays_empty(statement: Source) -> None:
    # The list of people searched gives no city and no organization.
    bialiatski = Incident.objects.get(person__name="Ales Bialiatski")
    assert (bialiatski.city, bialiatski.organization) == (None, None)
    # Kazmerchak's search has no city; his detention is in Orsha, his portal unnamed.
    kazmerchak = Incident.objects.filter(person__name="Igor Kazmerchak")
    assert kazmerchak.get(kind="search").city is None
    detention = kazmerchak.get(kind="detention")
    assert (detention.city.name, detention.organization) == ("Orsha", None)
    assert not Affiliation.objects.filter(person__name="Igor Kazmerchak").exists()
    # The searched offices: no city stated.
    assert not Incident.objects.filter(person=None).exclude(city=None).exists()
    # Sazonov's role and organization are not stated.
    assert not Affiliation.objects.filter(person__name="Viktor Sazonov").exists()
    # Organizations have a city only where the statement names it.
    assert set(Organization.objects.exclude(city=None).values_list("city__name", flat=True)) == {
        "Mozyr",
        "Polotsk",
        "Rivne",
    }


def test_who_disappeared_or_could_not_be_reached_is_a_disappearance(statement: Source) -> None:
    disappeared = Incident.objects.filter(kind=Incident.Kind.DISAPPEARANCE)
    assert {(i.person.name, i.city.name) for i in disappeared} == {
        ("Viktor Sazonov", "Hrodna"),
        ("Vladimir Tselepun", "Mozyr"),
    }
    tselepun = disappeared.get(person__name="Vladimir Tselepun")
    assert tselepun.organization.slug == "viasna-human-rights-centre-mozyr-branch"
    # Sazonov was searched before he disappeared: two incidents.
    assert Incident.objects.filter(person__name="Viktor Sazonov").count() == 2


def test_an_example_from_before_the_raids_is_an_incident(statement: Source) -> None:
    pratasevich = Incident.objects.get(person__name="Raman Pratasevich")
    assert pratasevich.kind == Incident.Kind.DETENTION
    assert pratasevich.date == dt.date(2021, 5, 23)
    assert pratasevich.city.name == "Minsk"
    # "former editor": an affiliation in the past, not the incident's organization.
    assert pratasevich.organization is None
    assert Affiliation.objects.get(person=pratasevich.person).role == "former editor"


def test_aggregates_are_not_incidents(statement: Source) -> None:
    # Everything else happened on the day of the statement.
    assert set(Incident.objects.values_list("date", flat=True)) == {RAID_DAY, dt.date(2021, 5, 23)}
    for incident in Incident.objects.all():
        assert incident.person or incident.organization
    excerpts = " ".join(Citation.objects.values_list("excerpt", flat=True))
    assert "40,000" not in excerpts and "political prisoners" not in excerpts


def test_every_named_person_is_in_the_statement(statement: Source) -> None:
    for person in Person.objects.all():
        assert person.name in statement.full_text
    assert Person.objects.filter(name__endswith="Matskevich").count() == 3


def test_stored_name_keys_match_the_names(statement: Source) -> None:
    # loaddata bypasses save(), so the fixture carries name_key; it must be right.
    for model in (Person, Organization, City):
        for obj in model.objects.all():
            assert obj.name_key == name_key(obj.name)
            for alias in obj.aliases.all():
                assert alias.name_key == name_key(alias.name)


def test_the_fixture_file_uses_natural_keys() -> None:
    data = json.loads((ROOT / "fixtures" / "statement.json").read_text(encoding="utf-8"))
    assert all("pk" not in obj for obj in data)
    kinds = Counter(obj["model"] for obj in data)
    assert kinds["incidents.incident"] == 32
    # No sentence of the statement is cited in an altered form.
    text = STATEMENT_FILE.read_text(encoding="utf-8")
    sentences = {re.sub(r"\s+", " ", s) for s in text.split("\n")}
    for obj in data:
        if obj["model"] == "incidents.citation":
            assert any(obj["fields"]["excerpt"] in s for s in sentences)
