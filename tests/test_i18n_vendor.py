"""Other apps' words in the admin (translations/vendor_locale, extracted and
compiled by translations/vendor_catalogs.py): the catalogs have every
message of the installed django-simple-history, django-axes and django-otp
and none more, every entry translated and compiled, the same words as the
project's catalogs, and nothing that Django's own catalogs already say; and
in Belarusian, Russian and Ukrainian the history pages, the second sign-in
step, the TOTP device admin and axes' admin read with no English word of
those apps left."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from babel.messages.catalog import Catalog
from django.contrib.auth.models import AbstractBaseUser, Group
from django.test import Client, override_settings
from django.utils import translation
from django.utils.functional import Promise
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from incidents.models import Incident
from translations import catalogs, vendor_catalogs, vendor_labels

from .factories import CityFactory, IncidentFactory, PersonFactory, UserFactory

LANGUAGES = catalogs.LANGUAGES
PASSWORD = "correct horse battery staple"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\d*\}|<[^>]+>")
WORD = re.compile(r"[A-Za-z][A-Za-z’']+")
# What the translations keep in Latin letters: names of standards and headers.
KEPT_IN_LATIN = re.compile(r"User-Agent|HTTP Accept|SHA-256|\b(?:GET|POST|TOTP|QR|IP|Unix)\b")


@pytest.fixture(autouse=True)
def _english_between_requests() -> object:
    # A request leaves its language active in this thread (see test_i18n.py).
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(scope="module")
def pots() -> dict[str, Catalog]:
    return {language: vendor_catalogs.template(language) for language in LANGUAGES}


def keys(catalog: Catalog) -> set[tuple[str | None, str | tuple[str, ...]]]:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


# --- The catalogs ---------------------------------------------------------------------------


CHOOSE_A_DATE = "Choose a date from the list below to revert to a previous version of this object."


def test_it_extracts_the_words_of_each_app(pots: dict[str, Catalog]) -> None:
    for language, pot in pots.items():
        found = keys(pot)
        # django-simple-history: its templates, models and admin.
        assert (None, CHOOSE_A_DATE) in found
        assert (None, "Revert") in found and (None, "Changed") in found
        assert (None, "View history: %s") in found
        # django-otp: the admin's sign-in template and its form's messages.
        assert (None, "OTP Token:") in found and (None, "Please enter your OTP token.") in found
        # django-axes: its models, admin and lockout messages.
        assert (None, "access attempts") in found and (None, "Clean up expired attempts") in found
        # The admin labels they leave unmarked, with the model as context.
        assert ("otp_totp.TOTPDevice", "TOTP devices") in found
        assert ("otp_totp.TOTPDevice", "Throttling") in found  # a fieldset's title
        assert ("axes.AccessAttempt", "Status") in found  # a column named by its method
        # What Django translates stays Django's ("History", "Close", "Log in").
        assert not {(None, "History"), (None, "Close"), (None, "Log in")} & found, language
        # Django's own untranslated entries, in the one language that has them.
        assert ((None, "Model name") in found) == (language == "uk")


def test_it_leaves_to_django_what_django_translates(pots: dict[str, Catalog]) -> None:
    for language in LANGUAGES:
        overridden = [
            m.id
            for m in vendor_catalogs.read(language)
            if m.id
            and vendor_catalogs.django_translates(
                language,
                catalogs.Found(m.id if isinstance(m.id, str) else tuple(m.id), m.context, ("", 0)),  # type: ignore[arg-type]
            )
        ]
        assert overridden == [], language
    # The lookup itself: a singular finds Django's plural entry, as gettext does.
    found = catalogs.Found("Please correct the error below.", None, ("", 0))
    assert vendor_catalogs.django_translates("ru", found)
    assert not vendor_catalogs.django_translates("ru", catalogs.Found("OTP Token:", None, ("", 0)))
    assert not vendor_catalogs.django_translates("uk", catalogs.Found("Model name", None, ("", 0)))


def test_it_fails_when_a_vendor_catalog_is_out_of_date(
    pots: dict[str, Catalog], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert vendor_catalogs.stale(pots) == [], (
        "Run `python manage.py catalogs`, translate what it adds, and run it again."
    )
    po_files = sorted(
        str(vendor_catalogs.po_path(lang).relative_to(catalogs.ROOT)) for lang in LANGUAGES
    )
    # A message an upgraded app has and the catalogs do not.
    newer = {language: vendor_catalogs.template(language) for language in LANGUAGES}
    for pot in newer.values():
        pot.add("A message of a newer version")
    assert sorted(vendor_catalogs.stale(newer)) == po_files
    # A version other than the one the header names.
    monkeypatch.setattr(
        vendor_catalogs, "versions", lambda: ["django-simple-history 99.0 (simple_history)"]
    )
    assert sorted(vendor_catalogs.stale(pots)) == po_files


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_has_no_untranslated_or_fuzzy_entry(language: str) -> None:
    assert vendor_catalogs.problems(language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_each_messages_placeholders_and_plural_forms(language: str) -> None:
    catalog = vendor_catalogs.read(language)
    assert catalog.num_plurals == 4  # Django's rule: one, few, many, and fractions
    assert catalog.plural_expr == catalogs.read(language).plural_expr
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_compiles_the_committed_mo_from_the_po(language: str) -> None:
    mo = vendor_catalogs.po_path(language).with_suffix(".mo")
    assert mo.read_bytes() == vendor_catalogs.compiled(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_says_where_its_messages_come_from(language: str) -> None:
    comment = vendor_catalogs.read(language).header_comment
    for line in vendor_catalogs.versions():
        assert line in comment  # e.g. "django-otp 1.7.5 (django_otp, …otp_totp)"
    assert ("Django 5." in comment) == (language == "uk")


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_uses_the_projects_words_for_a_message_both_have(language: str) -> None:
    project = catalogs.read(language)
    shared = 0
    for message in vendor_catalogs.read(language):
        ours = project.get(message.id, message.context) if message.id else None
        if ours is not None:
            shared += 1
            assert message.string == ours.string, message.id
    assert shared >= 5  # "Object", "Comment", "Changed by", "Change reason", "Changes"


def test_it_makes_the_unmarked_admin_labels_translatable() -> None:
    texts = {(label.context, label.text) for label in vendor_labels.labels()}
    assert ("otp_totp.TOTPDevice", "Identity") in texts
    assert ("otp_totp.TOTPDevice", "The time step in seconds.") in texts
    opts = TOTPDevice._meta
    assert isinstance(opts.verbose_name_plural, Promise)
    assert isinstance(opts.get_field("step").help_text, Promise)
    assert str(opts.verbose_name_plural) == "TOTP devices"  # English as the app writes it
    with translation.override("ru"):
        assert str(opts.verbose_name_plural) == "устройства TOTP"
        assert str(opts.get_field("step").help_text) == "Шаг времени в секундах."
    with translation.override("be"):
        assert str(opts.get_field("user").verbose_name) == "карыстальнік"
    with translation.override("uk"):
        assert str(opts.get_field("name").verbose_name) == "назва"
    # Django's own "name" (of a group) is not the device's: the context keeps them apart.
    with translation.override("ru"):
        assert str(Group._meta.get_field("name").verbose_name) not in ("name", "название")


# --- The pages ------------------------------------------------------------------------------


class _Text(HTMLParser):
    """What a staff member reads: the text, and the titles, labels,
    placeholders and button values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        values = dict(attrs)
        for name in ("title", "aria-label", "placeholder", "alt"):
            self.parts.append(values.get(name) or "")
        if tag == "input" and values.get("type") in ("submit", "button"):
            self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible(html: str, data: Iterable[str] = ()) -> str:
    parser = _Text()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def words_of(messages: Iterable[str | tuple[str, ...]]) -> set[str]:
    words: set[str] = set()
    for message in messages:
        for text in message if isinstance(message, tuple) else (message,):
            words |= {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text))}
    return words


def app_words(app: str) -> set[str]:
    """The English words of what an app marks for translation."""
    return words_of(
        f.msgid for f in vendor_catalogs.marked() if f.location[0].startswith(app + "/")
    )


def english_left(html: str, words: set[str], data: Iterable[str] = ()) -> set[str]:
    text = KEPT_IN_LATIN.sub(" ", visible(html, data))
    return {w for w in WORD.findall(text) if w.lower() in words}


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def two_factor() -> Iterator[None]:
    """The admin asks for a TOTP code (as in production; not the test settings')."""
    with override_settings(OTP_REQUIRED=True):
        yield


def device_of(user: AbstractBaseUser) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="тэлефон", confirmed=True)


def sign_in(language: str) -> Client:
    """A superuser signed in with a password and a TOTP code ("en": unprefixed)."""
    user = UserFactory(username="admin", is_staff=True, is_superuser=True)
    device = device_of(user)
    client = Client()
    response = client.post(
        "/admin/login/" if language == "en" else f"/{language}/admin/login/",
        {
            "username": "admin",
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": str(totp(device.bin_key)).zfill(6),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


SECOND_STEP = {
    "be": ("Прылада для ўваходу:", "Аднаразовы код:", "Запытаць код", "Увядзіце аднаразовы код."),
    "ru": (
        "Устройство для входа:",
        "Одноразовый код:",
        "Запросить код",
        "Введите одноразовый код.",
    ),
    "uk": ("Пристрій для входу:", "Одноразовий код:", "Запитати код", "Введіть одноразовий код."),
}
INVALID_TOKEN = {
    "be": "Няправільны код. Праверце, ці правільна вы яго ўвялі.",
    "ru": "Неверный код. Проверьте, правильно ли вы его ввели.",
    "uk": "Неправильний код. Перевірте, чи правильно ви його ввели.",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_it_asks_for_the_second_factor_in_each_language(two_factor: None, language: str) -> None:
    user = UserFactory(username="staffer", is_staff=True)
    device = device_of(user)
    client = Client()
    login = f"/{language}/admin/login/"
    otp = app_words("django_otp")
    first = page(client, login)
    assert SECOND_STEP[language][1] in first and english_left(first, otp) == set()
    # The password alone: the second step, with its device and the code to type.
    second = client.post(login, {"username": "staffer", "password": PASSWORD}).content.decode()
    device_label, token_label, challenge, token_required = SECOND_STEP[language]
    assert device_label in second and token_label in second and challenge in second
    assert token_required in second
    assert english_left(second, otp, ["staffer", "тэлефон"]) == set()
    wrong = client.post(
        login,
        {
            "username": "staffer",
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": "000000" if str(totp(device.bin_key)).zfill(6) != "000000" else "111111",
        },
    ).content.decode()
    assert INVALID_TOKEN[language] in wrong
    assert english_left(wrong, otp, ["staffer", "тэлефон"]) == set()


HISTORY = {
    "be": ("Выберыце дату ў спісе ніжэй", "Зменена", "Аднавіць", "Націсніце кнопку «Аднавіць»"),
    "ru": (
        "Выберите дату в списке ниже",
        "Изменено",
        "Восстановить",
        "Нажмите кнопку «Восстановить»",
    ),
    "uk": ("Виберіть дату в списку нижче", "Змінено", "Відновити", "Натисніть кнопку «Відновити»"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_the_history_pages_in_each_language(two_factor: None, language: str) -> None:
    incident = IncidentFactory.build(
        person=PersonFactory(name="Алесь Бяляцкі"),
        city=CityFactory(name="Гродна"),
        summary="Ператрус у Гродне.",
    )
    # Each version with a reason: the project's list of versions prints a
    # missing one as "None" (templates/simple_history/object_history_list.html).
    incident._change_reason = "першы запіс"  # type: ignore[attr-defined]
    incident.save()
    incident.summary = "Ператрус у Гродне, 14 ліпеня."
    incident._change_reason = "удакладненне"  # type: ignore[attr-defined]
    incident.save()
    client = sign_in(language)
    data = [str(incident), incident.summary, "Ператрус у Гродне.", "першы запіс", "удакладненне"]
    data.append("admin")
    simple_history_words = app_words("simple_history")
    choose, changed, revert, press_revert = HISTORY[language]

    listing = page(client, f"/{language}/admin/incidents/incident/{incident.pk}/history/")
    assert f'<html lang="{language}"' in listing
    assert choose in listing and changed in listing
    assert english_left(listing, simple_history_words, data) == set()

    version = Incident.history.filter(id=incident.pk).order_by("history_id").first()
    assert version is not None
    form = page(client, f"/{language}/admin/incidents/incident/{incident.pk}/history/{version.pk}/")
    assert f'value="{revert}"' in form and press_revert in form
    # The incident form's own hidden "date_confirmed" field is the project's
    # (incidents/admin/incidents.py), not simple_history's.
    assert english_left(form, simple_history_words, [*data, "Date confirmed"]) == set()


TOTP_ADMIN = {
    "be": ("прылада TOTP", "Асноўныя звесткі", "Абмежаванне спроб", "Крок часу ў секундах."),
    "ru": (
        "устройство TOTP",
        "Основные сведения",
        "Ограничение попыток",
        "Шаг времени в секундах.",
    ),
    "uk": ("пристрій TOTP", "Основні відомості", "Обмеження спроб", "Крок часу в секундах."),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_the_totp_device_admin_in_each_language(two_factor: None, language: str) -> None:
    client = sign_in(language)
    device = TOTPDevice.objects.get(user__username="admin")
    labels = words_of(label.text for label in vendor_labels.labels()) | app_words("django_otp")
    data = ["admin", "тэлефон", "qrcode", "Otp_Totp"]  # the link's text and the app's name
    name, identity, throttling, step = TOTP_ADMIN[language]

    listing = page(client, f"/{language}/admin/otp_totp/totpdevice/")
    assert name in listing  # "Select TOTP device to change", Django's words with the model's
    assert english_left(listing, labels, data) == set()
    change = page(client, f"/{language}/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert identity in change and throttling in change and step in change
    assert english_left(change, labels, data) == set()


AXES_ADMIN = {
    "be": ("запіс пра спробы ўваходу", "Выдаліць пратэрмінаваныя запісы", "Стан", "Заблакавана"),
    "ru": ("запись о попытках входа", "Удалить просроченные записи", "Состояние", "Заблокировано"),
    "uk": ("запис про спроби входу", "Видалити прострочені записи", "Стан", "Заблоковано"),
}
LOCKED = {
    "be": "Уліковы запіс заблакаваны: занадта шмат спроб уваходу. Паспрабуйце пазней.",
    "ru": "Учётная запись заблокирована: слишком много попыток входа. Попробуйте позже.",
    "uk": "Обліковий запис заблоковано: забагато спроб входу. Спробуйте пізніше.",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_axes_admin_and_lockout_in_each_language(two_factor: None, language: str) -> None:
    UserFactory(username="staffer", is_staff=True)
    anonymous = Client()
    for _ in range(5):
        response = anonymous.post(
            f"/{language}/admin/login/", {"username": "staffer", "password": "wrong"}
        )
    assert response.status_code == 429
    assert response.content.decode() == LOCKED[language]

    client = sign_in(language)
    axes = app_words("axes") | words_of(
        label.text for label in vendor_labels.labels() if label.context.startswith("axes.")
    )
    # What staff and the records say, the app's name, and each record's own
    # name (axes writes "Attempted Access: <time>" unmarked).
    data = ["admin", "staffer", "127.0.0.1", f"/{language}/admin/login/", "Axes"]
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        data += [str(record) for record in model.objects.all()]
    attempt, clean_up, status, locked_out = AXES_ADMIN[language]
    listing = page(client, f"/{language}/admin/axes/accessattempt/")
    assert f"<h1>{translation_of('Select %s to change', language) % attempt}</h1>" in listing
    assert clean_up in listing and status in listing and locked_out in listing
    assert english_left(listing, axes, data) == set()
    for name in ("accesslog", "accessfailurelog"):
        assert english_left(page(client, f"/{language}/admin/axes/{name}/"), axes, data) == set()


def translation_of(message: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


@pytest.mark.django_db
def test_it_fills_in_djangos_own_untranslated_admin_words_in_ukrainian(two_factor: None) -> None:
    client = sign_in("uk")
    index = page(client, "/uk/admin/")
    # The app list's headers, for screen readers, on every admin page.
    assert "Назва моделі" in index and "Посилання для додавання" in index
    assert "Model name" not in index and "Add link" not in index
    add_user = page(client, "/uk/admin/auth/user/add/")
    assert "Після створення користувача ви зможете змінити інші його параметри." in add_user


@pytest.mark.django_db
def test_it_finds_english_left_on_the_english_pages(two_factor: None) -> None:
    # The check itself: in English the same pages are all the apps' words.
    client = sign_in("en")
    device = TOTPDevice.objects.get(user__username="admin")
    labels = words_of(label.text for label in vendor_labels.labels())
    change = page(client, f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert {"Identity", "Throttling", "Timestamps", "Drift"} <= english_left(change, labels)
    AccessAttempt.objects.create(
        username="staffer", ip_address="127.0.0.1", failures_since_start=5, post_data=""
    )
    listing = page(client, "/admin/axes/accessattempt/")
    assert {"Clean", "Status", "Locked"} <= english_left(listing, app_words("axes") | labels)
