"""Full-text search of incidents: what `q` means and which ids it finds.

Every incident keeps `search_text` (`search_text()` below: its summary with
protected names withheld, and the public names of its person, organization
and city with their transliterated keys). SQLite searches it through the FTS5
table incident_fts (migration 0007), PostgreSQL through the stored tsvector
search_vector (migration 0012).

A query's words are parsed once, into `SearchTerms`: each word must start a
word of the text, as typed or as its name key (so "Лапта" and "lapta" both find
Alyona Lapta). At most MAX_WORDS words.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL

from . import cache
from .names import name_key, name_keys
from .names.matching import keys as person_keys
from .redaction.matcher import JOINERS

MAX_WORDS = 10
# A word this long or longer may also be a surname in another case or script.
SURNAME_MIN = 4
# Words this long or longer also match similar words on PostgreSQL (pg_trgm).
TRIGRAM_MIN = 5


@dataclass(frozen=True)
class Term:
    """One word of a query and its spellings to try, each a tuple of tokens
    (letters and digits only): as typed (read as the index reads text) and as
    its name key (transliterated)."""

    word: str
    spellings: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SearchTerms:
    """The words of `q`, parsed once for the whole request."""

    text: str
    terms: tuple[Term, ...]
    # The whole query read as a person's name (query_tokens): an incident of
    # that person is found whatever the spelling or case of the words.
    person: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str, keys: list[str] | None = None) -> SearchTerms:
        """The terms of `text`. `keys` are the words' name keys
        (names.name_keys), when the caller has them."""
        words = (text or "").split()
        keys = name_keys(words) if keys is None else keys
        # As index_form reads text (inline: one pass, no call per word).
        typed = [
            tuple(
                t
                for t in re.split(
                    r"[\W_]+",
                    unicodedata.normalize("NFKC", word).translate(_INDEX_TABLE).casefold(),
                )
                if t
            )
            for word in words
        ]
        terms = []
        for word, tokens, key in zip(words, typed, keys, strict=True):
            spellings = {tokens}
            if not word.isascii():
                # Another script's word as its Latin name key ("Лапта" finds
                # Alyona Lapta). Not a Latin word: the key's looseness (y = i,
                # doubled letters) would read "july" as Yuliya.
                spellings.add(tuple(key.split()))
            # A word that may be a surname, in any case and script: its names
            # engine key, as the search text keeps it for the person's names.
            if len(word) >= SURNAME_MIN and word.isalpha():
                spellings.update((t,) for t in person_tokens(word))
            spellings.discard(())
            if spellings:
                terms.append(Term(word, tuple(sorted(spellings))))
        return cls(text or "", tuple(terms), query_tokens(text or "") if terms else ())

    def fts5_query(self) -> str:
        """The terms as an SQLite FTS5 query over the search text (what
        incident_fts is asked; bench/vs_datasette.py asks Datasette the same)."""
        query = " AND ".join(
            "("
            + " OR ".join(
                "(" + " AND ".join(_fts_token(t) for t in tokens) + ")" for tokens in term.spellings
            )
            + ")"
            for term in self.terms
        )
        if self.person:
            query = f"({query}) OR " + " OR ".join(f'"{t}"' for t in self.person)
        return query

    def __bool__(self) -> bool:
        """Whether there is any word to search for (`q=!!!` has none)."""
        return bool(self.terms)

    @functools.cached_property
    def ids(self) -> RawSQL | None:
        """A subquery of the ids of incidents whose search text has every word
        (as a prefix of a token, in any script and case). None: nothing to
        search for. SQLite reads incident_fts; PostgreSQL, see _postgresql_ids."""
        if not self.terms:
            return None
        if connection.vendor == "postgresql":
            return _postgresql_ids(self.terms, self.person)
        query = self.fts5_query()
        return RawSQL("SELECT rowid FROM incident_fts WHERE incident_fts MATCH %s", [query])


def _fts_token(token: str) -> str:
    """A token in an FTS5 query: a word's prefix; a names-engine key whole."""
    return f'"{token}"' if token.startswith(ENGINE_TOKEN) else f'"{token}"*'


def _ts_token(token: str) -> str:
    """The same in a PostgreSQL tsquery."""
    return token if token.startswith(ENGINE_TOKEN) else f"{token}:*"


def index_form(text: str) -> str:
    """How a text is kept for full-text search: composed (NFKC), joiners
    removed so that a soft hyphen never splits a word, zero-width spaces as
    spaces, case-folded. Search words are read the same way."""
    text = unicodedata.normalize("NFKC", text or "")
    return text.translate(_INDEX_TABLE).casefold()


_INDEX_TABLE = str.maketrans({**{c: None for c in JOINERS}, "\u200b": " "})


def search_text(summary: str, names: list[str], people: list[str] | None = None) -> str:
    """The text full-text search reads: summary and names, plus each name's key
    (so "Лапта" and "lapta" both find Alyona Lapta), plus the names engine's
    keys of the person's names (`people`, also in `names`) as tokens of their
    own (`person_tokens`), so that any spelling of the person in any case finds
    them ("Уладзімера Лабковіча" finds Vladimir Labkovich). The caller
    withholds protected names first (Incident.build_search_text)."""
    keys = [_cached_name_key(n) for n in names]
    tokens = sorted({t for n in people or [] for t in person_tokens(n)})
    return index_form(" ".join([summary, *names, *keys, *tokens]))


# A names-engine key kept as one token of the search text: a prefix no word
# has, then the key's letters reversed (so that PostgreSQL's similarity search
# of words, pg_trgm, never takes a key for the name it was made from), with a
# digit for each "|" between its parts.
ENGINE_TOKEN = "9k"  # noqa: S105 (a search token, not a secret)


@functools.lru_cache(maxsize=100_000)
def person_tokens(name: str) -> tuple[str, ...]:
    """The search-text tokens of a person's name: one per names-engine key
    (the surname alone, and the surname with the given name's group)."""
    return tuple(
        sorted(ENGINE_TOKEN + re.sub(r"[^a-z0-9]", "9", k)[::-1] for k in person_keys(name))
    )


def query_tokens(text: str) -> tuple[str, ...]:
    """The tokens that a query which is a person's full name finds: its
    names-engine keys with the given name's group ("Уладзімера Лабковіча" is
    Vladimir Labkovich, not Nina Labkovich), or () when the query is not a
    full name (no given name, more than four words, or a digit in it). A
    surname alone is each word's own spelling (SearchTerms.parse)."""
    words = text.split()
    if not 2 <= len(words) <= 4 or any(c.isdigit() for c in text):
        return ()
    return tuple(t for t in person_tokens(text) if "9" in t[len(ENGINE_TOKEN) :])  # "surname|given"


@functools.lru_cache(maxsize=100_000)
def _cached_name_key(name: str) -> str:
    return name_key(name)


def _postgresql_ids(terms: tuple[Term, ...], person: tuple[str, ...] = ()) -> RawSQL:
    """Each word as a token prefix in the stored tsvector (GIN on search_vector,
    migration 0012). When that finds nothing and a word has TRIGRAM_MIN letters
    or more, each such word may instead be similar to a word of the text
    (pg_trgm's <%, GIN incident_search_trgm): a name typed with a slip,
    "Bialatski" for Bialiatski, is still found. (Similarity is checked row by
    row, so it is only the fallback.)"""

    def ids(fuzzy: bool) -> tuple[str, list[str]]:
        conditions, params = [], []
        for term in terms:
            word, spellings = term.word, term.spellings
            tsquery = " | ".join(
                "(" + " & ".join(_ts_token(t) for t in tokens) + ")" for tokens in spellings
            )
            condition = "search_vector @@ to_tsquery('simple'::regconfig, %s)"
            params.append(tsquery)
            if fuzzy and len(word) >= TRIGRAM_MIN and word.isalpha():
                condition += " OR %s <%% search_text"
                params.append(word.lower())
            conditions.append(f"({condition})")
        where = " AND ".join(conditions)
        if person:
            where = f"({where}) OR search_vector @@ to_tsquery('simple'::regconfig, %s)"
            params.append(" | ".join(person))
        # Constant SQL fragments joined; the words go as parameters.
        return f"SELECT id FROM incidents_incident WHERE {where}", params  # noqa: S608

    sql, params = ids(fuzzy=False)
    if any(len(t.word) >= TRIGRAM_MIN and t.word.isalpha() for t in terms):
        # Whether the exact words find anything: known until the next change.
        def exists() -> bool:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT EXISTS ({sql})", params)  # noqa: S608
                return bool(cursor.fetchone()[0])

        if not cache.kept("q-exact", *params, make=exists):
            sql, params = ids(fuzzy=True)
    return RawSQL(sql, params)  # noqa: S611


def full_text_ids(words: list[str]) -> RawSQL | None:
    """The ids of incidents whose search text has every one of `words` (see
    SearchTerms.ids)."""
    return SearchTerms.parse(" ".join(words)).ids


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
