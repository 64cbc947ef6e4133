"""Every public URL pattern's SQL statements, pinned cold and warm, with the
cache production uses (the database cache, tracker/test_settings.py), at 30 and
at 3,000 incidents: a page's cost must not grow with the data.

*Cold* is the first request right after a publish (the counts version replaced,
as `counts_changed` does on commit: every kept count and the kept redactor are
forgotten); *warm* is the same request again. The statements of the database
cache itself (one read per request, one write of what was worked out) are part
of the pins: they are what production runs.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from incidents.cache import COUNTS_VERSION_KEY
from incidents.models import Incident, Person

from .bulk import make_incidents

pytestmark = pytest.mark.django_db

SIZES = [30, 3000]


@pytest.fixture(scope="module", params=SIZES)
def size(request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker) -> Iterator[int]:  # noqa: ANN001
    """The incidents, built once per size for the whole module and rolled back
    after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        make_incidents(request.param)
        yield request.param
        transaction.set_rollback(True)


def after_a_publish() -> None:
    cache.set(COUNTS_VERSION_KEY, secrets.token_hex(8), timeout=None)


def statements(client: Client, url: str) -> tuple[int, int]:
    """(cold, warm) statements of one GET of `url`, its body read whole."""
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            assert response.status_code in (200, 404), url
            if response.streaming:
                b"".join(response.streaming_content)
        counts.append(len(captured))
    return counts[0], counts[1]


def protected_person() -> str:
    return Person.objects.public().filter(identity_protected=True).first().get_absolute_url()


def open_person() -> str:
    return Person.objects.public().filter(identity_protected=False).first().get_absolute_url()


def an_incident() -> str:
    return Incident.objects.published().order_by("pk").first().get_absolute_url()


# (URL or a function giving it, cold, warm, what the cold statements are). "Read"
# is one read of the cache for the counts version and the entries the page
# needs; "kept" is one write of what was worked out (incidents.cache).
PINS: list[tuple[str | Callable[[], str], int, int, str]] = [
    ("/", 8, 2, "read; kinds, chart span, chart months, cities, organizations; kept; latest ten"),
    ("/incidents/", 8, 2, "read; total and four facets from the tally; kept; the page's rows"),
    ("/incidents/?city=bulk-city-1", 9, 3, "the city (its id and public name); as above"),
    (
        "/incidents/?organization=bulk-org-1&kind=detention",
        9,
        3,
        "the organization with its branches; as above",
    ),
    (
        "/incidents/?q=bulk",
        6,
        2,
        "read; one pass over the matches; the facets' cities and organizations; the rows; "
        "kept (counts and the page's ids)",
    ),
    (
        "/incidents/?q=bulk&city=bulk-city-1",
        9,
        3,
        "the city; read; total and four facets over the matches; the rows; kept",
    ),
    ("/incidents/?person=bulk-person-2", 6, 3, "the person; read; one pass; names; rows; kept"),
    (
        "/incidents/?date_after=2019-01-05",
        8,
        2,
        "read; total and four facets counted (a day off a month's bounds); rows; kept",
    ),
    (
        "/incidents/?kind=search&city=bulk-city-1&city=bulk-city-2&city=bulk-city-3"
        "&organization=bulk-org-1&organization=bulk-org-2&person=bulk-person-2"
        "&person=bulk-person-5&q=bulk&sort=date",
        10,
        4,
        "the cities, organizations and people; read; five counts; rows; kept",
    ),
    ("/incidents/?page=40", 8, 2, "as /incidents/, a deep page"),
    ("/incidents/?page=40&q=bulk", 6, 2, "as ?q=bulk, a deep page"),
    (an_incident, 5, 3, "incident; citations; read; protected names; kept"),
    # Exports read the source titles once per 2,000 rows (one chunk at 30, two at
    # 3,000): added to these by the test.
    ("/incidents/export.csv", 4, 2, "read; protected names; kept; rows"),
    ("/incidents/export.json", 4, 2, "as the CSV"),
    ("/incidents/feed/", 4, 2, "read; protected names; kept; the latest fifty"),
    ("/incidents/feed/?q=bulk", 4, 2, "as above, through the full-text index"),
    ("/people/", 4, 2, "read; the list's length; kept; a page of the listed-people index"),
    (
        "/people/?q=bulk",
        4,
        4,
        "the names engine: keys, candidates, their aliases; then count and page of the rest",
    ),
    (
        open_person,
        7,
        5,
        "person; read; protected names; kept; count and page of their incidents; affiliations",
    ),
    (protected_person, 6, 4, "as above, by public id, without affiliations"),
    ("/organizations/", 6, 4, "read; the list's length; kept; page; own and branches' tallies"),
    (
        "/organizations/?q=bulk",
        7,
        7,
        "engine (keys, candidates, aliases); count; page; own and branches' tallies",
    ),
    (
        "/organizations/bulk-org-1/",
        9,
        7,
        "organization; read; protected names; kept; ids with branches; tally count; page; "
        "people; branches",
    ),
    ("/cities/", 5, 3, "read; the list's length; kept; page; tallies of the page's cities"),
    ("/cities/?q=bulk", 6, 6, "engine (keys, candidates, aliases); count; page; tallies"),
    (
        "/cities/bulk-city-1/",
        7,
        5,
        "city; read; protected names; kept (region); tally count; page; organizations",
    ),
    ("/sources/", 5, 3, "read; the list's length; kept; page; incidents per source"),
    ("/sources/?q=bulk", 3, 3, "count; page; incidents per source"),
    (
        "/sources/bulk-statement/",
        9,
        7,
        "source; read; protected names; kept; citations to mark; count; page; signatories; "
        "addressees",
    ),
    ("/sitemap.xml", 6, 6, "a count per section"),
    ("/sitemap-pages.xml", 0, 0, "no query"),
    ("/sitemap-incidents.xml", 2, 2, "count; page"),
    ("/sitemap-people.xml", 2, 2, "count; page"),
    ("/sitemap-organizations.xml", 2, 2, "count; page"),
    ("/sitemap-cities.xml", 2, 2, "count; page"),
    ("/sitemap-sources.xml", 2, 2, "count; page"),
    ("/robots.txt", 0, 0, "no query"),
    ("/favicon.ico", 0, 0, "no query"),
    ("/no-such-page/", 0, 0, "the 404 page"),
]


@pytest.mark.parametrize(("url", "cold", "warm", "what"), PINS, ids=[str(p[0]) for p in PINS])
def test_it_pins_each_public_page_cold_and_warm(
    size: int, anonymous: Client, url: str | Callable[[], str], cold: int, warm: int, what: str
) -> None:
    path = url() if callable(url) else url
    if "/export." in path:
        chunks = (size * 9 // 10 + 1999) // 2000  # nine in ten bulk incidents are published
        cold, warm = cold + chunks, warm + chunks
    after_a_publish()
    assert statements(anonymous, path) == (cold, warm), what


def test_it_pins_every_public_url_pattern(size: int) -> None:
    from django.urls import resolve

    from .test_protection import public_patterns

    pinned = set()
    for url, *_ in PINS:
        path = (url() if callable(url) else url).split("?")[0]
        if path == "/no-such-page/":
            continue
        match = resolve(path)
        if match.url_name:
            pinned.add(f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name)
    assert pinned == set(public_patterns())
