"""The redactor of public pages: every name of every protected person (as
`Person.objects.protected_names` lists them), built once per worker for each
counts version (incidents.cache), so that a protection is withheld everywhere
as soon as it is committed."""

from __future__ import annotations

from .. import cache
from ..models import Person
from .matcher import Redactor

_REDACTORS: dict[str, Redactor] = {}


def public_redactor() -> Redactor:
    version, found = cache.lookup(NAMES_KEY)
    redactor = _REDACTORS.get(version)
    if redactor is None:
        names = found.get(NAMES_KEY)
        if names is None:
            names = Person.objects.protected_names()
            cache.store(version, {NAMES_KEY: names})
        redactor = Redactor(names)
        _REDACTORS.clear()
        _REDACTORS[version] = redactor
    return redactor


def forget() -> None:
    """Drop this worker's redactors (tests: a fresh cache each)."""
    _REDACTORS.clear()


NAMES_KEY = cache.key("protected-names")
