"""The site in Belarusian, Russian and Ukrainian: language-prefixed addresses,
the switcher, Accept-Language on a first visit to `/`, <html lang>, hreflang
alternates, the sitemap in every language, dates, numbers and cities as each
language writes them, stored text marked with its own language, and the admin's
own words."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from incidents.models import Incident
from translations.models import TextTranslation

from .factories import (
    AffiliationFactory,
    CitationFactory,
    CityFactory,
    IncidentFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonAliasFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["be", "ru", "uk"]


@pytest.fixture(autouse=True)
def _english_between_requests() -> object:
    # A request activates its language in this thread and leaves it active:
    # reverse() and get_absolute_url() in a test, and in the next test, would
    # answer in the last page's language.
    translation.activate("en")
    yield
    translation.activate("en")


def warm_queries(client: Client, url: str) -> int:
    """The statements of a page asked a second time (its cache filled)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def page(client: Client, url: str, status: int = 200, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def incident() -> Incident:
    source = SourceFactory(title="Joint statement", published_on=dt.date(2021, 7, 14))
    incident = IncidentFactory(
        kind="detention",
        date=dt.date(2021, 7, 14),
        person=PersonFactory(name="Oleg Matskevich"),
        city=CityFactory(name="Hrodna", slug="hrodna"),
        summary="Detained in Hrodna.",
    )
    CitationFactory(incident=incident, source=source, excerpt="Oleg Matskevich was detained.")
    return incident


# --- Addresses and the switcher -----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("be", "Ператрусы, затрыманні і знікненні"),
        ("ru", "Обыски, задержания и исчезновения"),
        ("uk", "Обшуки, затримання та зникнення"),
    ],
)
def test_it_serves_every_page_under_its_language_prefix(
    anonymous: Client, incident: Incident, language: str, heading: str
) -> None:
    overview = page(anonymous, f"/{language}/")
    assert f'<html lang="{language}">' in overview
    assert f"<h1>{heading}</h1>" in overview
    # Links stay in the language.
    assert f'href="/{language}/incidents/"' in overview
    for path in ("incidents/", "people/", "organizations/", "cities/", "sources/"):
        assert f'<html lang="{language}">' in page(anonymous, f"/{language}/{path}")
    assert f'<html lang="{language}">' in page(anonymous, f"/{language}/incidents/{incident.pk}/")


def test_it_keeps_english_unprefixed(anonymous: Client) -> None:
    overview = page(anonymous, "/")
    assert (
        '<html lang="en">' in overview
        and "<h1>Searches, detentions and disappearances</h1>" in overview
    )
    page(anonymous, "/en/", status=404)


def test_it_honours_accept_language_on_a_first_visit_to_the_root(anonymous: Client) -> None:
    response = anonymous.get("/", headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"})
    assert response.status_code == 302 and response["Location"] == "/ru/"
    assert "Accept-Language" in response["Vary"]
    response = anonymous.get("/", headers={"accept-language": "be"})
    assert response["Location"] == "/be/"
    # English, or a language the site does not have: English, unprefixed.
    assert anonymous.get("/", headers={"accept-language": "en-GB"}).status_code == 200
    assert anonymous.get("/", headers={"accept-language": "de"}).status_code == 200
    # Any other address says its language itself.
    response = anonymous.get("/incidents/", headers={"accept-language": "ru"})
    assert response.status_code == 200 and '<html lang="en">' in response.content.decode()


def test_it_remembers_the_switchers_choice_for_the_root(anonymous: Client) -> None:
    # A Russian browser chooses English: `/` stays English from then on.
    response = anonymous.get("/i18n/switch/en/", {"next": "/ru/incidents/?kind=search&city=brest"})
    assert response.status_code == 302
    assert response["Location"] == "/incidents/?kind=search&city=brest"
    assert anonymous.get("/", headers={"accept-language": "ru"}).status_code == 200
    # And a choice of Ukrainian takes `/` to Ukrainian.
    response = anonymous.get("/i18n/switch/uk/", {"next": "/cities/"})
    assert response["Location"] == "/uk/cities/"
    assert anonymous.get("/", headers={"accept-language": "en"})["Location"] == "/uk/"


def test_it_refuses_to_switch_to_another_site(anonymous: Client) -> None:
    response = anonymous.get("/i18n/switch/ru/", {"next": "https://evil.example/"})
    assert response["Location"] == "/ru/"
    response = anonymous.get("/i18n/switch/xx/", {"next": "/cities/"})
    assert response["Location"] == "/cities/"


def test_it_offers_the_same_page_and_filters_in_every_language(anonymous: Client) -> None:
    text = page(anonymous, "/ru/incidents/?kind=search&city=brest")
    switcher = text[text.index('<nav class="languages"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert '<strong lang="ru" aria-current="true">Русский</strong>' in switcher
    for code, name in (("en", "English"), ("be", "Беларуская"), ("uk", "Українська")):
        link = re.search(
            rf'<a href="([^"]+)" hreflang="{code}" lang="{code}"[^>]*>{name}</a>', switcher
        )
        assert link, code
        target = anonymous.get(link.group(1).replace("&amp;", "&"))["Location"]
        prefix = "" if code == "en" else f"/{code}"
        assert target == f"{prefix}/incidents/?kind=search&city=brest"


def test_it_names_the_other_versions_with_hreflang(anonymous: Client) -> None:
    text = page(anonymous, "/be/cities/?q=hr")
    for code, prefix in (("en", ""), ("be", "/be"), ("ru", "/ru"), ("uk", "/uk")):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://testserver{prefix}/cities/?q=hr">'
            in text
        )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/cities/?q=hr">' in text
    )


def test_it_does_not_echo_a_missing_address_in_its_links(anonymous: Client) -> None:
    text = page(anonymous, "/ru/people/someone-protected/", status=404)
    assert '<html lang="ru">' in text and "Не найдено" in text
    assert "someone-protected" not in text
    assert 'hreflang="uk"' in text  # the switcher, to the language's home


def test_it_lists_every_language_in_the_sitemap(anonymous: Client, incident: Incident) -> None:
    text = page(anonymous, "/sitemap-incidents.xml")
    path = incident.get_absolute_url()
    for prefix in ("", "/be", "/ru", "/uk"):
        assert f"<loc>http://testserver{prefix}{path}</loc>" in text
        code = prefix.strip("/") or "en"
        assert f'hreflang="{code}" href="http://testserver{prefix}{path}"' in text
    assert 'hreflang="x-default"' in text
    pages = page(anonymous, "/sitemap-pages.xml")
    assert "<loc>http://testserver/ru/cities/</loc>" in pages


# --- What each language writes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "date", "kind"),
    [
        ("be", "14 ліпеня 2021", "Затрыманне"),
        ("ru", "14 июля 2021", "Задержание"),
        ("uk", "14 липня 2021", "Затримання"),
        ("en", "14 July 2021", "Detention"),
    ],
)
def test_it_writes_dates_as_each_language_does(
    anonymous: Client, incident: Incident, language: str, date: str, kind: str
) -> None:
    prefix = "" if language == "en" else f"/{language}"
    text = page(anonymous, f"{prefix}/incidents/{incident.pk}/")
    assert date in text
    assert f'<span class="kind kind-detention">{kind}</span>' in text


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "1,000,000"),
        ("be", "1\xa0000\xa0000"),
        ("ru", "1\xa0000\xa0000"),
        ("uk", "1\xa0000\xa0000"),
    ],
)
def test_it_groups_numbers_as_each_language_does(language: str, written: str) -> None:
    with translation.override(language):
        out = Template("{% load localized %}{{ n|num }}").render(Context({"n": 1_000_000}))
    assert out == written


def test_it_counts_with_each_languages_plural_forms() -> None:
    template = Template(
        "{% load i18n localized %}{% blocktranslate count counter=n with shown=n|num %}"
        "{{ shown }} incident{% plural %}{{ shown }} incidents{% endblocktranslate %}"
    )
    expected = {
        "ru": {
            1: "1 инцидент",
            3: "3 инцидента",
            5: "5 инцидентов",
            11: "11 инцидентов",
            21: "21 инцидент",
        },
        "uk": {
            1: "1 інцидент",
            3: "3 інциденти",
            5: "5 інцидентів",
            12: "12 інцидентів",
            22: "22 інциденти",
        },
        "be": {
            1: "1 інцыдэнт",
            4: "4 інцыдэнты",
            5: "5 інцыдэнтаў",
            14: "14 інцыдэнтаў",
            31: "31 інцыдэнт",
        },
    }
    for language, cases in expected.items():
        with translation.override(language):
            for n, text in cases.items():
                assert template.render(Context({"n": n})) == text, (language, n)


def test_it_shows_cities_in_the_readers_script_beside_the_stored_name(
    anonymous: Client, incident: Incident
) -> None:
    for language, local in (("be", "Гродна"), ("ru", "Гродно"), ("uk", "Гродно")):
        text = page(anonymous, f"/{language}/cities/hrodna/")
        assert f'<h1>{local} <span class="stored-name" lang="en">(Hrodna)</span></h1>' in text
        listing = page(anonymous, f"/{language}/incidents/")
        assert f">{local}</a>" in listing  # the city facet
    assert "<h1>Hrodna</h1>" in page(anonymous, "/cities/hrodna/")


def test_it_marks_stored_text_with_its_own_language(anonymous: Client, incident: Incident) -> None:
    text = page(anonymous, f"/ru/incidents/{incident.pk}/")
    assert '<p class="summary" lang="en">Detained in Hrodna.</p>' in text
    assert '<blockquote lang="en"' in text
    english = page(anonymous, f"/incidents/{incident.pk}/")
    assert '<p class="summary">Detained in Hrodna.</p>' in english


def test_it_translates_the_feed_and_the_error_pages(anonymous: Client, incident: Incident) -> None:
    feed = page(anonymous, "/ru/incidents/feed/")
    assert "<title>Мониторинг инцидентов: последние опубликованные инциденты</title>" in feed
    assert f"http://testserver/ru/incidents/{incident.pk}/" in feed
    bad = page(anonymous, "/uk/incidents/?date_after=yesterday", status=400)
    assert '<html lang="uk">' in bad and "Цей фільтр не вдалося прочитати" in bad
    with translation.override("be"):
        from django.template.loader import render_to_string

        error = render_to_string("500.html")
    assert '<html lang="be">' in error and "Нешта пайшло не так" in error and 'href="/be/"' in error


def test_it_shows_the_admin_in_the_staff_members_language(
    reviewer: Client, incident: Incident
) -> None:
    text = page(reviewer, "/ru/admin/incidents/incident/")
    assert '<html lang="ru"' in text
    # The project's own words, not only Django's.
    assert "Мониторинг инцидентов — для сотрудников" in text
    assert "Отправить на проверку" in text  # an action
    assert "Слова описания или имена" in text  # the search help text
    assert "Задержание" in text  # a choice
    assert 'hreflang="uk"' in text  # the switcher
    form = page(reviewer, f"/uk/admin/incidents/incident/{incident.pk}/change/")
    assert "День, коли це сталося." in form  # a help text


def test_it_shows_people_and_organizations_in_the_readers_script(anonymous: Client) -> None:
    person = PersonFactory(name="Ales Bialiatski", slug="ales-bialiatski")
    PersonAliasFactory(person=person, name="Алесь Бяляцкі", language="be")
    PersonAliasFactory(person=person, name="Алесь Беляцкий", language="ru")
    organization = OrganizationFactory(name="Viasna", slug="viasna")
    OrganizationAliasFactory(organization=organization, name="Вясна", language="be")
    IncidentFactory(person=person, organization=organization)
    be = page(anonymous, "/be/people/ales-bialiatski/")
    assert (
        '<h1>Алесь Бяляцкі <span class="stored-name" lang="en">(Ales Bialiatski)</span></h1>' in be
    )
    ru = page(anonymous, "/ru/people/ales-bialiatski/")
    assert (
        '<h1>Алесь Беляцкий <span class="stored-name" lang="en">(Ales Bialiatski)</span></h1>' in ru
    )
    assert "<h1>Ales Bialiatski</h1>" in page(anonymous, "/uk/people/ales-bialiatski/")
    assert "<h1>Ales Bialiatski</h1>" in page(anonymous, "/people/ales-bialiatski/")
    assert "<h1>Вясна <span" in page(anonymous, "/be/organizations/viasna/")


def test_it_shows_names_in_the_readers_script_in_every_table_and_list(
    anonymous: Client,
) -> None:
    city = CityFactory(name="Hrodna", slug="hrodna")
    person = PersonFactory(name="Ales Bialiatski", slug="ales-bialiatski")
    PersonAliasFactory(person=person, name="Алесь Бяляцкі", language="be")
    PersonAliasFactory(person=person, name="Алесь Беляцкий", language="ru")
    # An alias with no language is read by its script: Ukrainian letters.
    PersonAliasFactory(person=person, name="Алесь Біляцький", language="")
    organization = OrganizationFactory(name="Viasna", slug="viasna", city=city)
    OrganizationAliasFactory(organization=organization, name="Вясна", language="be")
    branch = OrganizationFactory(name="Viasna Hrodna", slug="viasna-hrodna", parent=organization)
    OrganizationAliasFactory(organization=branch, name="Вясна Гродна", language="be")
    source = SourceFactory(title="Joint statement")
    incident = IncidentFactory(person=person, organization=branch, city=city)
    CitationFactory(incident=incident, source=source)
    source.signatories.add(organization)
    AffiliationFactory(person=person, organization=organization, role="")

    be_person = 'Алесь Бяляцкі <span class="stored-name" lang="en">(Ales Bialiatski)</span>'
    be_branch = 'Вясна Гродна <span class="stored-name" lang="en">(Viasna Hrodna)</span>'
    be_org = 'Вясна <span class="stored-name" lang="en">(Viasna)</span>'
    for url in ("/be/", "/be/incidents/", "/be/cities/hrodna/", "/be/organizations/viasna/"):
        text = page(anonymous, url)
        assert be_person in text and be_branch in text, url  # the incident table
    assert be_person in page(anonymous, "/be/people/")
    assert be_org in page(anonymous, "/be/organizations/")
    assert be_org in page(anonymous, "/be/cities/hrodna/")  # organizations based there
    assert be_branch in page(anonymous, "/be/organizations/viasna/")  # its branches
    assert be_person in page(anonymous, "/be/organizations/viasna/")  # its people
    assert be_org in page(anonymous, "/be/people/ales-bialiatski/")  # their organizations
    assert be_org in page(anonymous, f"/be/sources/{source.public_slug}/")  # signatories
    detail = page(anonymous, f"/be/incidents/{incident.pk}/")
    assert be_person in detail and be_branch in detail
    ru = page(anonymous, "/ru/incidents/")
    assert 'Алесь Беляцкий <span class="stored-name" lang="en">(Ales Bialiatski)</span>' in ru
    assert ">Viasna Hrodna</a>" in ru  # no Russian alias: the stored name alone
    uk = page(anonymous, "/uk/people/")
    assert 'Алесь Біляцький <span class="stored-name" lang="en">(Ales Bialiatski)</span>' in uk
    english = page(anonymous, "/incidents/")
    assert ">Ales Bialiatski</a>" in english and "Алесь" not in english
    # Facets and chips: the local name alone, as for cities.
    listing = page(anonymous, "/be/incidents/")
    assert ">Вясна</a>" in listing  # the organization facet (branches count in their parent)
    chosen = page(anonymous, "/be/incidents/?organization=viasna&person=ales-bialiatski")
    assert "<strong>Вясна</strong>" in chosen and "<strong>Алесь Бяляцкі</strong>" in chosen
    assert "<strong>Viasna</strong>" in page(anonymous, "/incidents/?organization=viasna")
    assert '?organization=viasna">Вясна</a>' in page(anonymous, "/be/")  # the ways in


def test_it_never_shows_an_alias_of_a_protected_person_in_a_table(anonymous: Client) -> None:
    person = PersonFactory(name="Hidden Person", identity_protected=True)
    PersonAliasFactory(person=person, name="Схаваная Асоба", language="be")
    IncidentFactory(person=person)
    for url in ("/be/", "/be/incidents/", "/be/people/"):
        text = page(anonymous, url)
        assert "Схаваная" not in text and "Hidden" not in text, url


def test_it_never_shows_an_alias_that_spells_a_protected_name(anonymous: Client) -> None:
    # A protected person stored in Latin letters; the aliases of others (a
    # public person, an organization) write the name in Cyrillic.
    PersonFactory(name="Zarina Vostrikova", identity_protected=True)
    person = PersonFactory(name="Ivan Petrov", slug="ivan-petrov")
    PersonAliasFactory(person=person, name="Зарына Вострыкава", language="be")
    organization = OrganizationFactory(name="Legal Aid", slug="legal-aid")
    OrganizationAliasFactory(
        organization=organization, name="Фонд Зарыны Вострыкавай", language="be"
    )
    IncidentFactory(person=person, organization=organization)
    for url in (
        "/be/",
        "/be/incidents/",
        "/be/incidents/?organization=legal-aid&person=ivan-petrov",
        "/be/people/",
        "/be/people/ivan-petrov/",
        "/be/organizations/",
        "/be/organizations/legal-aid/",
    ):
        text = page(anonymous, url)
        assert "Вострыкав" not in text and "Vostrikova" not in text, url
    assert "Ivan Petrov" in page(anonymous, "/be/people/ivan-petrov/")


def test_it_never_shows_the_alias_of_an_organization_whose_name_is_withheld(
    anonymous: Client,
) -> None:
    PersonFactory(name="Zarina Vostrikova", identity_protected=True)
    organization = OrganizationFactory(name="Zarina Vostrikova Fund", slug="zv-fund")
    OrganizationAliasFactory(organization=organization, name="Фонд правоў", language="be")
    IncidentFactory(organization=organization)
    for url in ("/be/", "/be/incidents/", "/be/organizations/"):
        text = page(anonymous, url)
        assert "Фонд правоў" not in text and "Vostrikova" not in text, url


def test_it_shows_the_first_recorded_alias_in_the_readers_language(anonymous: Client) -> None:
    person = PersonFactory(name="Ales Bialiatski", slug="ales-bialiatski")
    PersonAliasFactory(person=person, name="Алесь Бяляцкі", language="be")
    PersonAliasFactory(person=person, name="Алесь Бялацкі", language="be")  # a misspelling
    IncidentFactory(person=person)
    assert "Алесь Бяляцкі <span" in page(anonymous, "/be/people/")


def test_it_never_shows_an_alias_of_a_protected_person(anonymous: Client) -> None:
    person = PersonFactory(name="Hidden Person", identity_protected=True)
    PersonAliasFactory(person=person, name="Схаваная Асоба", language="be")
    IncidentFactory(person=person)
    text = page(anonymous, f"/be/people/{person.public_id}/")
    assert "Схаваная" not in text and "Hidden" not in text


def test_it_shows_staffs_translation_of_a_public_text(
    anonymous: Client, incident: Incident
) -> None:
    TextTranslation.objects.create(
        record=incident, field="summary", language="ru", text="Задержан в Гродно."
    )
    ru = page(anonymous, f"/ru/incidents/{incident.pk}/")
    assert '<p class="summary">Задержан в Гродно.</p>' in ru
    # Without one, the original, marked with its language.
    be = page(anonymous, f"/be/incidents/{incident.pk}/")
    assert '<p class="summary" lang="en">Detained in Hrodna.</p>' in be


def test_it_withholds_a_protected_name_in_a_translation(
    anonymous: Client, incident: Incident
) -> None:
    PersonFactory(name="Zarina Vostrikova", identity_protected=True)
    TextTranslation.objects.create(
        record=incident, field="summary", language="ru", text="Задержан вместе с Zarina Vostrikova."
    )
    text = page(anonymous, f"/ru/incidents/{incident.pk}/")
    assert "Vostrikova" not in text and "Задержан вместе с" in text


def test_it_names_the_charts_months_in_each_language(anonymous: Client, incident: Incident) -> None:
    for language, month in (("be", "Ліпень 2021"), ("ru", "Июль 2021 г."), ("uk", "Липень 2021")):
        text = page(anonymous, f"/{language}/")
        assert f"<title>{month}: 1</title>" in text, language  # the bar
        assert (
            f'?date_after=2021-07-01&amp;date_before=2021-07-31">{month}</a>' in text
        )  # the table
        assert f'href="/{language}/incidents/?date_after=2021-07-01' in text
    assert "<title>July 2021: 1</title>" in page(anonymous, "/")


def test_it_costs_no_more_queries_in_another_language(
    anonymous: Client, incident: Incident
) -> None:
    def warm(url: str) -> int:
        return warm_queries(anonymous, url)

    person = incident.person.slug
    extra = {
        # The aliases in the reader's script of the people a table or list
        # shows (one query: the incident has a person, no organization).
        "/": 1,  # (the overview's ways in list no organization either)
        "/incidents/": 1,
        "/incidents/?city=hrodna": 1,
        "/people/": 1,
        "/cities/": 0,
        "/sources/": 0,
        # The record's translated text, its alias, and its incidents' people.
        f"/incidents/{incident.pk}/": 2,
        f"/people/{person}/": 3,
    }
    for path, more in extra.items():
        assert warm(f"/ru{path}") == warm(path) + more, path
        assert warm(f"/be{path}") == warm(path) + more, path


def test_it_reads_a_tables_names_in_the_readers_script_in_one_query_per_kind(
    anonymous: Client,
) -> None:
    def warm(url: str) -> int:
        return warm_queries(anonymous, url)

    for n in range(8):
        person = PersonFactory(name=f"Reader Person{n}")
        PersonAliasFactory(person=person, name=f"Чытач Асоба{n}", language="be")
        organization = OrganizationFactory(name=f"Reader Org{n}")
        OrganizationAliasFactory(organization=organization, name=f"Арганізацыя{n}", language="be")
        IncidentFactory(person=person, organization=organization)
    # The table's people and organizations, the organization facet, and the
    # public redactor's names (a person's alias is read through it).
    assert warm("/be/incidents/") == warm("/incidents/") + 4
    assert warm("/be/people/") == warm("/people/") + 2
    assert warm("/be/organizations/") == warm("/organizations/") + 1


def test_it_pages_the_sitemaps_pairs_without_reading_every_item() -> None:
    from incidents.sitemaps import PerLanguage

    pairs = PerLanguage(list(range(10)), ["en", "be", "ru", "uk"])
    every = [(i, lang) for i in range(10) for lang in ["en", "be", "ru", "uk"]]
    assert len(pairs) == 40
    for start, stop in ((0, 7), (5, 13), (12, 40), (38, 45), (0, 40)):
        assert pairs[start:stop] == every[start:stop], (start, stop)
