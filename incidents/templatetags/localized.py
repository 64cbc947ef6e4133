"""Template helpers for the page's language: numbers grouped as the language
groups them, cities in the reader's script beside the stored name, the
language of a stored text, and links that work in every language. None of them
queries the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.apps import apps
from django.utils import formats, translation
from django.utils.html import format_html

from incidents.names import guess_language
from incidents.names.scripts import script
from translations import reader
from translations.gazetteer import city_name, region_name

register = template.Library()


@register.filter
def num(value: Any) -> str:
    """1,000,000 in English, 1 000 000 in Belarusian, Russian and Ukrainian."""
    if value in (None, ""):
        return ""
    return formats.number_format(value, force_grouping=True)


@register.filter
def local_city(city: Any) -> str:
    """A city's name in the page's language (plain text: titles, facets)."""
    return city_name(city.slug, city.name, translation.get_language() or "")


@register.simple_tag
def place(slug: str, name: str) -> str:
    """A city's name in the reader's script, the stored name beside it where
    they differ: "Гродна (Hrodna)"."""
    local = city_name(slug, name, translation.get_language() or "")
    if local == name:
        return format_html("{}", name)
    return format_html(
        '{} <span class="stored-name" lang="{}">({})</span>', local, lang_of(name), name
    )


@register.filter
def local_region(region: str) -> str:
    return region_name(region, translation.get_language() or "") if region else ""


@register.filter
def lang_of(text: str) -> str:
    """The language a stored text or name is written in ("en" for Latin
    letters), for its `lang` attribute where it differs from the page's."""
    guessed = guess_language(text or "")
    if not guessed:  # Cyrillic that could be Russian or Belarusian: the commoner
        guessed = "ru" if script(text or "") == "cyrillic" else "und"
    return {"be-latn": "be-Latn", "other": "und"}.get(guessed, guessed)


@register.filter
def query_of(url: str) -> str:
    """The query string of a link built in another language ("?…"): the
    template puts it after the page's own {% url %}."""
    _path, sep, query = str(url).partition("?")
    return sep + query


@register.simple_tag
def lang_attr(text: str) -> str:
    """` lang="…"` for a stored text written in another language than the
    page's (a summary in English on /ru/…), else nothing."""
    lang = lang_of(text)
    if lang == "und" or lang.split("-")[0] == (translation.get_language() or "").split("-")[0]:
        return ""
    return format_html(' lang="{}"', lang)


@register.simple_tag
def reader_name(record: Any) -> str:
    """A person's or organization's name in the reader's script, with the
    stored name beside it: "Алесь Бяляцкі (Ales Bialiatski)" on /be/…, from
    its alias in the page's language (one query, on be/ru/uk pages only). A
    protected person or a withheld name shows only what the public may read,
    and an alias that spells a protected name is never shown."""
    return shown_name(record, reader.reader_names([record], translation.get_language() or ""))


@register.simple_tag
def reader_names(records: Any, *fields: str) -> dict[reader.Key, str]:
    """The aliases in the page's language of every person and organization a
    table or list shows, in one query per kind of record (none in English):
    `{% reader_names page.object_list as names %}` (a row may be a tuple:
    `(role, organization)`), or of the records in `fields` of each row,
    `{% reader_names incidents "person" "organization" as names %}`; then
    `{% shown_name record names %}` for each."""
    rows: list[Any] = []
    for row in records or ():
        if fields:
            rows.extend(getattr(row, f, None) for f in fields)
        elif isinstance(row, tuple):  # (role, organization), (person, role)
            rows.extend(row)
        else:
            rows.append(row)
    return reader.reader_names(rows, translation.get_language() or "")


@register.simple_tag
def shown_name(record: Any, names: dict[reader.Key, str]) -> str:
    """`record`'s name as the page shows it: its alias in the reader's script
    with the stored name beside it where `names` has one, else the name the
    public may read."""
    public = reader.shown(record)
    local = names.get(reader.key(record)) if names else None
    if local is None:
        return format_html("{}", public)
    return format_html(
        '{} <span class="stored-name" lang="{}">({})</span>', local, lang_of(public), public
    )


@register.simple_tag
def local_names(rows: Any, model: str) -> dict[str, str]:
    """{slug: alias in the page's language} of the organizations (`model`
    "incidents.Organization") or people named in `rows` of (public slug,
    name, count), as the overview's ways in list them (one query, none in
    English): `{% local_names organizations "incidents.Organization" as names %}`,
    then `{% local_name names slug name %}`."""
    slugs = [row[0] for row in rows or ()]
    return reader.reader_names_by_slug(
        apps.get_model(model), slugs, translation.get_language() or ""
    )


@register.simple_tag
def local_name(names: dict[str, str], slug: str, name: str) -> str:
    return names.get(slug) or name


@register.simple_tag
def translated(record: Any, field: str, original: str) -> dict[str, str]:
    """A record's public text as the page shows it: {"text", "lang"}. On a
    be/ru/uk page, staff's translation into that language when there is one
    (one query; through the public redactor like the original), else the
    original with `lang` its own language ("" where it is the page's)."""
    language = translation.get_language() or ""
    if original and language in ("be", "ru", "uk"):
        from incidents.redaction.public import public_redactor
        from translations.models import TextTranslation

        text = (
            TextTranslation.objects.filter(
                content_type__app_label=record._meta.app_label,
                content_type__model=record._meta.model_name,
                object_id=record.pk,
                field=field,
                language=language,
            )
            .values_list("text", flat=True)
            .first()
        )
        if text:
            return {"text": public_redactor()(text), "lang": ""}
    lang = lang_of(original)
    same = lang == "und" or lang.split("-")[0] == language.split("-")[0]
    return {"text": original, "lang": "" if same else lang}


@register.filter
def period(label: str) -> str:
    """A chart period as the language writes it: "2021-07" is "July 2021",
    "ліпень 2021", "Июль 2021 г."; a year stays as it is."""
    try:
        year, month = (int(part) for part in str(label).split("-"))
    except ValueError:
        return str(label)
    if translation.get_language() == "be":
        # Django's Belarusian month names are the genitive ("ліпеня"): right
        # after a day, wrong on their own.
        return f"{BELARUSIAN_MONTHS[month - 1]} {year}"
    return formats.date_format(dt.date(year, month, 1), "YEAR_MONTH_FORMAT")


BELARUSIAN_MONTHS = [
    "Студзень",
    "Люты",
    "Сакавік",
    "Красавік",
    "Травень",
    "Чэрвень",
    "Ліпень",
    "Жнівень",
    "Верасень",
    "Кастрычнік",
    "Лістапад",
    "Снежань",
]
