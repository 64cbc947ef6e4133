"""Catalogs of other apps' words in the admin: translations/vendor_locale/
<lang>/LC_MESSAGES/django.po and .mo, second in LOCALE_PATHS (the project's
own catalogs win), for the apps that ship no catalog, or an incomplete one,
in be, ru or uk (docs/i18n.md, "Other apps' words in the admin").

Each language's messages, extracted as the project's are (Django's
templatize and Babel, translations/catalogs.py) from the installed sources:
- what django-simple-history, django-axes and django-otp (with its TOTP
  plugin) mark for translation in their code and templates, less what
  Django's own catalogs already translate in that language (Django's words
  stay Django's: "History", "Close", "Log in");
- the labels of their admin they leave unmarked (translations/
  vendor_labels.py, each with the model's label as its context);
- the entries Django's own catalogs (django/conf and the installed
  django.contrib apps) leave untranslated in that language: the admin shows
  some of them (Ukrainian's "Model name", "Add link"…).

`python manage.py catalogs` updates and compiles them with the project's;
`--check` (and tests/test_i18n_vendor.py) fails when one lacks a message of
the installed apps or keeps one they no longer have, names other versions
than the installed ones, has an untranslated or fuzzy entry, or when a .mo is
not its .po compiled."""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Iterator
from functools import cache
from importlib import import_module, metadata
from pathlib import Path

import django
from babel.core import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from django.apps import apps

from . import catalogs, vendor_labels
from .catalogs import LANGUAGES, Found

LOCALE = catalogs.ROOT / "translations" / "vendor_locale"
SKIP_PARTS = {"migrations", "__pycache__", "tests", "locale", "static"}


def _site_packages(module: str) -> Path:
    """The folder that holds the top-level package of `module`."""
    return Path(import_module(module.split(".")[0]).__file__ or "").parent.parent


def _app_files(label: str) -> Iterator[tuple[Path, str]]:
    """The app's code and templates, each with its path from site-packages;
    not its tests, migrations or other apps inside it (django_otp/plugins/
    holds one app a plugin, each on its own)."""
    app = apps.get_app_config(label)
    base = Path(app.path)
    site = _site_packages(app.name)
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base)
        if SKIP_PARTS & set(rel.parts) or path.suffix not in (".py", ".html", ".txt"):
            continue
        if any(
            (base.joinpath(*rel.parts[:i]) / "apps.py").exists() for i in range(1, len(rel.parts))
        ):
            continue
        yield path, str(path.relative_to(site))


def marked() -> Iterator[Found]:
    """What the vendor apps mark for translation."""
    for label in vendor_labels.VENDOR_APPS:
        for path, name in _app_files(label):
            if path.suffix == ".py":
                yield from catalogs.extract_python(path.read_text(), name)
            else:
                yield from catalogs.extract_template(path.read_text(), name)


def unmarked() -> Iterator[Found]:
    """The labels of their admin that they leave unmarked."""
    for label in vendor_labels.labels():
        yield Found(label.text, label.context, (label.where, 0))


def _django_catalogs(language: str) -> list[Path]:
    """Django's own .po files for a language: django/conf's and those of the
    installed django.contrib apps."""
    found = [Path(django.__file__).parent / "conf" / "locale" / language / "LC_MESSAGES"]
    found += [
        Path(app.path) / "locale" / language / "LC_MESSAGES"
        for app in apps.get_app_configs()
        if app.name.startswith("django.contrib.")
    ]
    return [d / "django.po" for d in found if (d / "django.po").exists()]


class _Missing(gettext_module.NullTranslations):
    """The last fallback: says that no catalog before it has the message."""

    def gettext(self, message: str) -> str:
        return MISSING

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return MISSING

    def pgettext(self, context: str, message: str) -> str:
        return MISSING

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return MISSING


MISSING = "\0missing"


@cache
def _django_translation(language: str) -> gettext_module.NullTranslations:
    """Django's own catalogs for a language, compiled, as gettext reads them."""
    translation: gettext_module.NullTranslations = _Missing()
    for po in reversed(_django_catalogs(language)):
        with po.with_suffix(".mo").open("rb") as f:
            layer = gettext_module.GNUTranslations(f)
        layer.add_fallback(translation)
        translation = layer
    return translation


def django_translates(language: str, found: Found) -> bool:
    """Whether Django's own catalogs translate the message for the language
    (as gettext looks it up: a singular also finds a plural entry)."""
    t = _django_translation(language)
    if isinstance(found.msgid, tuple):
        one, other = found.msgid
        if found.context:
            return t.npgettext(found.context, one, other, 1) != MISSING
        return t.ngettext(one, other, 1) != MISSING
    if found.context:
        return t.pgettext(found.context, found.msgid) != MISSING
    return t.gettext(found.msgid) != MISSING


@cache
def django_gaps(language: str) -> tuple[Found, ...]:
    """The entries of Django's own catalogs that it leaves untranslated."""
    return tuple(_django_gaps(language))


def _django_gaps(language: str) -> Iterator[Found]:
    site = Path(django.__file__).parent.parent
    for po in _django_catalogs(language):
        with po.open("rb") as f:
            catalog = read_po(f, locale=language)
        for message in catalog:
            if not message.id:
                continue
            found = Found(
                message.id if isinstance(message.id, str) else tuple(message.id),  # type: ignore[arg-type]
                message.context,
                (str(po.relative_to(site)), 0),
            )
            if not django_translates(language, found):
                yield found


def template(language: str) -> Catalog:
    """The language's messages of the installed vendor apps (the .pot)."""
    pot = Catalog(project="incident-tracker", fuzzy=False)
    for found in [*marked(), *unmarked()]:
        if not django_translates(language, found):
            pot.add(found.msgid, locations=[found.location], context=found.context)
    for found in django_gaps(language):
        pot.add(found.msgid, locations=[found.location], context=found.context)
    return pot


def versions() -> list[str]:
    """Each vendor distribution installed, its version and its apps."""
    distributions = metadata.packages_distributions()
    found: dict[str, list[str]] = {}
    for label in vendor_labels.VENDOR_APPS:
        name = apps.get_app_config(label).name
        found.setdefault(distributions[name.split(".")[0]][0], []).append(name)
    return [f"{d} {metadata.version(d)} ({', '.join(names)})" for d, names in found.items()]


def header(language: str) -> str:
    """The .po file's opening comment: where its messages come from."""
    name = Locale.parse(language).english_name
    gaps = bool(django_gaps(language))
    return "\n".join(
        [
            f"# {name} translations of other apps' words in the incident tracker's admin",
            "# (the project's own messages are in locale/). `python manage.py catalogs`",
            "# (translations/vendor_catalogs.py) extracts the msgids from the installed",
            *(f"# - {v}" for v in versions()),
            "# from their code and templates, and the labels of their admin that they",
            "# leave unmarked (with the model as msgctxt: translations/vendor_labels.py),",
            "# less what Django's own catalogs translate in this language" + (";" if gaps else "."),
            *(
                [
                    f"# - Django {django.get_version()}: the entries its own {language} catalogs "
                    "(django/conf",
                    "# and the installed django.contrib apps) leave untranslated.",
                ]
                if gaps
                else []
            ),
            '# Translated by the project (docs/i18n.md, "Other apps\' words in the admin");',
            "# django-simple-history's ru_RU and uk and django-axes' ru catalogs were read",
            "# and reviewed as a start.",
        ]
    )


def po_path(language: str) -> Path:
    return catalogs.po_path(language, LOCALE)


def read(language: str) -> Catalog:
    return catalogs.read(language, LOCALE)


def updated(language: str, pot: Catalog | None = None) -> Catalog:
    """The language's catalog with exactly the installed apps' messages: new
    ones untranslated, gone ones dropped, none guessed; its header naming
    the versions installed."""
    catalog = read(language)
    created = catalog.creation_date
    catalog.update(pot or template(language), no_fuzzy_matching=True, update_header_comment=False)
    catalog.creation_date = created
    catalog.obsolete.clear()
    catalog.header_comment = header(language)
    return catalog


def compiled(language: str) -> bytes:
    return catalogs.mo_bytes(read(language))


def stale(pots: dict[str, Catalog] | None = None) -> list[str]:
    """The catalogs that have not exactly the installed apps' messages or do
    not name the installed versions, and the .mo files that are not their
    .po compiled: what `python manage.py catalogs` would change."""
    out = []
    for language in LANGUAGES:
        pot = (pots or {}).get(language) or template(language)
        po = po_path(language)
        mo = po.with_suffix(".mo")
        if (
            not po.exists()
            or catalogs._keys(read(language)) != catalogs._keys(pot)
            or read(language).header_comment != header(language)
        ):
            out.append(str(po.relative_to(catalogs.ROOT)))
        if not mo.exists() or compiled(language) != mo.read_bytes():
            out.append(str(mo.relative_to(catalogs.ROOT)))
    return out


def problems(language: str) -> list[str]:
    """Entries untranslated (a plural form included) or fuzzy."""
    return catalogs.entry_problems(f"{language} (other apps)", read(language))


def write() -> list[str]:
    """Updates every vendor .po from the installed apps and compiles it; the
    files written."""
    written = []
    for language in LANGUAGES:
        po = po_path(language)
        po.parent.mkdir(parents=True, exist_ok=True)
        data = catalogs.po_bytes(updated(language))
        if not po.exists() or po.read_bytes() != data:
            po.write_bytes(data)
            written.append(str(po.relative_to(catalogs.ROOT)))
        mo = po.with_suffix(".mo")
        data = compiled(language)
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
            written.append(str(mo.relative_to(catalogs.ROOT)))
    return written
