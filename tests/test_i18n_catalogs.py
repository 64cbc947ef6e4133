"""The message catalogs (locale/{be,ru,uk}): in step with the code, compiled,
every entry translated, none fuzzy, and each translation keeping the
placeholders of its message. Extraction and compilation are pure Python
(translations/catalogs.py: Django's templatize and Babel), so none of this
needs GNU gettext."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog

from translations import catalogs

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\}|<[^>]+>")


@pytest.fixture(scope="module")
def pot() -> Catalog:
    return catalogs.template()


def test_it_finds_the_messages_of_templates_and_code(pot: Catalog) -> None:
    ids = {m.id for m in pot if m.id}
    assert "Skip to content" in ids  # templates/base.html
    assert ("%(shown)s incident", "%(shown)s incidents") in ids  # a blocktranslate count
    assert "Newest first" in ids  # incidents/filters.py
    assert any(m.context == "incident kind" and m.id == "Search" for m in pot)  # pgettext
    assert "Incident tracker — staff" in ids  # tracker/urls.py


def test_it_fails_when_a_catalog_is_out_of_date_with_the_code(pot: Catalog) -> None:
    assert catalogs.stale(pot) == [], (
        "Run `python manage.py catalogs`, translate what it adds, and run it again."
    )
    # The check sees a new message.
    pot.add("A message the catalogs do not have yet")
    assert sorted(catalogs.stale(pot)) == sorted(
        f"locale/{lang}/LC_MESSAGES/django.po" for lang in catalogs.LANGUAGES
    )


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_it_has_no_untranslated_or_fuzzy_entry(language: str) -> None:
    assert catalogs.problems(language) == []


def test_it_would_report_an_untranslated_or_fuzzy_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = Catalog(locale="ru")
    catalog.mime_headers = [("Plural-Forms", catalogs.PLURAL_FORMS["ru"])]
    catalog.add("Translated", "Переведено")
    catalog.add("Untranslated", "")
    catalog.add("Fuzzy", "Неточно", flags=["fuzzy"])
    catalog.add(("One", "Many"), ("Один", "", "", ""))
    monkeypatch.setattr(catalogs, "read", lambda language: catalog)
    assert catalogs.problems("ru") == [
        "ru: untranslated: 'Untranslated'",
        "ru: fuzzy: 'Fuzzy'",
        "ru: untranslated: ('One', 'Many')",
    ]


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_it_keeps_each_messages_placeholders_and_plural_forms(language: str) -> None:
    catalog = catalogs.read(language)
    assert catalog.num_plurals == 4  # one, few, many, and fractions
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            wanted = {tuple(sorted(PLACEHOLDER.findall(i))) for i in message.id}
            assert len(message.string) == 4, message.id
            for form in message.string:
                assert tuple(sorted(PLACEHOLDER.findall(form))) in wanted, (message.id, form)
        else:
            found = sorted(PLACEHOLDER.findall(message.string))
            assert found == sorted(PLACEHOLDER.findall(message.id)), (message.id, message.string)


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_it_compiles_the_committed_mo_from_the_po(language: str) -> None:
    mo = catalogs.po_path(language).with_suffix(".mo")
    assert mo.read_bytes() == catalogs.compiled(language)
