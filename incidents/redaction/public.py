"""The redactor of public pages: every name of every protected person (as
`Person.objects.protected_names` lists them), built once per worker for each
counts version (incidents.cache), so that a protection is withheld everywhere
as soon as it is committed. A new version whose names are the same (most
changes protect no one) keeps the built matcher: building it costs about
0.15 s per 300 protected people, every case and spelling of each name."""

from __future__ import annotations

from .. import cache
from ..models import Incident, Organization, Person, Source
from .matcher import Redactor

_REDACTORS: dict[str, Redactor] = {}
_BUILT: dict[tuple[str, ...], Redactor] = {}


def public_redactor() -> Redactor:
    version, found = cache.lookup(NAMES_KEY)
    redactor = _REDACTORS.get(version)
    if redactor is None:
        names = found.get(NAMES_KEY)
        if names is None:
            names = Person.objects.protected_names()
            cache.store(version, {NAMES_KEY: names})
        redactor = _BUILT.get(tuple(names)) or Redactor(names)
        _REDACTORS.clear()
        _REDACTORS[version] = redactor
        _BUILT.clear()
        _BUILT[tuple(names)] = redactor
    return redactor


def forget() -> None:
    """Drop this worker's redactors (tests: a fresh cache each)."""
    _REDACTORS.clear()
    _BUILT.clear()


NAMES_KEY = cache.key("protected-names")


def refresh_everywhere() -> int:
    """Work out again everything the public reads that a protected name may
    be in: sources' titles and addresses, organizations' names and their
    aliases, and the search text of every incident that may name a protected
    person in any spelling. For when the redactor itself withholds more (an
    upgrade that reads a name in another script, say); a change of who is
    protected already does this for the names it changes (signals.py).
    Returns how many records changed."""
    changed = Source.objects.all().refresh_public_fields()
    changed += Organization.objects.all().refresh_public_fields()
    for person in Person.objects.filter(identity_protected=True).iterator():
        changed += Incident.objects.naming(person).refresh_search_text()
    forget()
    return changed
