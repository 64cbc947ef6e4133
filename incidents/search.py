"""Full-text search of incidents: what `q` means and which ids it finds.

Every incident keeps `search_text` (its summary with protected names withheld,
and the public names of its person, organization and city with their
transliterated keys; see models.search_text). SQLite searches it through the
FTS5 table incident_fts (migration 0007), PostgreSQL through the stored
tsvector search_vector (migration 0012). Each word of `q` must start a word of
the text, as typed or as its name key.
"""

from __future__ import annotations

import hashlib
import re

from django.core.cache import cache
from django.db import connection
from django.db.models.expressions import RawSQL

from .models import counts_version, name_key
from .redaction import index_form

# Words this long or longer also match similar words on PostgreSQL (pg_trgm).
TRIGRAM_MIN = 5


def _terms(words: list[str]) -> list[tuple[str, list[list[str]]]]:
    """Each word with its spellings to try: as typed (casefolded) and as its name
    key (transliterated), each a list of tokens (letters and digits only). Words
    with neither are left out."""
    terms = []
    for word in words:
        spellings = {
            tuple(t for t in re.split(r"[\W_]+", index_form(word)) if t),
            tuple(name_key(word).split()),
        }
        spellings.discard(())
        if spellings:
            terms.append((word, [list(tokens) for tokens in sorted(spellings)]))
    return terms


def _postgresql_ids(terms: list[tuple[str, list[list[str]]]]) -> RawSQL:
    """Each word as a token prefix in the stored tsvector (GIN on search_vector,
    migration 0012). When that finds nothing and a word has TRIGRAM_MIN letters
    or more, each such word may instead be similar to a word of the text
    (pg_trgm's <%, GIN incident_search_trgm): a name typed with a slip,
    "Bialatski" for Bialiatski, is still found. (Similarity is checked row by
    row, so it is only the fallback.)"""

    def ids(fuzzy: bool) -> tuple[str, list[str]]:
        conditions, params = [], []
        for word, spellings in terms:
            tsquery = " | ".join(
                "(" + " & ".join(f"{t}:*" for t in tokens) + ")" for tokens in spellings
            )
            condition = "search_vector @@ to_tsquery('simple'::regconfig, %s)"
            params.append(tsquery)
            if fuzzy and len(word) >= TRIGRAM_MIN and word.isalpha():
                condition += " OR %s <%% search_text"
                params.append(word.lower())
            conditions.append(f"({condition})")
        # Constant SQL fragments joined; the words go as parameters.
        return f"SELECT id FROM incidents_incident WHERE {' AND '.join(conditions)}", params  # noqa: S608

    sql, params = ids(fuzzy=False)
    if any(len(word) >= TRIGRAM_MIN and word.isalpha() for word, _ in terms):
        # Whether the exact words find anything: known until the next change.
        digest = hashlib.sha256("\n".join(params).encode()).hexdigest()
        key = f"incidents:q-exact:{counts_version()}:{digest}"
        found = cache.get(key)
        if found is None:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT EXISTS ({sql})", params)  # noqa: S608
                found = cursor.fetchone()[0]
            cache.set(key, found)
        if not found:
            sql, params = ids(fuzzy=True)
    return RawSQL(sql, params)  # noqa: S611


def full_text_ids(words: list[str]) -> RawSQL | None:
    """A subquery of the ids of incidents whose search text has every word (as a
    prefix of a token, in any script and case). None: nothing to search for.

    SQLite reads the FTS5 table incident_fts; PostgreSQL, see _postgresql_ids.
    """
    terms = _terms(words)
    if not terms:
        return None
    if connection.vendor == "postgresql":
        return _postgresql_ids(terms)
    query = " AND ".join(
        "("
        + " OR ".join("(" + " AND ".join(f'"{t}"*' for t in tokens) + ")" for tokens in word)
        + ")"
        for _typed, word in terms
    )
    return RawSQL("SELECT rowid FROM incident_fts WHERE incident_fts MATCH %s", [query])


def ids_with_any_word(words: list[str]) -> RawSQL | None:
    """A subquery of the ids of incidents whose search text has a word that
    starts with any of `words` (each as typed, read as the index reads text).
    Broader than `q`, never narrower: used to find every incident that may
    hold a name, whatever the case or script of the text."""
    tokens = sorted({t for word in words for t in re.split(r"[\W_]+", index_form(word)) if t})
    if not tokens:
        return None
    if connection.vendor == "postgresql":
        query = " | ".join(f"{t}:*" for t in tokens)
        return RawSQL(  # noqa: S611
            "SELECT id FROM incidents_incident "
            "WHERE search_vector @@ to_tsquery('simple'::regconfig, %s)",
            [query],
        )
    query = " OR ".join(f'"{t}"*' for t in tokens)
    return RawSQL("SELECT rowid FROM incident_fts WHERE incident_fts MATCH %s", [query])
