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
