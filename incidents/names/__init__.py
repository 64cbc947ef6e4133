"""Names and spellings: how a name is compared, slugged and withheld.

- `name_key`: a loose comparison key that ignores case, diacritics and script,
  kept on every person, organization, city and alias (the duplicate warning,
  the admin's search, and the names part of the search index read it);
- `unique_slug`: `slugify(unidecode(name))`, with a numeric suffix on collision
  (DESIGN.md: Cyrillic names get Latin slugs);
- `new_public_id`: the opaque identifier by which the public reaches a
  protected person, and a source or organization whose name names one;
- `NAME_WITHHELD`: what the public reads in place of a protected person's name.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from unidecode import unidecode

NAME_WITHHELD = _("Name withheld")


def name_key(name: str) -> str:
    """A comparison key that ignores case, diacritics and script.

    "Алёна Лапта", "Alyona Lapta" and "ALIONA LAPTA" share one key, so staff are
    warned before creating a second record for the same person.
    """
    text = unidecode(name or "").casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    # Common transliteration variants: y/j/i (Alyona, Aliona), doubled letters.
    text = re.sub(r"[yj]", "i", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    return " ".join(text.split())


def name_keys(names: list[str]) -> list[str]:
    """`name_key` of each of `names`."""
    return [name_key(name) for name in names]


def unique_slug(model: type[models.Model], name: str, *, exclude_pk: Any = None) -> str:
    """`slugify(unidecode(name))`, with a numeric suffix on collision."""
    field = model._meta.get_field("slug")  # a SlugField, not a relation
    max_length = (field.max_length if isinstance(field, models.Field) else None) or 50
    base = slugify(unidecode(name or ""))[: max_length - 6].strip("-") or "item"
    candidate, n = base, 1
    qs = model._default_manager.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def new_public_id() -> str:
    return secrets.token_hex(8)


# --- The names engine, as the records use it -------------------------------------------
# (The engine's modules — scripts, translit, given, morphology, matching — are
# pure Python; incidents/names/records.py asks the database with them.)

_LACINKA = set("łŭćśźčšžńĺ")


def guess_language(name: str) -> str:
    """The language or script a spelling is most likely written in: "en" for
    Latin letters ("be-latn" for Belarusian Łacinka), "be", "ru" or "uk" for
    Cyrillic, "" when it cannot tell."""
    from .scripts import cyrillic_language, script

    kind = script(name)
    if kind == "latin":
        return "be-latn" if _LACINKA & set(name.lower()) else "en"
    if kind == "cyrillic":
        return cyrillic_language(name) or ""
    return ""


def words(text: str) -> list[str]:
    """The words of a name: runs of letters and digits, so "human-rights" and
    "Human Rights" have the same words."""
    return re.findall(r"[^\W_]+(?:['ʼ’][^\W_]+)*", text)


def spelling_keys(kind: str, spellings: list[str]) -> set[str]:
    """The keys under which a person's, organization's or city's names are
    kept (models/spellings.py): any spelling of them, in any script and case,
    has at least one key in common with them. A person's come from the names
    engine (given name and surname, incidents.names.matching); an
    organization's and a city's are the loose Latin key of the whole name and of
    each of its words."""
    from .matching import keys as person_keys
    from .translit import latin_key

    out: set[str] = set()
    for spelling in spellings:
        if kind == "person":
            out.update(person_keys(spelling))
            continue
        whole = latin_key(spelling)
        if whole:
            out.add(f"n:{whole}")
        for word in words(spelling):
            key = latin_key(word)
            if len(key) >= 3:
                out.add(f"w:{key}")
    return {k[:100] for k in out if k}
