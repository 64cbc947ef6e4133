"""The app's `Recogniser`: the names engine asked about the database.

- people: `incidents.names.matching.recognise` finds the names in a sentence
  (any script, any grammatical case: «Владимира Лабковича» is "Владимир
  Лабкович"), `incidents.names.records.match` ranks the people each may name.
  A name is taken as a known person only when the best score is high and
  clearly ahead of the next; otherwise it is proposed as new, with the likely
  people as candidates, never chosen silently;
- organizations and cities: every name and alias in the database, found in
  the sentence with their word forms (`memory.MemoryRecogniser`: «Вясны»,
  «у Брэсце», «гомельской»); branches by (parent, city).

One recogniser serves one report: what it looks up it keeps.
"""

from __future__ import annotations

from django.db.models import Model

from incidents.models import City, CityAlias, Organization, OrganizationAlias
from incidents.names.matching import recognise
from incidents.names.records import match

from .memory import MemoryRecogniser, Record
from .proposals import Found

__all__ = ["DatabaseRecogniser"]

# A known person: at least this score, and this far ahead of the next candidate.
SURE = 0.85
AHEAD = 0.1
# Candidates offered for a name: from this score up, at most this many.
LIKELY = 0.5
CANDIDATES = 5


def _records(
    model: type[Model], alias_model: type[Model], owner: str, *, branches: bool
) -> list[Record]:
    records: dict[int, Record] = {}
    fields = ["pk", "slug", "name"] + (["parent__slug", "city__slug"] if branches else [])
    for row in model._default_manager.values_list(*fields):
        pk, slug, name = row[:3]
        parent, city = (row[3], row[4]) if branches else (None, None)
        records[pk] = Record(slug, [name], parent, city)
    for pk, name in alias_model._default_manager.values_list(f"{owner}_id", "name"):
        if pk in records:
            records[pk].names.append(name)
    return list(records.values())


class DatabaseRecogniser:
    """Finds known people, organizations and cities through the names engine."""

    def __init__(self) -> None:
        self._places = MemoryRecogniser(
            (),
            _records(Organization, OrganizationAlias, "organization", branches=True),
            _records(City, CityAlias, "city", branches=False),
        )
        self._people: dict[str, tuple[str | None, tuple[str, ...], float]] = {}

    def person(self, name: str, written: str = "") -> tuple[str | None, tuple[str, ...], float]:
        """(slug of the known person or None, candidate slugs best first, score)."""
        key = f"{name}\x00{written}"
        if key not in self._people:
            found = match(name, "person", limit=CANDIDATES, at_least=LIKELY)
            if written and written != name:
                also = match(written, "person", limit=CANDIDATES, at_least=LIKELY)
                best: dict[int, float] = {}
                records = {}
                for m in [*found, *also]:
                    records[m.record.pk] = m.record
                    best[m.record.pk] = max(best.get(m.record.pk, 0.0), m.score)
                ranked = sorted(best, key=lambda pk: (-best[pk], records[pk].name))
                found_pairs = [(records[pk].slug, best[pk]) for pk in ranked[:CANDIDATES]]
            else:
                found_pairs = [(m.record.slug, m.score) for m in found]
            slug: str | None = None
            score = found_pairs[0][1] if found_pairs else 0.0
            if (
                found_pairs
                and score >= SURE
                and (len(found_pairs) == 1 or found_pairs[1][1] <= score - AHEAD)
            ):
                slug = found_pairs[0][0]
            self._people[key] = (slug, tuple(s for s, _ in found_pairs), score)
        return self._people[key]

    # --- the Recogniser protocol ---------------------------------------------------

    def people(self, sentence: str, lang: str) -> list[Found]:
        out = []
        for m in recognise(sentence, lang):
            slug, candidates, score = self.person(m.name, m.text)
            out.append(
                Found(m.start, m.end, m.text, slug, candidates, score if slug else 0.0, m.name)
            )
        return out

    def organizations(self, sentence: str, lang: str) -> list[Found]:
        return self._places.organizations(sentence, lang)

    def cities(self, sentence: str, lang: str) -> list[Found]:
        return self._places.cities(sentence, lang)

    def branch(self, organization: str, city: str) -> str | None:
        return self._places.branch(organization, city)
