"""The incident tracker's data model (contracts in docs/contracts.md).

- `records`: what staff record: incidents, the people, organizations and
  cities they concern, sources and the citations that quote them;
- `tally`: the counts of published incidents kept beside them;
- `spellings`: the names engine's keys of every name, the merges of
  duplicates and the pairs said not to be the same.

An `Incident` is one search, detention or disappearance of a person or an
organization, on one day, optionally in a city, backed by `Citation`s that
quote a `Source` verbatim. People, organizations and cities carry aliases
(other spellings and scripts) so that staff find them and do not create
duplicates. Each domain rule is one method of a custom QuerySet: what is
public, an organization with its branches, a protected person by public id.
"""

from .records import (
    Addressee,
    Affiliation,
    Alias,
    Citation,
    City,
    CityAlias,
    Incident,
    IncidentQuerySet,
    NamedEntity,
    Organization,
    OrganizationAlias,
    Person,
    PersonAlias,
    Source,
)
from .spellings import CityKey, Merge, NotSame, OldAddress, OrganizationKey, PersonKey
from .tally import TALLY_DIMS, TALLY_GRAINS, IncidentTally

__all__ = [
    "TALLY_DIMS",
    "TALLY_GRAINS",
    "Addressee",
    "Affiliation",
    "Alias",
    "Citation",
    "City",
    "CityKey",
    "CityAlias",
    "Incident",
    "IncidentQuerySet",
    "IncidentTally",
    "Merge",
    "NamedEntity",
    "NotSame",
    "OldAddress",
    "Organization",
    "OrganizationAlias",
    "OrganizationKey",
    "Person",
    "PersonAlias",
    "PersonKey",
    "Source",
]
