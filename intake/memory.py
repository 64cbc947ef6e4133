"""A plain in-memory `Recogniser`: names matched as written, ignoring case.

For tests and for trying the pipeline without the database. The app's own
recogniser uses the names engine (any transliteration, any script); this one
knows only the names and aliases it is given, with a little tolerance for word
forms so that Cyrillic names are found in their cases:

- a Cyrillic word matches its stem (less a final vowel, й or ь, or an adjective's
  ending) followed by up to four letters: «Вясна» finds «Вясны», «Бяляцкі»
  «Бяляцкага», «Рабкова» «Рабковой»; ст ~ сц and ў ~ в alternate (Брэст, у Брэсце);
  a city also matches as an adjective («гомельской», «минский»);
- a person is found by first and last name in either order, with a patronymic
  between, by initial and surname («А. Бяляцкі»), or by surname alone (with a
  capital; ambiguous surnames give candidates and no match);
- Latin words match exactly, with an optional possessive ('s).

`MemoryRecogniser.from_fixture(data)` reads a Django fixture (incidents.person,
personalias, organization, organizationalias, city, cityalias);
`from_records(data)` a plain {"people": […], "organizations": […], "cities": […]}.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .proposals import Found

__all__ = ["MemoryRecogniser", "Record"]

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_QUOTES = "«»“”„\"'’‘"
_SEP = rf"[\s\u00a0{_QUOTES},.\-–]*?[\s\u00a0{_QUOTES}\-–]+[\s\u00a0{_QUOTES}]*"
_ADJECTIVE_END = re.compile(
    r"(?:ый|ий|ой|ій|ая|яя|ое|ее|ые|ие|ага|яга|ого|его|ої|ую|юю|ых|их)$", re.IGNORECASE
)
_PATRONYMIC = (
    r"(?:[А-ЯЁІЎЇЄҐ][а-яёіўїєґ']+(?:вич|вна|ич|ична|івна|віч|вічa|аўна|еўна|ович|овна|евич|евна)"
    r"\w{0,3}[\s\u00a0]+)?"
)


@dataclass
class Record:
    """A known person, organization or city: its slug and every name it goes by."""

    slug: str
    names: list[str]
    parent: str | None = None
    city: str | None = None
    surnames: list[str] = field(default_factory=list)


def _stem(word: str) -> str:
    base = _ADJECTIVE_END.sub("", word) if len(word) > 5 else word
    base = base.rstrip("аеёиоуыэюяіїєйьАЕЁИОУЫЭЮЯІЇЄЙЬ")
    return base if len(base) >= 3 else word


def _word_pattern(word: str, *, city: bool = False) -> str:
    """A regular expression for `word` and its forms."""
    core = word.strip(_QUOTES)
    if not core:
        return ""
    if not _CYRILLIC.search(core) or not core[-1].isalpha():
        return re.escape(core) + r"(?:['’]s)?"
    stem = _stem(core)
    alternatives = {re.escape(stem)}
    if stem.lower().endswith("ст"):
        alternatives.add(re.escape(stem[:-1]) + "ц")
    if stem.lower().endswith("ў"):
        alternatives.add(re.escape(stem[:-1]) + "в")
    stems = "|".join(sorted(alternatives, key=len, reverse=True))
    tail = r"(?:ь?с?к|ьск|цк|ськ|ен)?\w{0,6}" if city else r"\w{0,4}"
    if len(stem) < 4:
        tail = r"\w{0,3}"
    return rf"(?:{stems}){tail}"


def _name_pattern(name: str, *, city: bool = False) -> str:
    words = [w for w in re.split(r"[\s\u00a0]+|(?<=,)", name) if w.strip(_QUOTES + ",")]
    parts = [_word_pattern(w.rstrip(","), city=city) for w in words]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    pattern = _SEP.join(parts)
    if name.rstrip()[-1] in _QUOTES:
        pattern += "[»”\"“']?"
    return pattern


def _bounded(pattern: str) -> str:
    return rf"(?<!\w){pattern}(?!\w)"


class _Index:
    """One compiled alternation over every name of one kind of record."""

    def __init__(self, entries: list[tuple[str, str, str, float]]) -> None:
        # entries: (pattern, slug, key, score); key groups ambiguous surnames.
        entries = [e for e in entries if e[0]]
        entries.sort(key=lambda e: len(e[0]), reverse=True)
        self.entries = entries
        self.regex = (
            re.compile(
                "|".join(f"(?P<g{i}>{_bounded(p)})" for i, (p, _, _, _) in enumerate(entries)),
                re.IGNORECASE,
            )
            if entries
            else None
        )
        self.by_key: dict[str, list[str]] = {}
        for _, slug, key, _ in entries:
            slugs = self.by_key.setdefault(key, [])
            if slug not in slugs:
                slugs.append(slug)

    def find(self, sentence: str, *, capital: bool, city: bool = False) -> list[Found]:
        if self.regex is None:
            return []
        found: list[Found] = []
        pos = 0
        while True:
            m = self.regex.search(sentence, pos)
            if m is None:
                break
            group = m.lastgroup
            assert group is not None
            _, slug, key, score = self.entries[int(group[1:])]
            text = m.group()
            pos = m.end()
            first = text.lstrip(_QUOTES)[:1]
            if capital and first.islower():
                if not (city and re.search(r"(?:ск|цк|ськ)\w*$", text)):
                    pos = m.start() + 1
                    continue
            slugs = self.by_key.get(key, [slug])
            if len(slugs) > 1:
                found.append(Found(m.start(), m.end(), text, None, tuple(slugs), score / 2))
            else:
                found.append(Found(m.start(), m.end(), text, slug, (slug,), score))
        return found


class MemoryRecogniser:
    """Finds known people, organizations and cities by name, in memory."""

    def __init__(
        self,
        people: Iterable[Record] = (),
        organizations: Iterable[Record] = (),
        cities: Iterable[Record] = (),
    ) -> None:
        self._people = list(people)
        self._organizations = list(organizations)
        self._cities = list(cities)
        self._build()

    def _build(self) -> None:
        person_entries: list[tuple[str, str, str, float]] = []
        for record in self._people:
            for name in record.names:
                words = name.split()
                if len(words) < 2:
                    person_entries.append((_name_pattern(name), record.slug, record.slug, 0.8))
                    continue
                first, last = words[0], " ".join(words[1:])
                fp, lp = _name_pattern(first), _name_pattern(last)
                sep = r"[\s\u00a0]+"
                person_entries.append((fp + sep + _PATRONYMIC + lp, record.slug, record.slug, 1.0))
                person_entries.append((lp + sep + fp + r"(?!\w)", record.slug, record.slug, 0.9))
                initial = re.escape(first[0])
                person_entries.append(
                    (
                        initial + r"\.[\s\u00a0]?(?:\w\.[\s\u00a0]?)?" + lp,
                        record.slug,
                        record.slug,
                        0.8,
                    )
                )
                surname_key = "surname:" + _stem(last.lower())
                person_entries.append((lp, record.slug, surname_key, 0.7))
        self._person_index = _Index(person_entries)
        self._org_index = _Index(
            [
                (_name_pattern(name), r.slug, r.slug, 1.0)
                for r in self._organizations
                for name in r.names
            ]
        )
        self._city_index = _Index(
            [
                (_name_pattern(name, city=True), r.slug, r.slug, 1.0)
                for r in self._cities
                for name in r.names
            ]
        )
        self._branches = {
            (r.parent, r.city): r.slug for r in self._organizations if r.parent and r.city
        }

    # --- the Recogniser protocol ---------------------------------------------------

    def people(self, sentence: str, lang: str) -> list[Found]:
        return self._person_index.find(sentence, capital=True)

    def organizations(self, sentence: str, lang: str) -> list[Found]:
        return self._org_index.find(sentence, capital=False)

    def cities(self, sentence: str, lang: str) -> list[Found]:
        return self._city_index.find(sentence, capital=True, city=True)

    def branch(self, organization: str, city: str) -> str | None:
        return self._branches.get((organization, city))

    # --- building ------------------------------------------------------------------

    def extended(self, other: MemoryRecogniser) -> MemoryRecogniser:
        """A recogniser that knows this one's records and `other`'s (names merged by slug)."""

        def merge(a: list[Record], b: list[Record]) -> list[Record]:
            out = {r.slug: Record(r.slug, list(r.names), r.parent, r.city) for r in a}
            for r in b:
                if r.slug in out:
                    out[r.slug].names.extend(n for n in r.names if n not in out[r.slug].names)
                    out[r.slug].parent = out[r.slug].parent or r.parent
                    out[r.slug].city = out[r.slug].city or r.city
                else:
                    out[r.slug] = Record(r.slug, list(r.names), r.parent, r.city)
            return list(out.values())

        return MemoryRecogniser(
            merge(self._people, other._people),
            merge(self._organizations, other._organizations),
            merge(self._cities, other._cities),
        )

    @classmethod
    def from_fixture(cls, source: str | Path | list[dict[str, Any]]) -> MemoryRecogniser:
        """From a Django fixture with natural keys (such as fixtures/statement.json)."""
        if isinstance(source, (str, Path)):
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        else:
            data = source
        people: dict[str, Record] = {}
        orgs: dict[str, Record] = {}
        cities: dict[str, Record] = {}

        def key(value: Any) -> str | None:
            if isinstance(value, list):
                return str(value[0]) if value else None
            return str(value) if value else None

        for obj in data:
            model, f = obj.get("model"), obj.get("fields", {})
            if model == "incidents.person":
                people[f["slug"]] = Record(f["slug"], [f["name"]])
            elif model == "incidents.organization":
                orgs[f["slug"]] = Record(
                    f["slug"], [f["name"]], key(f.get("parent")), key(f.get("city"))
                )
            elif model == "incidents.city":
                cities[f["slug"]] = Record(f["slug"], [f["name"]])
        for obj in data:
            model, f = obj.get("model"), obj.get("fields", {})
            if model == "incidents.personalias" and key(f.get("person")) in people:
                people[str(key(f["person"]))].names.append(f["name"])
            elif model == "incidents.organizationalias" and key(f.get("organization")) in orgs:
                orgs[str(key(f["organization"]))].names.append(f["name"])
            elif model == "incidents.cityalias" and key(f.get("city")) in cities:
                cities[str(key(f["city"]))].names.append(f["name"])
        return cls(people.values(), orgs.values(), cities.values())

    @classmethod
    def from_records(cls, data: dict[str, list[dict[str, Any]]]) -> MemoryRecogniser:
        """From {"people": [{"slug", "name", "aliases"}], "organizations": [… "parent",
        "city"], "cities": […]}."""

        def records(items: list[dict[str, Any]]) -> list[Record]:
            return [
                Record(
                    item["slug"],
                    [item["name"], *item.get("aliases", [])],
                    item.get("parent"),
                    item.get("city"),
                )
                for item in items
            ]

        return cls(
            records(data.get("people", [])),
            records(data.get("organizations", [])),
            records(data.get("cities", [])),
        )
