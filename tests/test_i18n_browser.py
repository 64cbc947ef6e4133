"""Each language in headless Chromium (Debian's): the main pages of the loaded
statement read with no English interface word left (what the visitor sees,
the page's title and the labels a screen reader reads), and axe finds nothing
serious. The data stays as it was entered: names, titles, summaries and the
sources' text are taken out before the words are compared."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser, Page, sync_playwright

from incidents.models import (
    Addressee,
    Affiliation,
    Citation,
    City,
    Incident,
    Organization,
    Person,
    Source,
)
from translations import catalogs

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# Latin words that every language writes so: formats, and the switcher's own
# name for English.
NOT_ENGLISH_ONLY = {"csv", "json", "atom", "english"}
WORD = re.compile(r"[A-Za-z][A-Za-z’']+")

# Everything the visitor reads and hears, less what is data: quotations, the
# source's text and every element marked as written in another language.
VISIBLE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  const lang = document.documentElement.lang;
  body.querySelectorAll('blockquote, .full-text, [lang]').forEach(el => {
    if (el.tagName === 'BLOCKQUOTE' || el.classList.contains('full-text')
        || el.getAttribute('lang') !== lang) el.remove();
  });
  const names = ['aria-label', 'title', 'placeholder', 'alt'];
  const labels = [...body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')]
    .map(el => names.map(a => el.getAttribute(a) || '').join(' '));
  document.body.appendChild(body); body.hidden = false;
  const text = body.innerText; body.remove();
  return [document.title, text, ...labels].join('\\n');
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def interface_words() -> set[str]:
    """Every English word of the project's messages."""
    words: set[str] = set()
    for message in catalogs.template():
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            words |= {w.lower() for w in WORD.findall(re.sub(r"%\(\w+\)[sd]|<[^>]+>", " ", text))}
    return words - NOT_ENGLISH_ONLY


def data_strings() -> list[str]:
    """What staff entered, as the pages may show it, longest first."""
    found: set[str] = set()
    for model, fields in (
        (Person, ["name", "description"]),
        (Organization, ["name", "public_name", "description"]),
        (City, ["name", "region", "country"]),
        (Source, ["title", "public_title"]),
        (Incident, ["summary"]),
        (Citation, ["excerpt"]),
        (Addressee, ["name", "position"]),
        (Affiliation, ["role"]),
    ):
        for row in model.objects.values_list(*fields):
            found |= {" ".join(str(v).split()) for v in row if v}
    return sorted(found, key=len, reverse=True)


def english_left(page: Page, interface: set[str], data: list[str]) -> set[str]:
    text = " ".join(page.evaluate(VISIBLE_TEXT).split())
    for value in data:
        text = text.replace(value, " ")
    text = re.sub(r"https?://\S+", " ", text)  # the permalink
    # A 400 names the parameter as the address spells it ("kind: …").
    text = re.sub(
        r"\b(kind|city|organization|person|date_after|date_before|q|sort|page):", " ", text
    )
    return {w for w in WORD.findall(text) if w.lower() in interface}


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    serious = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], page.url


@pytest.mark.parametrize("language", ["be", "ru", "uk"])
def test_it_reads_each_language_with_no_english_interface_word_left(
    browser: Browser,
    live_server,
    language: str,
    interface_words: set[str],  # noqa: ANN001
) -> None:
    call_command("loaddata", "statement", verbosity=0)
    data = data_strings()
    incident = Incident.objects.published().filter(city__isnull=False).order_by("id").first()
    source = Source.objects.order_by("id").first()
    assert incident is not None and source is not None
    paths = {
        "/": True,
        "/incidents/?city=hrodna&kind=search": True,
        f"/incidents/{incident.pk}/": True,
        "/incidents/": False,
        "/people/": False,
        "/organizations/": False,
        "/cities/": False,
        "/sources/": False,
        f"/sources/{source.slug}/": False,
        "/people/ales-bialiatski/": False,
        "/organizations/viasna-human-rights-centre/": False,
        "/cities/mozyr/": False,
        "/incidents/?kind=x": False,
        "/no-such-page/": False,
    }
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    try:
        for path, check_axe in paths.items():
            page.goto(f"/{language}{path}")
            assert page.evaluate("document.documentElement.lang") == language, path
            assert english_left(page, interface_words, data) == set(), path
            if check_axe:
                assert_accessible(page)
    finally:
        context.close()


def test_it_finds_english_left_on_a_page_in_english(
    browser: Browser,
    live_server,
    interface_words: set[str],  # noqa: ANN001
) -> None:
    # The check itself: the same page in English is all interface words.
    call_command("loaddata", "statement", verbosity=0)
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto("/incidents/")
        left = {w.lower() for w in english_left(page, interface_words, data_strings())}
        assert {"skip", "filters", "apply", "download", "incidents"} <= left
    finally:
        context.close()
