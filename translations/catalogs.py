"""The project's message catalogs, extracted and compiled in pure Python (no
GNU gettext on the machine is needed): templates go through Django's own
`templatize` (what `makemessages` does before calling xgettext), and the
result and the Python modules through Babel's Python extractor, with Django's
keywords. `python manage.py catalogs` updates locale/<lang>/LC_MESSAGES/
django.po from the code and compiles django.mo; `--check` says whether they are
out of date (tests/test_i18n_catalogs.py runs the same check)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
LANGUAGES = ("be", "ru", "uk")

# What is scanned: the project's own code and templates (not tests, the
# benchmark, migrations or the virtualenv).
PYTHON_DIRS = ("incidents", "intake", "tracker", "translations")
TEMPLATE_DIRS = ("templates", "incidents/templates", "intake/templates")
SKIP_PARTS = {"migrations", "__pycache__"}

KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}

# The same plural rule as Django's own catalogs for these languages (one,
# few, many, and a fourth form for fractions), so that the two merge.
PLURAL_FORMS = {
    "be": "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
    "(n%100>=11 && n%100<=14)? 2 : 3);",
    "ru": "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
    "(n%100>=11 && n%100<=14)? 2 : 3);",
    "uk": "nplurals=4; plural=(n % 1 == 0 && n % 10 == 1 && n % 100 != 11 ? 0 : "
    "n % 1 == 0 && n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : "
    "n % 1 == 0 && (n % 10 ==0 || (n % 10 >=5 && n % 10 <=9) || "
    "(n % 100 >=11 && n % 100 <=14 )) ? 2: 3);",
}


@dataclass(frozen=True)
class Found:
    msgid: str | tuple[str, str]
    context: str | None
    location: tuple[str, int]


def _files(dirs: tuple[str, ...], suffixes: tuple[str, ...]) -> Iterator[Path]:
    for d in dirs:
        base = ROOT / d
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix in suffixes and not SKIP_PARTS & set(path.relative_to(ROOT).parts):
                yield path


def extract_python(source: str, name: str) -> Iterator[Found]:
    """The messages of Python source, with Django's keywords (named `name`)."""
    for lineno, message, _comments, context in extract(
        "python", io.BytesIO(source.encode()), keywords=KEYWORDS, comment_tags=("Translators",)
    ):
        if isinstance(message, tuple):
            singular, plural = message[0], message[1]
            if not singular:
                continue
            yield Found((singular, plural), context, (name, lineno))
        elif message:
            yield Found(message, context, (name, lineno))


def extract_template(text: str, name: str) -> Iterator[Found]:
    """The messages of a Django template, through Django's own templatize."""
    # templatize keeps line numbers, each call on one line (its strings
    # repr'd), but not Python's indentation: drop the indentation.
    code = "\n".join(line.lstrip() for line in templatize(text, origin=name).split("\n"))
    yield from extract_python(code, name)


def messages() -> Iterator[Found]:
    """Every translatable string of the project's code and templates."""
    for path in _files(PYTHON_DIRS, (".py",)):
        yield from extract_python(path.read_text(), str(path.relative_to(ROOT)))
    for path in _files(TEMPLATE_DIRS, (".html", ".txt", ".xml")):
        yield from extract_template(path.read_text(), str(path.relative_to(ROOT)))


def template() -> Catalog:
    """The messages of the code as a catalog template (the .pot)."""
    pot = Catalog(project="incident-tracker", fuzzy=False)
    for found in messages():
        pot.add(found.msgid, locations=[found.location], context=found.context)
    return pot


def po_path(language: str, locale: Path = LOCALE) -> Path:
    return locale / language / "LC_MESSAGES" / "django.po"


def read(language: str, locale: Path = LOCALE) -> Catalog:
    """The language's catalog under `locale` (the project's, or the other
    apps' in translations/vendor_locale), an empty one if there is none yet,
    with the language's plural forms."""
    path = po_path(language, locale)
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f, locale=language)
    else:
        catalog = Catalog(
            locale=language,
            project="incident-tracker",
            fuzzy=False,
            language_team=f"{language} <see docs/i18n.md>",
            last_translator="the project <see docs/i18n.md>",
        )
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[language])]
    return catalog


def updated(language: str, pot: Catalog | None = None) -> Catalog:
    """The language's catalog with exactly the code's messages: new ones
    untranslated, gone ones dropped, none guessed (no fuzzy matching)."""
    catalog = read(language)
    created = catalog.creation_date
    catalog.update(pot or template(), no_fuzzy_matching=True, update_header_comment=False)
    catalog.creation_date = created  # no change of date alone makes a catalog stale
    catalog.obsolete.clear()
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compiled(language: str) -> bytes:
    return mo_bytes(read(language))


def _keys(catalog: Catalog) -> set[tuple[str | None, str | tuple[str, ...]]]:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


def stale(pot: Catalog | None = None) -> list[str]:
    """The catalogs that do not have exactly the messages of the code (where
    a message is written does not count), and the .mo files that are not
    their .po compiled: what `python manage.py catalogs` would change."""
    pot = pot or template()
    out = []
    for language in LANGUAGES:
        po = po_path(language)
        mo = po.with_suffix(".mo")
        if not po.exists() or _keys(read(language)) != _keys(pot):
            out.append(str(po.relative_to(ROOT)))
        if not mo.exists() or compiled(language) != mo.read_bytes():
            out.append(str(mo.relative_to(ROOT)))
    return out


def problems(language: str) -> list[str]:
    """Entries of a catalog that are untranslated (a plural form included) or
    fuzzy."""
    return entry_problems(language, read(language))


def entry_problems(language: str, catalog: Catalog) -> list[str]:
    """problems() of a catalog read (the vendor catalogs' too)."""
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            out.append(f"{language}: fuzzy: {message.id!r}")
        elif not all(strings) or (message.pluralizable and len(strings) < catalog.num_plurals):
            out.append(f"{language}: untranslated: {message.id!r}")
    return out


def write(pot: Catalog | None = None) -> list[str]:
    """Updates every .po from the code and compiles it; the files written."""
    pot = pot or template()
    written = []
    for language in LANGUAGES:
        po = po_path(language)
        po.parent.mkdir(parents=True, exist_ok=True)
        data = po_bytes(updated(language, pot))
        if not po.exists() or po.read_bytes() != data:
            po.write_bytes(data)
            written.append(str(po.relative_to(ROOT)))
        mo = po.with_suffix(".mo")
        data = compiled(language)
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
            written.append(str(mo.relative_to(ROOT)))
    return written
