"""A property test of the promise the tracker makes: a protected person's name,
current or former, never reaches the public, whatever was written where, in
whatever spacing and case, after whatever sequence of edits.

Hypothesis builds people with random names and aliases in Latin and Cyrillic,
writes those names into summaries, excerpts, source titles and full texts,
descriptions and roles with random gaps (line breaks, runs of spaces, no-break
spaces, soft hyphens, zero-width characters) and case, and applies a random
sequence of edits (rename, alias added, renamed or removed, protect,
unprotect). Then it walks every public URL pattern, the exports, the feed, the
sitemap and the searches with each spelling, and checks that no response holds
any name of a person protected at the end.

The check is independent of the matcher under test: a response's letters,
case-folded, must not contain a name's letters. CI runs the "ci" profile
(tests/conftest.py: derandomized, so a failure reproduces);
`pytest --hypothesis-profile=thorough tests/test_protection_property.py` runs
ten times as many examples.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from unidecode import unidecode

from incidents.models import Incident, Organization, Person, PersonAlias, Source

from .factories import (
    AddresseeFactory,
    AffiliationFactory,
    CitationFactory,
    CityFactory,
    IncidentFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
)
from .test_protection import public_patterns

pytestmark = pytest.mark.django_db


# Consonants and vowels, alternated: no letter doubled, so that no name's
# transliterated key (which folds doubled letters) is shorter than the name.
LATIN = ("bcdfghklmnprstvz", "aeiou")
CYRILLIC = ("бвгджзклмнпрстфхцчшў", "аеиоуяюіїєё")
GAPS = [" ", "\n", "  ", "\u00a0", "\u00ad ", " \u00ad", "\u200b", "\t", "\r\n", " \u2060"]


@st.composite
def word(draw: Any, script: tuple[str, str]) -> str:
    length = draw(st.integers(6, 9))
    first = draw(st.integers(0, 1))
    return "".join(
        draw(st.sampled_from(script[(first + i) % 2])) for i in range(length)
    ).capitalize()


@st.composite
def names(draw: Any) -> str:
    """Two or three words of 6 to 9 letters, all in one script."""
    script = draw(st.sampled_from([LATIN, CYRILLIC]))
    return " ".join(draw(st.lists(word(script), min_size=2, max_size=3)))


@st.composite
def spelled(draw: Any, name: str) -> str:
    """`name` as a source might write it: another case, other gaps."""
    case = draw(st.sampled_from(["as is", "upper", "lower"]))
    text = {"as is": name, "upper": name.upper(), "lower": name.lower()}[case]
    words = text.split(" ")
    out = words[0]
    for word in words[1:]:
        out += draw(st.sampled_from(GAPS)) + word
    if draw(st.booleans()):
        # A soft hyphen inside a word, as a word processor leaves it.
        cut = draw(st.integers(1, len(words[-1]) - 1))
        out = (
            out[: len(out) - len(words[-1]) + cut]
            + "\u00ad"
            + out[len(out) - len(words[-1]) + cut :]
        )
    return out


PLACES = [
    "summary",
    "excerpt",
    "title",
    "full_text",
    "description",
    "role",
    "org_description",
    "org_name",
    "addressee",
    "url",
]
EDITS = st.one_of(
    st.tuples(st.just("rename"), names()),
    st.tuples(st.just("add_alias"), names()),
    st.tuples(st.just("rename_alias"), names()),
    st.tuples(st.just("delete_alias"), st.none()),
    st.tuples(st.just("protect"), st.none()),
    st.tuples(st.just("unprotect"), st.none()),
    st.tuples(st.just("write"), st.sampled_from(PLACES)),
)


def letters(text: str) -> str:
    """Words of `text`, case-folded, one space between them, with a space at
    each end: invisible joiners inside a word are dropped, and anything else
    that is not a letter or digit parts words. A name is in a text when its
    letters are in the text's, word for word."""
    text = re.sub("[\u00ad\u200c\u200d\u2060\ufeff]", "", text.casefold())
    return " " + " ".join(re.sub(r"[\W_]+", " ", text).split()) + " "


class World:
    """People and what is written about them, with every name each one had."""

    def __init__(self) -> None:
        self.city = CityFactory(name="Propertycity")
        self.org = OrganizationFactory(name="Propertyorg")
        self.open = PersonFactory(name="Open Bystander")
        self.people: list[Person] = []
        self.had: dict[int, set[str]] = {}
        self.day = dt.date(2020, 1, 1)

    def next_day(self) -> dt.date:
        self.day += dt.timedelta(days=1)
        return self.day

    def add_person(self, name: str, protected: bool) -> Person:
        person = PersonFactory(name=name, identity_protected=protected, description="")
        # Their own published incident: their name must not show on it either.
        incident = IncidentFactory(
            person=person, city=self.city, date=self.next_day(), summary="Searched at home."
        )
        CitationFactory(incident=incident)
        self.people.append(person)
        self.had[person.pk] = {name}
        return person

    def current_names(self, person: Person) -> list[str]:
        return [person.name, *person.aliases.values_list("name", flat=True)]

    def write(self, place: str, text: str) -> None:
        """A published record whose `place` holds `text`."""
        if place == "summary":
            incident = IncidentFactory(
                person=self.open, date=self.next_day(), summary=f"Seen with {text}."
            )
            CitationFactory(incident=incident)
        elif place in ("excerpt", "full_text", "title"):
            sentence = f"{text} was searched."
            source = SourceFactory(
                title=f"Report on {text}" if place == "title" else "A report",
                full_text=f"Opening words. {sentence} Closing words.",
            )
            incident = IncidentFactory(person=self.open, date=self.next_day(), summary="Searched.")
            excerpt = sentence if place == "excerpt" else "Opening words."
            CitationFactory(incident=incident, source=source, excerpt=excerpt)
        elif place == "description":
            colleague = PersonFactory(name="Open Colleague", description=f"Works with {text}.")
            CitationFactory(incident=IncidentFactory(person=colleague, date=self.next_day()))
        elif place == "role":
            colleague = PersonFactory(name="Open Deputy", description="")
            AffiliationFactory(person=colleague, organization=self.org, role=f"deputy of {text}")
            CitationFactory(
                incident=IncidentFactory(
                    person=colleague, organization=self.org, date=self.next_day()
                )
            )
        elif place == "org_name":
            org = OrganizationFactory(name=f"Office of {text}", description="")
            incident = IncidentFactory(person=self.open, organization=org, date=self.next_day())
            CitationFactory(incident=incident)
        elif place == "addressee":
            incident = IncidentFactory(person=self.open, date=self.next_day(), summary="Searched.")
            citation = CitationFactory(incident=incident)
            AddresseeFactory(source=citation.source, name=text, position="Minister")
        elif place == "url":
            slug = "-".join(text.split())
            source = SourceFactory(title="A news report", url=f"https://example.org/{slug}")
            incident = IncidentFactory(person=self.open, date=self.next_day(), summary="Searched.")
            CitationFactory(incident=incident, source=source)
        elif place == "org_description":
            org = OrganizationFactory(name="Open Foundation", description=f"Founded by {text}.")
            CitationFactory(
                incident=IncidentFactory(organization=org, person=None, date=self.next_day())
            )

    def apply(self, person: Person, edit: str, value: Any, draw: Any) -> None:
        person.refresh_from_db()
        aliases = list(PersonAlias.objects.filter(person=person).order_by("pk"))
        if edit == "rename":
            person.name = value
            person.save()
            self.had[person.pk].add(value)
        elif edit == "add_alias":
            PersonAlias.objects.get_or_create(person=person, name=value)
            self.had[person.pk].add(value)
        elif edit == "rename_alias" and aliases and value not in self.current_names(person):
            aliases[0].name = value
            aliases[0].save()
            self.had[person.pk].add(value)
        elif edit == "delete_alias" and aliases:
            aliases[-1].delete()
        elif edit in ("protect", "unprotect"):
            person.identity_protected = edit == "protect"
            person.save()
        elif edit == "write":
            name = draw(st.sampled_from(self.current_names(person)))
            self.write(value, draw(spelled(name)))

    def urls(self) -> list[str]:
        """Every public page of what exists, one or more per URL pattern."""
        out = ["/", "/incidents/", "/people/", "/organizations/", "/cities/", "/sources/"]
        out += ["/incidents/export.csv", "/incidents/export.json", "/incidents/feed/"]
        out += ["/sitemap.xml", "/robots.txt", "/favicon.ico"]
        out += [
            f"/sitemap-{s}.xml"
            for s in ("pages", "incidents", "people", "organizations", "cities", "sources")
        ]
        out += [i.get_absolute_url() for i in Incident.objects.published()]
        out += [p.get_absolute_url() for p in Person.objects.public()]
        out += [o.get_absolute_url() for o in Organization.objects.public()]
        out += [self.city.get_absolute_url()]
        out += [s.get_absolute_url() for s in Source.objects.public()]
        out += [f"/incidents/?person={p.public_slug}" for p in self.people]
        return out


def assert_withheld(client: Client, world: World) -> None:
    people = list(Person.objects.filter(pk__in=[p.pk for p in world.people]))
    secrets = {n for p in people if p.identity_protected for n in world.had[p.pk]}
    # What an unprotected person had is theirs to show, with its slug's
    # transliteration: if it spells a protected name or one of its words, that
    # spelling is not checked (two people may share a name).
    innocent = [
        form
        for p in people
        if not p.identity_protected
        for n in world.had[p.pk]
        for form in (letters(n), letters(unidecode(n)))
    ]

    def is_innocent(text: str) -> bool:
        forms = (letters(text), letters(unidecode(text)))
        return any(mine in form for mine in forms for form in innocent)

    secrets = {n for n in secrets if not is_innocent(n)}
    keys = {letters(n): n for n in secrets}
    for url in world.urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = letters(body.decode(errors="replace"))
        for key, name in keys.items():
            assert key not in text, (url, name)
    # Search with each spelling finds none of the records that name them.
    for name in secrets:
        words = {w for w in name.split() if not is_innocent(w)}
        for q in {name, name.upper(), name.lower(), *words}:
            response = client.get("/incidents/", {"q": q})
            assert response.context["page"].paginator.count == 0, (q, name)
            for url in ("/incidents/export.csv", "/incidents/export.json", "/incidents/feed/"):
                response = client.get(url, {"q": q})
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                # The feed links back to the list with the visitor's own query.
                text = body.decode().replace(urlencode({"q": q}), "")
                assert letters(name) not in letters(text), (url, q)
            for url in ("/people/", "/sources/"):
                response = client.get(url, {"q": q})
                assert response.context["page"].paginator.count == 0, (url, q)


@given(data=st.data())
def test_no_public_response_holds_a_protected_name(
    data: st.DataObject, django_capture_on_commit_callbacks: Any
) -> None:
    with transaction.atomic():
        cache.clear()
        world = World()
        count = data.draw(st.integers(1, 2), label="people")
        for _ in range(count):
            with django_capture_on_commit_callbacks(execute=True):
                person = world.add_person(
                    data.draw(names(), label="name"), data.draw(st.booleans())
                )
                # Written before any edit, in the name they have now.
                for place in data.draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=3)):
                    world.write(place, data.draw(spelled(person.name)))
        for person_index, (edit, value) in data.draw(
            st.lists(st.tuples(st.integers(0, count - 1), EDITS), max_size=6), label="edits"
        ):
            with django_capture_on_commit_callbacks(execute=True):
                world.apply(world.people[person_index], edit, value, data.draw)
        with django_capture_on_commit_callbacks(execute=True):
            world.apply(world.people[0], "protect", None, data.draw)
        assert_withheld(Client(), world)
        transaction.set_rollback(True)


def test_the_walk_reaches_every_public_url_pattern() -> None:
    world = World()
    person = world.add_person("Walker Person", protected=True)
    for place in PLACES:
        world.write(place, person.name)
    from django.urls import resolve

    reached = {
        f"{m.namespace}:{m.url_name}" if m.namespace else m.url_name
        for m in (resolve(url.split("?")[0]) for url in world.urls())
    }
    assert reached == set(public_patterns())
