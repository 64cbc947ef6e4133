"""The names engine asked about the records: which people, organizations or
cities a spelling may name, best first.

Candidates are found by one index lookup of the spelling's keys
(models/spellings.py, kept on every save of a name or alias), then scored by
the engine against every name and alias of each (incidents.names.matching).
One function serves `manage.py match_name`, the public search boxes of the
lists, the admin's autocompletes and search, the duplicate warning, and
intake.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from ..models import City, CityKey, NotSame, Organization, OrganizationKey, Person, PersonKey
from . import spelling_keys, words
from .matching import score as person_score
from .translit import latin_key

MODELS: dict[str, tuple[type[Model], type[Model], str]] = {
    "person": (Person, PersonKey, "person"),
    "organization": (Organization, OrganizationKey, "organization"),
    "city": (City, CityKey, "city"),
}
# Candidates scored at most: a surname shared by thousands is cut to the
# records with the most keys in common.
CANDIDATES = 400
LIKELY = 0.8  # the duplicate warning asks from this score up
# A search box lists what the engine found from this score up (above it, half
# of the words at least agree); the rest of the list is the rows whose names
# hold the words as typed.
SEARCH_AT_LEAST = 0.5


@dataclass(frozen=True)
class Match:
    record: Any  # a Person, Organization or City
    score: float


def words_score(query: str, names: list[str]) -> float:
    """An organization's or a city's score: the share of the query's words
    whose loose Latin key is a word of the best of its names (1.0 when every
    word is, and no more words are there)."""
    asked = [k for k in (latin_key(w) for w in words(query)) if k]
    if not asked:
        return 0.0
    best = 0.0
    for name in names:
        have = [k for k in (latin_key(w) for w in words(name)) if k]
        if not have:
            continue
        if latin_key(query) == latin_key(name):
            return 1.0
        common = len(set(asked) & set(have))
        best = max(best, common / max(len(set(asked)), len(set(have))))
    return round(best, 3)


def match(
    text: str,
    kind: str = "person",
    *,
    limit: int = 10,
    queryset: QuerySet | None = None,
    at_least: float = 0.0,
    public: bool = False,
) -> list[Match]:
    """The records of `kind` that `text` may name, best first, each with a
    score in 0..1 (ties by name). `queryset` narrows the records looked at
    (e.g. public ones only); `public` scores each by the spellings the public
    may see only (a withheld name never makes a match)."""
    model, key_model, owner = MODELS[kind]
    keys = spelling_keys(kind, [text])
    if not keys or not text.strip():
        return []
    # The most specific keys first (a person's surname with the given name's
    # group): a common surname's thousands of records are read only when
    # those find fewer than `limit`.
    specific = sorted(k for k in keys if "|" in k)
    general = sorted(keys - set(specific))
    hits: dict[int, int] = defaultdict(int)
    for group in (specific, general):
        if not group or (group is general and len(hits) >= limit):
            continue
        rows = (
            key_model.objects.filter(key__in=group)  # type: ignore[attr-defined]
            .values_list(f"{owner}_id", flat=True)
            .order_by()
        )
        for pk in rows[: CANDIDATES * 20]:
            hits[pk] += 1 + (group is specific)
    ranked = sorted(hits, key=lambda pk: -hits[pk])[:CANDIDATES]
    records = queryset if queryset is not None else model._default_manager.all()
    candidates = list(records.filter(pk__in=ranked).prefetch_related("aliases"))
    out = []
    for record in candidates:
        names = (
            record.public_spellings()
            if public
            else [record.name, *(a.name for a in record.aliases.all())]
        )
        value = person_score(text, names) if kind == "person" else words_score(text, names)
        if value > at_least:
            out.append(Match(record, round(value, 3)))
    out.sort(key=lambda m: (-m.score, m.record.name, m.record.pk))
    return out[:limit]


def likely_duplicates(record: Any, name: str) -> list[Any]:
    """The records of `record`'s kind that `name` likely names (the duplicate
    warning), other than `record` itself and those a reviewer said are not
    the same."""
    kind = record.KIND
    not_same: set[int] = set()
    if record.pk is not None:
        for first, second in (
            NotSame.objects.filter(of=kind)
            .filter(first_id=record.pk)
            .values_list("first_id", "second_id")
            .union(
                NotSame.objects.filter(of=kind, second_id=record.pk).values_list(
                    "first_id", "second_id"
                )
            )
        ):
            not_same.add(second if first == record.pk else first)
    found = match(name, kind, limit=10, at_least=LIKELY - 0.001)
    return [m.record for m in found if m.record.pk != record.pk and m.record.pk not in not_same]
