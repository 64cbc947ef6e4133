"""Counting and caching: what the public pages keep between requests, and when
they forget it.

Whatever is worked out from the published incidents and names (the counts that
IncidentTally cannot answer, a search's pages of ids, the overview's numbers,
the lists' totals, the protected names) is kept in Django's cache, shared by
every worker, under one *counts version*. Any change to a published incident,
a name, an alias, a protection, a citation, an affiliation or a signatory
replaces the version once the change is committed (`counts_changed`, called
from incidents/signals.py), and everything kept under the old one is read as
missing.

An entry is stored as (version, value) under a key that does not change with
the version, so that one read (`lookup`) fetches the version and the entries
together, and a stale entry is overwritten in place rather than left to be
culled. `DatabaseCache` is Django's database cache with each write one
statement (an upsert) instead of four, and its size checked every few writes
rather than on each.
"""

from __future__ import annotations

import base64
import hashlib
import pickle
import secrets
import zlib
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now

# "~" sorts after every "incidents:…" key: the database cache, when full, culls
# the lowest keys first, and this one would forget them all.
COUNTS_VERSION_KEY = "~incidents:counts-version"


def key(family: str, *parts: Any) -> str:
    """The cache key of an entry of `family` ("counts", "ids", …) for `parts`."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"incidents:{family}:{digest}"


def counts_version() -> str:
    """The current counts version (created if there is none)."""
    return lookup()[0]


def lookup(*keys: str) -> tuple[str, dict[str, Any]]:
    """The counts version and those of `keys` whose entries belong to it, in
    one read of the cache."""
    found = cache.get_many([COUNTS_VERSION_KEY, *keys])
    version = found.pop(COUNTS_VERSION_KEY, None)
    if version is None:
        cache.add(COUNTS_VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(COUNTS_VERSION_KEY, "")
    fresh = {
        k: v[1]
        for k, v in found.items()
        if isinstance(v, tuple) and len(v) == 2 and v[0] == version
    }
    return version, fresh


def store(version: str, entries: Mapping[str, Any]) -> None:
    """Keep `entries` under `version`, in one write."""
    if entries:
        cache.set_many({k: (version, v) for k, v in entries.items()})


def kept(family: str, *parts: Any, make: Callable[[], Any]) -> Any:
    """The entry of `family` for `parts` under the current version, worked out
    with `make` and kept when missing."""
    name = key(family, *parts)
    version, found = lookup(name)
    if name in found:
        return found[name]
    value = make()
    store(version, {name: value})
    return value


def counts_changed() -> None:
    """Forget every kept count, once the change is committed (before, a
    concurrent request could keep the old numbers under the new version)."""
    transaction.on_commit(lambda: cache.set(COUNTS_VERSION_KEY, secrets.token_hex(8), timeout=None))


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache (settings.CACHES), each `set` and `set_many` one
    upsert (INSERT … ON CONFLICT DO UPDATE, on SQLite and PostgreSQL), and the
    table's size counted by one write in CULL_CHECK rather than before each
    (the entries here are few and replaced in place, see the module docstring)."""

    CULL_CHECK = 50

    # Django's DatabaseCache sets and defines these; django-stubs leaves them out.
    _table: str
    _cull: Callable[[str, Any, datetime, int], None]

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self.set_many({key: value}, timeout, version)

    def set_many(
        self,
        data: Mapping[str, Any],
        timeout: Any = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[str]:
        if not data:
            return []
        rows = [(self.make_and_validate_key(k, version=version), v) for k, v in data.items()]
        self._upsert(rows, timeout)
        return []

    def _upsert(self, rows: Iterable[tuple[str, Any]], timeout: Any) -> None:
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        stored_expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        values: list[Any] = []
        for cache_key, value in rows:
            pickled = pickle.dumps(value, self.pickle_protocol)
            values += [cache_key, base64.b64encode(pickled).decode("latin1"), stored_expires]
        placeholders = ", ".join(["(%s, %s, %s)"] * (len(values) // 3))
        with connection.cursor() as cursor:
            # Every CULL_CHECK-th key (by its hash, so that the same write
            # always costs the same statements) counts the table first.
            if zlib.crc32(values[0].encode()) % self.CULL_CHECK == 0:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    self._cull(db, cursor, tz_now().replace(microsecond=0), count)
            cursor.execute(
                f"INSERT INTO {table} ({quote('cache_key')}, {quote('value')}, "  # noqa: S608
                f"{quote('expires')}) VALUES {placeholders} "
                f"ON CONFLICT ({quote('cache_key')}) DO UPDATE SET "
                f"{quote('value')} = excluded.{quote('value')}, "
                f"{quote('expires')} = excluded.{quote('expires')}",
                values,
            )
