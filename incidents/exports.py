"""CSV and JSON exports of the filtered set: every row, streamed in constant memory.

Rows are read in chunks straight from the database as tuples; the source titles
of each chunk come from one more query. Columns are fixed by DESIGN.md.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify
from unidecode import unidecode

from .models import Citation
from .names import NAME_WITHHELD

COLUMNS = ["id", "date", "kind", "person", "organization", "city", "summary", "sources", "url"]
CHUNK = 2000
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ROW_FIELDS = (
    "id",
    "date",
    "kind",
    "person__name",
    "person__identity_protected",
    "organization__public_name",
    "city__name",
    "summary",
)


def export_rows(
    qs: QuerySet, incident_url_prefix: str, redact: Callable[[str], str]
) -> Iterator[dict[str, Any]]:
    """One dict per incident, in the queryset's order; unknown values are None.
    Summaries pass through `redact` (protected names withheld)."""
    rows = qs.values_list(*ROW_FIELDS).iterator(chunk_size=CHUNK)
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _with_sources(chunk, incident_url_prefix, redact)
            chunk = []
    if chunk:
        yield from _with_sources(chunk, incident_url_prefix, redact)


def _with_sources(
    chunk: list[tuple], url_prefix: str, redact: Callable[[str], str]
) -> Iterator[dict[str, Any]]:
    titles: dict[int, list[str]] = defaultdict(list)
    citations = (
        Citation.objects.filter(incident_id__in=[row[0] for row in chunk])
        .order_by("incident_id", "id")
        .values_list("incident_id", "source__public_title")
    )
    for incident_id, title in citations:
        if title not in titles[incident_id]:
            titles[incident_id].append(title)
    withheld = str(NAME_WITHHELD)
    for pk, date, kind, person, protected, organization, city, summary in chunk:
        yield {
            "id": pk,
            "date": date.isoformat(),
            "kind": kind,
            "person": withheld if protected else person,
            "organization": organization,
            "city": city,
            "summary": redact(summary),
            "sources": " | ".join(titles[pk]),
            "url": f"{url_prefix}{pk}/",
        }


def neutralise(value: Any) -> Any:
    """Keep a spreadsheet from running a text cell as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for row in rows:
        yield writer.writerow([neutralise("" if row[c] is None else row[c]) for c in COLUMNS])


def json_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    first = True
    for row in rows:
        yield ("\n" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]\n"


def export_filename(active: dict[str, list[str]], extension: str) -> str:
    """`incidents_city-brest+hrodna_kind-search.csv`: the name says the filter."""
    parts = ["incidents"]
    for name in ("kind", "city", "organization", "person", "date_after", "date_before", "q"):
        if name in active:
            parts.append(
                f"{name.replace('_', '-')}-" + "+".join(slugify(unidecode(v)) for v in active[name])
            )
    stem = "_".join(parts)[:150].rstrip("-_+")
    return f"{stem}.{extension}"
