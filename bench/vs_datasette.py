"""Datasette 0.65.5 on the same published incidents, for bench/run.py (list
pages) and bench/export.py (CSV streaming).

Installed in bench/out/datasette-venv. The table is built once per data set
(rebuilt when the published incidents or this schema change) as
bench/out/datasette-N.db (datasette-N-DBNAME.db for PostgreSQL):

- one denormalized table with the export columns (the export's rows: protected
  names withheld, summaries redacted), plus `year` and `organization_group`
  (the parent organization's name for a branch, else the organization's own):
  our organization filter and facet count a branch's incidents for its parent,
  and our list has a year facet;
- indexes equivalent to ours (Incident.Meta.indexes; the table holds published
  rows only, so `status` is dropped): (date, id), (city, date),
  (organization_group, date), (person, date), (kind); (status, city) and
  (status, organization) are prefixes of these. Plus (year), which we do not
  have (our year facet reads the tally), so that Datasette's year facet can
  count an index;
- our search text (Incident.search_text: the summary with protected names
  withheld, the names with their keys and the names engine's tokens) in a
  column of its own, and an FTS5 table over it, declared content="incidents"
  (the quoting Datasette detects), with our tokenizer (unicode61
  remove_diacritics 2): Datasette is asked, in its raw search mode, the very
  FTS5 expression our search asks (SearchTerms.fts5_query), over the same
  text, so both answer the same query (the rows are checked);
- ANALYZE, then `datasette inspect --inspect-file`, served with -i (immutable)
  and --inspect-file, as Datasette's documentation advises for immutable
  databases (the unfiltered count is read from it).

Served with sql_time_limit_ms and facet_time_limit_ms raised to 60 s so that it
answers, page size 50, facet size 12 (ours), suggest_facets off (and
_nosuggest=1 on every URL), max_csv_mb 0 (no cut in a full CSV).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from common import HOST, OUT, ROOT, manage, served, sqlite_path

VERSION = "0.65.5"
VENV = OUT / "datasette-venv"
# Bump when the table, its indexes or its FTS change: the table is rebuilt.
SCHEMA = 3

EXPORT_COLUMNS = [
    "id",
    "date",
    "kind",
    "person",
    "organization",
    "city",
    "summary",
    "sources",
    "url",
]
TABLE = """CREATE TABLE incidents (
    id INTEGER PRIMARY KEY, date TEXT, year INTEGER, kind TEXT, person TEXT,
    organization TEXT, organization_group TEXT, city TEXT, summary TEXT, sources TEXT,
    url TEXT, search_text TEXT)"""
# Ours (incidents.models.Incident.Meta.indexes) -> Datasette's.
INDEXES = {
    "incidents_date_id": "date DESC, id DESC",  # (status, -date, -id)
    "incidents_city_date": "city, date",  # (city, -date); (status, city)
    "incidents_group_date": "organization_group, date",  # (organization, -date); (status, organization)
    "incidents_person_date": "person, date",  # (person, -date)
    "incidents_kind": "kind",  # (status, kind)
    "incidents_year": "year",  # none: our year facet reads IncidentTally
}
FTS = """CREATE VIRTUAL TABLE incidents_fts USING fts5(
    search_text,
    content="incidents", content_rowid="id", tokenize="unicode61 remove_diacritics 2")"""
SETTINGS = {
    "sql_time_limit_ms": "60000",
    "facet_time_limit_ms": "60000",
    "default_page_size": "50",
    "default_facet_size": "12",
    "num_sql_threads": "4",
    "suggest_facets": "off",
    "max_csv_mb": "0",
}
# Every list query: our page's size, order and facets (kind, city,
# organization with its branches, year), without facet suggestions.
LIST_PARAMS = [
    ("_size", "50"),
    ("_sort_desc", "date"),
    ("_facet", "kind"),
    ("_facet", "city"),
    ("_facet", "organization_group"),
    ("_facet", "year"),
    ("_nosuggest", "1"),
    ("_nocol", "search_text"),  # not in our page either
]


def install() -> Path:
    """The datasette command, installed from PyPI in its own venv if missing."""
    datasette = VENV / "bin" / "datasette"
    if not datasette.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(VENV / "bin" / "pip"), "install", "-q", f"datasette=={VERSION}"], check=True
        )
    return datasette


def db_path(count: int, database_url: str) -> Path:
    if sqlite_path(database_url) is not None:
        return OUT / f"datasette-{count}.db"
    return OUT / f"datasette-{count}-{urlsplit(database_url).path.strip('/')}.db"


def build(env: dict[str, str], count: int) -> tuple[Path, Path]:
    """The Datasette database of the published incidents of `env`'s data set and
    its inspect file, (re)built when missing or out of date."""
    datasette = install()
    db = db_path(count, env["DATABASE_URL"])
    inspect = db.with_suffix(".inspect.json")
    stamp = db.with_suffix(".source")
    code = (
        "from django.db.models import Count, Max\n"
        "from incidents.models import Incident\n"
        "a = Incident.objects.published().aggregate(n=Count('id'), top=Max('id'), "
        "changed=Max('updated_at'))\n"
        "print(a['n'], a['top'], a['changed'].isoformat() if a['changed'] else '')\n"
    )
    last = manage(env, "shell", "-c", code).strip().splitlines()[-1]
    source = f"schema {SCHEMA}, datasette {VERSION}, incidents (count, max id, updated) {last}"
    if db.exists() and inspect.exists() and stamp.exists() and stamp.read_text() == source:
        return db, inspect
    for path in (db, inspect, stamp):
        path.unlink(missing_ok=True)
    part = db.with_suffix(".part")
    part.unlink(missing_ok=True)
    bench = str(Path(__file__).resolve().parent)
    manage(
        env,
        "shell",
        "-c",
        f"import sys; sys.path.insert(0, {bench!r}); import vs_datasette; "
        f"vs_datasette.fill({str(part)!r})",
    )
    part.rename(db)
    subprocess.run(
        [str(datasette), "inspect", str(db), "--inspect-file", str(inspect)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stamp.write_text(source)
    print(f"built {db.name} and {inspect.name} for Datasette")
    return db, inspect


def fill(path: str) -> None:
    """Write the table (runs inside `manage.py shell`, on the data set)."""
    import sqlite3

    from incidents.exports import COLUMNS, export_rows
    from incidents.models import Incident
    from incidents.redaction.public import public_redactor

    assert COLUMNS == EXPORT_COLUMNS, COLUMNS
    published = Incident.objects.published()
    # A branch's parent as the export names organizations (its public name).
    groups = dict(
        published.filter(organization__parent__isnull=False).values_list(
            "id", f"organization__parent__{organization_name_field()}"
        )
    )
    rows = export_rows(published.order_by("id"), f"http://{HOST}/incidents/", public_redactor())
    texts = published.order_by("id").values_list("search_text", flat=True).iterator(chunk_size=5000)
    db = sqlite3.connect(path)
    db.execute(TABLE)
    db.executemany(
        "INSERT INTO incidents (id, date, year, kind, person, organization, organization_group, "
        "city, summary, sources, url, search_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                r["id"],
                r["date"],
                int(r["date"][:4]),
                r["kind"],
                r["person"],
                r["organization"],
                groups.get(r["id"], r["organization"]),
                r["city"],
                r["summary"],
                r["sources"],
                r["url"],
                text,
            )
            for r, text in zip(rows, texts, strict=True)
        ),
    )
    for name, columns in INDEXES.items():
        db.execute(f"CREATE INDEX {name} ON incidents ({columns})")
    db.execute(FTS)
    db.execute("INSERT INTO incidents_fts(incidents_fts) VALUES ('rebuild')")
    db.execute("ANALYZE")
    db.commit()
    db.execute("VACUUM")
    db.close()


def organization_name_field() -> str:
    """The field that holds an organization's name as the public sees it
    (public_name, where the model has it: a protected person's name withheld)."""
    from incidents.models import Organization

    names = {f.name for f in Organization._meta.get_fields()}
    return "public_name" if "public_name" in names else "name"


def serve(db: Path, inspect: Path, port: int) -> Any:
    """Datasette serving `db` immutable with its inspect file, for the block."""
    command = [str(install()), "serve", "-i", str(db), "--inspect-file", str(inspect)]
    command += ["--host", HOST, "--port", str(port)]
    for name, value in SETTINGS.items():
        command += ["--setting", name, value]
    return served(command, port, cwd=ROOT)


def list_path(db: Path, params: list[tuple[str, str]]) -> str:
    """The table's JSON page for these filters (Datasette's own parameters)."""
    return f"/{db.stem}/incidents.json?" + urlencode(LIST_PARAMS + params)


def csv_path(db: Path, by_date: bool = False) -> str:
    """Every row as CSV, streamed, in our export's columns. In Datasette's order
    (its primary key, id); `by_date`: in ours (_sort_desc=date), which 0.65.5
    streams with rows lost, as its first page sorts by date alone, with no id
    to break ties, while the next pages resume after (date, id)."""
    params = [("_stream", "on"), ("_size", "max")] + ([("_sort_desc", "date")] if by_date else [])
    params += [("_nocol", "year"), ("_nocol", "organization_group"), ("_nocol", "search_text")]
    return f"/{db.stem}/incidents.csv?" + urlencode(params)


def answer(body: bytes) -> tuple[int, list[str], str]:
    """A JSON page's filtered_table_rows_count, its rows' dates and the SQL it ran."""
    data = json.loads(body)
    date = data["columns"].index("date")
    dates = [row[date] for row in data["rows"]]
    return data["filtered_table_rows_count"], dates, data.get("query", {}).get("sql", "")
