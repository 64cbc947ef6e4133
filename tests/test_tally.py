"""IncidentTally: the counts the incident list, its facets and the overview read.
They must agree with a recount after every kind of change."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.http import QueryDict
from django.test import Client

from incidents import tallies
from incidents.filters import IncidentFilter, IncidentQuery
from incidents.models import City, Incident, IncidentTally, Organization
from incidents.pagination import IncidentPaginator, incident_page

from .factories import (
    CityFactory,
    IncidentFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def assert_agrees_with_recount() -> None:
    call_command("rebuild_tallies", "--check", stdout=None)


def total() -> int:
    row = IncidentTally.objects.at(set()).first()
    return row.n if row else 0


def test_it_counts_each_change_to_published_incidents() -> None:
    minsk, brest = CityFactory(slug="minsk"), CityFactory(slug="brest")
    org = OrganizationFactory()
    incident = IncidentFactory(city=minsk, date=dt.date(2021, 7, 14))
    draft = IncidentFactory(city=minsk, status=Incident.Status.DRAFT)
    assert total() == 1
    assert_agrees_with_recount()

    draft.status = Incident.Status.PUBLISHED
    draft.save()
    assert total() == 2
    assert_agrees_with_recount()

    for change in (
        {"kind": Incident.Kind.DETENTION},
        {"city": None},
        {"city": brest},
        {"organization": org},
        {"person": PersonFactory()},
        {"date": dt.date(2020, 1, 31)},
        {"status": Incident.Status.REVIEW},
        {"status": Incident.Status.PUBLISHED, "kind": Incident.Kind.DISAPPEARANCE},
    ):
        for field, value in change.items():
            setattr(incident, field, value)
        incident.save()
        assert_agrees_with_recount()

    # Rows that fall to zero go: nothing is left of Minsk's old month.
    assert not IncidentTally.objects.filter(month=dt.date(2021, 7, 1), n__lte=0).exists()
    incident.delete()
    assert total() == 1
    assert_agrees_with_recount()
    Incident.objects.all().delete()  # a queryset delete sends a signal per incident
    assert total() == 0
    assert not IncidentTally.objects.exists()


def test_saving_a_stale_person_keeps_their_count() -> None:
    person = PersonFactory()
    stale = type(person).objects.get(pk=person.pk)
    IncidentFactory(person=person)
    assert type(person).objects.get(pk=person.pk).published_incidents == 1
    stale.description = "Edited in a form opened before the incident was published."
    stale.save()
    assert type(person).objects.get(pk=person.pk).published_incidents == 1
    assert_agrees_with_recount()


def test_a_draft_is_never_counted() -> None:
    draft = IncidentFactory(status=Incident.Status.DRAFT)
    draft.kind = Incident.Kind.DETENTION
    draft.save()
    draft.delete()
    assert not IncidentTally.objects.exists()


def test_the_admin_keeps_the_counts(reviewer: Client) -> None:
    incident = IncidentFactory(status=Incident.Status.DRAFT)
    incident.citations.create(
        source=SourceFactory(),
        excerpt="Searches took place.",
    )
    response = reviewer.post(
        "/admin/incidents/incident/",
        {"action": "publish", "_selected_action": [incident.pk]},
    )
    assert response.status_code == 302
    assert total() == 1
    response = reviewer.post(
        "/admin/incidents/incident/",
        {"action": "return_to_draft", "_selected_action": [incident.pk]},
    )
    assert response.status_code == 302
    assert total() == 0
    assert_agrees_with_recount()


def test_loading_the_statement_twice_counts_it_once() -> None:
    call_command("loaddata", "statement", verbosity=0)
    call_command("loaddata", "statement", verbosity=0)
    assert total() == 32
    assert_agrees_with_recount()


def test_the_check_finds_counts_changed_behind_its_back() -> None:
    incident = IncidentFactory()
    Incident.objects.filter(pk=incident.pk).update(kind=Incident.Kind.DETENTION)  # no signal
    with pytest.raises(CommandError, match="differ from a recount"):
        assert_agrees_with_recount()
    call_command("rebuild_tallies", stdout=None)
    assert_agrees_with_recount()
    assert IncidentTally.objects.at({"kind"}).get().kind == Incident.Kind.DETENTION


@pytest.fixture
def spread() -> None:
    """Incidents over two cities (and none), a parent and its branch (and none),
    three kinds and two years, through the ORM, so signals keep the tally."""
    cities = [CityFactory(slug="minsk"), CityFactory(slug="brest"), None]
    parent = OrganizationFactory(slug="viasna")
    orgs = [parent, OrganizationFactory(slug="viasna-brest", parent=parent), None]
    dates = [dt.date(2020, 3, 5), dt.date(2021, 7, 14), dt.date(2021, 12, 31)]
    for i, (city, org, kind, date) in enumerate(
        itertools.product(cities, orgs, Incident.Kind.values, dates)
    ):
        IncidentFactory(
            city=city,
            organization=org,
            person=PersonFactory(),
            kind=kind,
            date=date,
            status=Incident.Status.DRAFT if i % 7 == 0 else Incident.Status.PUBLISHED,
        )


QUERIES = [
    "",
    "kind=search",
    "kind=search&kind=detention",
    "city=minsk",
    "city=minsk&city=brest&kind=disappearance",
    "organization=viasna",
    "organization=viasna-brest&kind=search",
    "date_after=2021-01-01&date_before=2021-12-31",
    "date_after=2021-07-01",
    "date_before=2020-12-31&city=brest",
    "city=minsk&organization=viasna&kind=detention&date_after=2021-01-01&date_before=2021-12-31",
    "city=nowhere",
]


def parsed(query: str) -> IncidentQuery:
    f = IncidentFilter(QueryDict(query))
    assert f.is_valid(), f.errors
    return f.query


def counted_by_hand(query: str) -> dict:
    """The list's total and facets for `query`, worked out in Python from the
    published incidents themselves: what the counts must agree with. Each facet
    leaves its own parameter out; an organization counts its branches. Words
    (`q`) and people are the one part read from the database: the incidents
    they find are taken as they are, and every other filter is applied here."""
    params = QueryDict(query)
    searched = QueryDict(mutable=True)
    for name in ("q", "person"):
        if name in params:
            searched.setlist(name, params.getlist(name))
    found = set(IncidentFilter(searched).qs.values_list("pk", flat=True))
    kinds, cities, orgs = (
        params.getlist("kind"),
        params.getlist("city"),
        params.getlist("organization"),
    )
    after, before = params.get("date_after"), params.get("date_before")
    rows = []
    for i in Incident.objects.published().select_related("city", "organization__parent"):
        root = i.organization.parent or i.organization if i.organization else None
        if i.pk in found:
            rows.append((i, root))

    def passes(incident: Incident, root: Organization | None, leave_out: str = "") -> bool:
        org_slugs = {incident.organization.slug, root.slug} if root else set()
        return (
            (leave_out == "kind" or not kinds or incident.kind in kinds)
            and (
                leave_out == "city"
                or not cities
                or (incident.city and incident.city.slug in cities)
            )
            and (leave_out == "organization" or not orgs or bool(org_slugs & set(orgs)))
            and (leave_out == "year" or not after or incident.date.isoformat() >= after)
            and (leave_out == "year" or not before or incident.date.isoformat() <= before)
        )

    def tally(key, leave_out: str) -> dict:  # noqa: ANN001
        found: dict = {}
        for incident, root in rows:
            value = key(incident, root)
            if value is not None and passes(incident, root, leave_out):
                found[value] = found.get(value, 0) + 1
        return found

    return {
        "total": sum(1 for i, r in rows if passes(i, r)),
        "kinds": tally(lambda i, r: i.kind, "kind"),
        "cities": tally(lambda i, r: (i.city.slug, i.city.name) if i.city else None, "city"),
        "organizations": tally(lambda i, r: (r.slug, r.name) if r else None, "organization"),
        "years": tally(lambda i, r: str(i.date.year), "year"),
    }


def assert_counted_as_by_hand(query: str) -> None:
    counts = tallies.work_out(parsed(query))  # worked out now, not read from the cache
    expected = counted_by_hand(query)
    assert counts.total == expected["total"] == IncidentFilter(QueryDict(query)).qs.count()
    assert counts.kinds == expected["kinds"]
    assert {(slug, name): n for slug, name, n in counts.cities} == expected["cities"]
    assert {(slug, name): n for slug, name, n in counts.organizations} == expected["organizations"]
    assert dict(counts.years) == expected["years"]


@pytest.mark.parametrize("query", QUERIES)
def test_tally_counts_and_facets_agree_with_counting_incidents(spread: None, query: str) -> None:
    assert parsed(query).tally() is not None  # this query is answered by the tally
    assert_counted_as_by_hand(query)


def test_the_counts_are_cached_until_a_change(spread: None) -> None:
    first = incident_page(parsed("city=minsk")).counts
    Incident.objects.filter(city__slug="minsk").update(kind=Incident.Kind.SEARCH)  # no signal
    assert incident_page(parsed("city=minsk")).counts == first  # read from the cache


@pytest.mark.parametrize("search", ["q=reported", "q=<organization>", "person=<person>"])
def test_a_search_counts_as_by_hand(
    spread: None,
    search: str,
    django_assert_max_num_queries,  # noqa: ANN001
) -> None:
    # With no city or organization chosen, a search is counted in one pass
    # over its matches; with one, facet by facet: both as by hand.
    viasna = Organization.objects.get(slug="viasna")
    person = Incident.objects.published().filter(organization=viasna).first().person
    search = search.replace("<organization>", viasna.name.split()[0]).replace(
        "<person>", person.public_slug
    )
    for query in QUERIES:
        assert parsed(f"{query}&{search}").tally() is None
        assert_counted_as_by_hand(f"{query}&{search}")
    # One pass: the groups, then the names of the cities and organizations
    # shown; on PostgreSQL also the kept answer to whether the words as typed
    # find anything (else similar words are tried: search._postgresql_ids).
    with django_assert_max_num_queries(3 + (connection.vendor == "postgresql")):
        tallies.work_out(parsed(f"kind=search&{search}"))


def test_a_search_cuts_a_tie_at_the_facet_limit_as_the_database_orders_names() -> None:
    names = ["delta", "Dignity", "Čačak", "alpha", "Bravo", "écho", "Zulu", "yankee"]
    names += [f"City {i}" for i in range(tallies.FACET_LIMIT + 4 - len(names))]
    for i, name in enumerate(names):
        IncidentFactory(city=CityFactory(name=name), date=dt.date(2021, 1, 1 + i))
    IncidentFactory(city=CityFactory(name="Most"), date=dt.date(2021, 2, 1))
    IncidentFactory(city=City.objects.get(name="Most"), date=dt.date(2021, 2, 2))
    one_pass = tallies.work_out(parsed("q=reported"))  # a search: one pass
    by_facet = tallies.work_out(parsed("kind=search&kind=detention&kind=disappearance"))
    assert one_pass.cities == by_facet.cities  # the tally's order of a tie, too
    assert len(one_pass.cities) == tallies.FACET_LIMIT
    assert one_pass.cities[0][1:] == ("Most", 2)


@pytest.mark.parametrize(
    "query",
    [
        "q=search",
        "person=someone",
        "date_after=2021-01-02",
        "date_before=2021-02-27",
        "date_before=2024-02-28",  # a leap year's February ends on the 29th
    ],
)
def test_it_counts_incidents_where_the_tally_cannot_answer(query: str) -> None:
    assert parsed(query).tally() is None


@pytest.mark.parametrize(
    "query",
    [
        "date_before=2023-02-28",
        "date_before=9999-12-31",
        "date_after=0001-01-01",
        "q=!!!",  # no word to search for: every incident, as the tally counts them
    ],
)
def test_month_bounds_and_wordless_searches_are_read_from_the_tally(query: str) -> None:
    assert parsed(query).tally() is not None


@pytest.mark.parametrize("ordering", [("-date", "-id"), ("date", "id")])
def test_every_page_holds_what_an_offset_would(spread: None, ordering: tuple[str, str]) -> None:
    qs = Incident.objects.published().order_by(*ordering)
    expected = list(qs.values_list("pk", flat=True))
    paginator = IncidentPaginator(qs, 4, len(expected))
    pages = [[i.pk for i in paginator.page(n).object_list] for n in paginator.page_range]
    assert [pk for page in pages for pk in page] == expected
    assert all(len(page) == 4 for page in pages[:-1])


def test_the_list_and_the_overview_read_the_tally(spread: None, anonymous: Client) -> None:
    published = Incident.objects.published()
    # Change the counts behind the tally's back: the pages show the tally's.
    Incident.objects.filter(pk=published.first().pk).update(status=Incident.Status.DRAFT)
    tallied = total()
    assert tallied == published.count() + 1
    response = anonymous.get("/incidents/")
    assert response.context["page"].paginator.count == tallied
    assert anonymous.get("/").context["total"] == tallied


def test_counts_the_tally_cannot_answer_are_cached_until_a_change(
    anonymous: Client,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    IncidentFactory(summary="A search of the Viasna office.")
    response = anonymous.get("/incidents/?q=viasna")
    assert response.context["page"].paginator.count == 1
    # Behind the signals' back, the cached count stands, but an incident since
    # unpublished is never shown...
    Incident.objects.update(status=Incident.Status.DRAFT)
    response = anonymous.get("/incidents/?q=viasna")
    assert response.context["page"].paginator.count == 1
    assert list(response.context["page"].object_list) == []
    # ...and any change through the ORM forgets it once committed.
    with django_capture_on_commit_callbacks(execute=True):
        IncidentFactory(summary="Viasna, a third time.")
    response = anonymous.get("/incidents/?q=viasna")
    assert response.context["page"].paginator.count == 1
    assert [i.summary for i in response.context["page"].object_list] == ["Viasna, a third time."]


def test_renaming_a_city_forgets_cached_counts(
    anonymous: Client,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    incident = IncidentFactory(summary="A search in the city.", city=CityFactory(name="Pinsk"))
    facets = anonymous.get("/incidents/?q=search").context["facets"]
    assert [v.label for v in facets[1].values] == ["Pinsk"]
    with django_capture_on_commit_callbacks(execute=True):
        incident.city.name = "Pinsk (Brest Region)"
        incident.city.save()
    facets = anonymous.get("/incidents/?q=search").context["facets"]
    assert [v.label for v in facets[1].values] == ["Pinsk (Brest Region)"]


def test_migrations_create_the_cache_table_production_uses() -> None:
    from django.core.cache.backends.db import DatabaseCache

    store = DatabaseCache("tracker_cache", {})
    store.set("probe", 42)
    assert store.get("probe") == 42


@pytest.mark.django_db(transaction=True)
def test_migrating_a_database_with_incidents_counts_them(settings) -> None:  # noqa: ANN001
    # As in production: the database cache, whose table the migrations create
    # before the recount forgets cached counts.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tracker_cache",
        }
    }
    IncidentFactory.create_batch(3)
    call_command("migrate", "incidents", "0007", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE tracker_cache")
    call_command("migrate", verbosity=0)
    assert total() == 3
    assert_agrees_with_recount()


def test_an_incident_and_its_counts_are_saved_together(monkeypatch: pytest.MonkeyPatch) -> None:
    incident = IncidentFactory(status=Incident.Status.DRAFT)

    def fail(*args: object) -> None:
        raise RuntimeError("the counts could not be kept")

    monkeypatch.setattr(IncidentTally, "move", fail)
    incident.status = Incident.Status.PUBLISHED
    with pytest.raises(RuntimeError):
        incident.save()
    assert Incident.objects.get(pk=incident.pk).status == Incident.Status.DRAFT
    with pytest.raises(RuntimeError):
        Incident.objects.get(pk=incident.pk).delete()
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_protecting_a_person_withholds_their_name_from_cached_pages(
    anonymous: Client,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    person = PersonFactory(name="Hanna Visible")
    incident = IncidentFactory(person=person, summary="Hanna Visible was searched at home.")
    assert (
        "Hanna Visible was searched" in anonymous.get(incident.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        person.identity_protected = True
        person.save()
    html = anonymous.get(incident.get_absolute_url()).content.decode()
    assert "Hanna Visible" not in html
    assert "[name withheld] was searched" in html


def test_citing_a_source_forgets_the_cached_list_of_sources(
    anonymous: Client,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    incident = IncidentFactory()
    assert anonymous.get("/sources/").context["page"].paginator.count == 0
    with django_capture_on_commit_callbacks(execute=True):
        incident.citations.create(source=SourceFactory(), excerpt="Searches took place.")
    assert anonymous.get("/sources/").context["page"].paginator.count == 1
