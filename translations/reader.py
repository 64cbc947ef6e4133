"""Names in the reader's script: the alias of a person or organization in the
page's language ("Алесь Бяляцкі" on /be/…, "Алесь Беляцкий" on /ru/…), for
one record or for every record a table or list shows, in one query per kind
of record (none in English, where the stored name is the reader's).

An alias is in a language when staff said so (`language`), or when it has no
language and the names engine reads its script as that language. Never for a
protected person, an organization whose name is withheld, or an alias that
spells a protected name (`withheld`): those show only what the public may
read. Cities are not here: their local names are reference data
(`translations.gazetteer`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import ForeignObjectRel

from incidents.names import guess_language

Key = tuple[str, Any]


def key(record: models.Model) -> Key:
    return (record._meta.label, record.pk)


def shown(record: Any) -> str:
    """The name the public may read: the public name where the record has one
    (a protected person's label, an organization with a withheld name)."""
    return str(getattr(record, "public_name", None) or record.name)


def may_localize(record: Any) -> bool:
    return not (
        getattr(record, "identity_protected", False) or getattr(record, "name_withheld", False)
    )


def reader_names(records: Iterable[Any], language: str) -> dict[Key, str]:
    """{key(record): its alias in `language`} for those of `records` (people
    and organizations; None and other records are passed over) that have one
    other than the name they show."""
    if not _translated(language):
        return {}
    by_model: dict[type[models.Model], dict[Any, Any]] = {}
    for record in records:
        if record is None or not hasattr(record, "aliases") or not may_localize(record):
            continue
        by_model.setdefault(type(record)._meta.concrete_model or type(record), {})[record.pk] = (
            record
        )
    found: dict[Key, str] = {}
    for model, by_pk in by_model.items():
        aliases, owner = _aliases(model, language)
        rows = aliases.filter(**{f"{owner}__in": list(by_pk)}).values_list(
            owner, "name", "language", f"{owner}__name"
        )
        for pk, name in _chosen(rows, language, _marks_withheld(model)):
            found[(model._meta.label, pk)] = name
    return found


def reader_names_by_slug(
    model: type[models.Model], slugs: Iterable[str], language: str
) -> dict[str, str]:
    """{slug: alias in `language`} of the people or organizations of `model`
    that a facet or a chip names by their public slugs (one query, none in
    English). A protected person or withheld name is named by its public id,
    never by its slug, so none of them is found here."""
    slugs = list(slugs)
    if not slugs or not _translated(language):
        return {}
    aliases, owner = _aliases(model, language)
    fields = {f.name for f in model._meta.get_fields()}
    hidden = [f for f in ("identity_protected", "name_withheld") if f in fields]
    aliases = aliases.filter(**{f"{owner}__slug__in": slugs})
    for f in hidden:
        aliases = aliases.exclude(**{f"{owner}__{f}": True})
    rows = aliases.values_list(f"{owner}__slug", "name", "language", f"{owner}__name")
    return dict(_chosen(rows, language, _marks_withheld(model)))


def _translated(language: str) -> bool:
    return language != settings.LANGUAGE_CODE and language in dict(settings.LANGUAGES)


def _alias_model(model: type[models.Model]) -> tuple[type[models.Model], str]:
    """The model of `model`'s aliases, and their field that points at it."""
    relation = model._meta.get_field("aliases")
    assert isinstance(relation, ForeignObjectRel)  # the aliases' key to the record
    alias_model = relation.related_model
    assert isinstance(alias_model, type) and issubclass(alias_model, models.Model)
    return alias_model, relation.field.name


def _marks_withheld(model: type[models.Model]) -> bool:
    """Whether `model`'s aliases keep whether they spell a protected name
    (an organization's do, `OrganizationAlias.withheld`; a person's do not)."""
    alias_model, _owner = _alias_model(model)
    return any(f.name == "withheld" for f in alias_model._meta.get_fields())


def _aliases(model: type[models.Model], language: str) -> tuple[models.QuerySet[Any], str]:
    """The aliases of `model`'s records that may be in `language` (staff's
    choice or none), none that spells a protected name, ordered for
    `_chosen`; and the name of their field that points at the record."""
    alias_model, owner = _alias_model(model)
    aliases = alias_model._default_manager.filter(language__in=[language, ""])
    if _marks_withheld(model):
        aliases = aliases.filter(withheld=False)
    # Staff's own choice of language first, then the names engine's reading;
    # of several, the first recorded (a misspelling kept for search is
    # usually recorded after the name).
    return aliases.order_by(owner, "-language", "pk"), owner


def _chosen(
    rows: Iterable[tuple[Any, str, str, str]], language: str, marked: bool
) -> Iterator[tuple[Any, str]]:
    """(owner, alias) for the first alias of each owner in `language` (one
    staff marked so, else one whose script the names engine reads as it)
    that is not its stored name and spells no protected name: aliases that
    are not `marked` withheld where they do (a person's) are read through
    the public redactor (built once per worker) here."""
    done: set[Any] = set()
    redactor = None
    for owner, name, lang, stored in rows:
        if owner in done or name == stored:
            continue
        if not (lang == language or guess_language(name) == language):
            continue
        if not marked:
            if redactor is None:
                from incidents.redaction.public import public_redactor

                redactor = public_redactor()
            if redactor.finds(name):
                continue
        done.add(owner)
        yield owner, name
