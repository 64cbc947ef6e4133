"""The admin in Belarusian, Russian and Ukrainian: every screen of every
record the admin shows (its list, its add form, a record's change form and
its history), the intake screens and the admin's index, read by a superuser
signed in with two factors, with no English interface word left: no word of
the project's messages, of Django's admin or of the other apps' (the
catalogs in LOCALE_PATHS), in what the staff member reads (text, titles,
labels, placeholders, button values). What staff entered stays as it was
entered: the records' names, titles and texts are taken out before the words
are compared."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from incidents.models import Incident

from .test_i18n_browser import NOT_ENGLISH_ONLY, WORD, data_strings

pytestmark = pytest.mark.django_db

STATEMENT = (
    Path(__file__).resolve().parent.parent / "fixtures/sources/joint-statement-2021-07-14.txt"
)

# Latin words the admin shows in every language: the project's and apps'
# own names, technical terms, and units.
# The language codes too ("be", an English word, is also Belarusian's code,
# which the alias forms' choice of language may show).
NOT_ENGLISH_ONLY_IN_ADMIN = NOT_ENGLISH_ONLY | {
    "be",
    "ru",
    "uk",
    "en",
    "django",
    "totp",
    "url",
    "id",
    "ip",
    "otp",
    "utc",
}


def catalog_words(path: Path) -> tuple[set[str], set[str]]:
    """The words of a catalog's messages, and those of their translations."""
    ids: set[str] = set()
    strs: set[str] = set()
    with path.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        for texts, words in ((message.id, ids), (message.string, strs)):
            for text in texts if isinstance(texts, tuple) else (texts,):
                if text:
                    text = re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>", " ", text)
                    words |= {w.lower() for w in WORD.findall(text)}
    return ids, strs


def interface_words(language: str) -> set[str]:
    """Every English word of the messages the admin may show (the project's,
    Django's, and the other apps' in LOCALE_PATHS), less the words that their
    translations into `language` keep in Latin letters ("ISO", "LDAP")."""
    django_root = Path(django.__file__).parent
    sources = [
        django_root / f"{part}/locale/{language}/LC_MESSAGES/django.po"
        for part in ("conf", "contrib/admin", "contrib/auth", "contrib/contenttypes")
    ] + [Path(p) / f"{language}/LC_MESSAGES/django.po" for p in settings.LOCALE_PATHS]
    ids: set[str] = set()
    kept: set[str] = set()
    for path in sources:
        if path.exists():
            found, translated = catalog_words(path)
            ids |= found
            kept |= translated
    return ids - kept - NOT_ENGLISH_ONLY_IN_ADMIN


def admin_data(language: str) -> list[str]:
    """What staff entered and the admin shows as it is: the records' names
    and texts, a source's whole text, the users' names, and the permissions
    as the admin lists them ("incidents | город | Can add city": Django
    stores their names in English when it migrates, a limit of Django's)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Permission, User

    from incidents.models import Citation, Source

    found = set(data_strings())
    for values in (
        Source.objects.values_list("full_text", flat=True),
        Permission.objects.values_list("name", flat=True),
        User.objects.values_list("username", flat=True),
    ):
        for value in values:
            found |= {" ".join(line.split()) for line in str(value).splitlines() if line.strip()}
    with translation.override(language):
        found |= {str(p) for p in Permission.objects.select_related("content_type")}
        # A citation's title in its inline: its source and the excerpt's start.
        found |= {str(c) for c in Citation.objects.select_related("source")}
        # axes names its records in English in its code ("Access Log for …
        # @ …"): no catalog reaches them (docs/i18n.md).
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            found |= {str(record) for record in model.objects.all()}
            # What the request sent, as axes keeps it ("<unknown>" agent).
            for row in model.objects.values_list("user_agent", "path_info"):
                found |= {value for value in row if value}
    return sorted(found, key=len, reverse=True)


class Visible(HTMLParser):
    """What a staff member reads and hears of a page: its text (less scripts,
    styles and the values in text boxes), titles, labels, placeholders, alt
    texts and button values; an element marked as written in another
    language than the page's is left out."""

    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
    VOID = {"input", "br", "img", "meta", "link", "hr", "col", "source", "wbr", "area"}

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)

    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        hide = self.hidden() or tag in ("script", "style", "textarea", "template")
        hide = hide or ("lang" in a and a["lang"] != self.lang and tag != "html")
        if not hide:
            self.parts.extend(a[name] or "" for name in self.ATTRIBUTES if name in a)
            if tag == "input" and a.get("type") in ("submit", "button"):
                self.parts.append(a.get("value") or "")
        if tag not in self.VOID:
            self.stack.append((tag, hide))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden():
            self.parts.append(data)


def english_left(html: str, language: str, interface: set[str], data: list[str]) -> set[str]:
    parser = Visible(language)
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    for value in data:
        text = text.replace(value, " ")
    text = re.sub(r"https?://\S+|\S+@\S+", " ", text)
    return {w for w in WORD.findall(text) if w.lower() in interface}


def admin_paths() -> list[str]:
    """Every screen of every record the admin shows: list, add, a record's
    change form and history (the first record there is), and the index."""
    paths = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        base = f"admin:{meta.app_label}_{meta.model_name}"
        paths.append(reverse(f"{base}_changelist"))
        if model_admin.has_add_permission(_request()):
            paths.append(reverse(f"{base}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse(f"{base}_change", args=[first.pk]))
            paths.append(reverse(f"{base}_history", args=[first.pk]))
    return paths


def _request():  # noqa: ANN202
    from django.test import RequestFactory

    from .factories import UserFactory

    request = RequestFactory().get("/admin/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True, is_active=True)
    return request


@pytest.fixture(autouse=True)
def _english_between_requests() -> object:
    # A request leaves its language active in this thread: reverse() and
    # str() in a test would answer in the last page's language.
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def statement(db: None) -> None:
    call_command("loaddata", "statement", verbosity=0)


@pytest.mark.parametrize("language", ["be", "ru", "uk"])
def test_it_reads_every_admin_screen_with_no_english_interface_word_left(
    superuser: Client, statement: None, language: str
) -> None:
    data = admin_data(language)
    interface = interface_words(language)
    assert Incident.objects.exists()
    left: dict[str, set[str]] = {}
    with translation.override("en"):
        paths = admin_paths()
    for path in paths:
        response = superuser.get(f"/{language}{path}")
        assert response.status_code == 200, (path, response.status_code)
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, path
        words = english_left(html, language, interface, data)
        if words:
            left[path] = words

    assert left == {}


def test_it_finds_english_left_on_an_admin_screen_in_english(
    superuser: Client, statement: None
) -> None:
    # The check itself: the same screens in English are interface words.
    html = superuser.get(reverse("admin:incidents_incident_changelist")).content.decode()
    left = {w.lower() for w in english_left(html, "en", interface_words("ru"), admin_data("en"))}
    assert {"incidents", "search", "action", "filter"} <= left


@pytest.mark.parametrize("language", ["be", "ru", "uk"])
def test_it_reads_the_intake_review_with_no_english_interface_word_left(
    superuser: Client, statement: None, language: str
) -> None:
    text = STATEMENT.read_text(encoding="utf-8")
    add = reverse("admin:intake_report_add")
    response = superuser.post(
        f"/{language}{add}",
        {
            "step": "propose",
            "text": text,
            "title": "Joint statement",
            "date": "14.07.2021",
            "kind": "report",
            "url": "",
            "language": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark" in html  # the review screen, the report's sentences marked
    left = english_left(html, language, interface_words(language), admin_data(language))
    assert left == set()


def test_it_names_an_incident_in_the_staff_members_language(statement: None) -> None:
    incident = Incident.objects.filter(kind="search", person__isnull=False).order_by("pk").first()
    assert incident is not None
    with translation.override("ru"):
        assert str(incident).startswith(f"Обыск: {incident.person}, ")
    with translation.override("en"):
        assert str(incident).startswith(f"Search of {incident.person}, ")


def test_it_names_the_other_apps_in_the_staff_members_language(superuser: Client) -> None:
    index = superuser.get("/ru/admin/").content.decode()
    assert "Блокировка входа" in index and "Устройства двухфакторного входа" in index
    assert ">Axes<" not in index and "Otp_Totp" not in index
