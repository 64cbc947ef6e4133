"""The main filters read their indexes (EXPLAIN), on SQLite and PostgreSQL.

Both plan with the statistics ANALYZE gathers, as generate_incidents leaves
them, and free to choose a sequential scan: a test that finds one fails. Where
the data here is too small for the plan a million rows get (the lists of
organizations and cities hold twenty rows; a deep page past half of 2,700 is
cheaper to read whole and sort), PostgreSQL plans with sequential scans off
(plan_at_scale), and the test names the index that serves the order.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.db.models import QuerySet, Sum
from django.http import QueryDict

from incidents.filters import IncidentFilter
from incidents.models import City, Incident, Organization, Person

from .bulk import make_incidents

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> None:
    make_incidents(3000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def plan(qs: QuerySet) -> str:
    return qs.explain()


def plan_at_scale(qs: QuerySet) -> str:
    """The plan PostgreSQL would choose for a table too large to read whole."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
        text = qs.explain()
        if connection.vendor == "postgresql":
            cursor.execute("RESET enable_seqscan")
    return text


# The incidents table itself (not the tally, whose name it starts).
INCIDENTS = re.compile(r"\bincidents_incident\b(?!tally)")


def page_ids(query: str) -> QuerySet:
    """The first step of a page: its ids, in the list's order (IncidentPaginator)."""
    f = IncidentFilter(QueryDict(query))
    assert f.is_valid(), f.errors
    return f.qs.values("pk")[:50]


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("", "incident_status_date_idx"),
        ("sort=date", "incident_status_date_idx"),
        ("city=bulk-city-1", "incident_city_date_idx"),
        ("city=bulk-city-1&kind=search", "incident_city_date_idx"),
        ("organization=bulk-org-1-branch", "incident_org_date_idx"),
        ("person=bulk-person-2", "incident_person_date_idx"),
    ],
)
def test_a_page_of_the_list_walks_an_index_in_its_order(data: None, query: str, index: str) -> None:
    text = plan(page_ids(query))
    if connection.vendor == "postgresql":
        # With a few thousand rows PostgreSQL may prefer another of the
        # incidents' indexes (incident_date_idx, which has the same order);
        # it never reads the table whole, and walks the list in its order.
        assert "Seq Scan on incidents_incident" not in text
        # (For a person's few incidents, the person's own foreign-key index,
        # incidents_incident_person_id_…, then a sort of those few rows.)
        assert re.search(r"(Index|Index Only) Scan( Backward)? using incidents?_\w+", text) or (
            "Bitmap Index Scan on incident" in text
        ), text
        if query in ("", "sort=date"):
            assert "Sort" not in text
        return
    assert index in text
    if query in ("", "sort=date"):
        # The index holds the whole order (date, then id): a deep page skips
        # index entries alone, without reading rows or sorting ties.
        assert f"COVERING INDEX {index}" in text
        assert "TEMP B-TREE" not in text
    if "person" not in query:
        # (A person's few incidents are sorted: the filter is a subquery that
        # also resolves protected people's public identifiers.)
        # The index gives the date order; only ties on a date are sorted by id.
        assert "TEMP B-TREE FOR ORDER BY" not in text


@pytest.mark.parametrize(
    ("query", "by"),
    [
        ("", "kind"),
        ("city=bulk-city-1", "organization"),
        ("organization=bulk-org-1", "city"),
        ("kind=search&date_after=2019-01-01&date_before=2019-12-31", "city"),
    ],
)
def test_facets_read_the_tally_through_an_index(data: None, query: str, by: str) -> None:
    # Which (grain, …) index depends on the statistics: at a million incidents
    # the city, organization or month one; here any, never the whole table.
    f = IncidentFilter(QueryDict(query))
    assert f.is_valid()
    rows, dims = f.query.tally(without=(by,))
    text = plan(rows.at(dims | {by}).order_by().values(by).annotate(n=Sum("n")))
    assert "incidents_incidenttally" in text
    # A facet never reads the incidents, whatever their number.
    assert not INCIDENTS.search(text), text
    if connection.vendor == "sqlite":
        assert "SEARCH incidents_incidenttally USING INDEX" in text
        assert "SCAN incidents_incidenttally" not in text


def test_the_list_of_people_reads_its_index_alone(data: None) -> None:
    text = plan(Person.objects.listed().order_by("name").values("pk")[:50])
    if connection.vendor == "postgresql":
        # A few thousand rows, never vacuumed: PostgreSQL may walk the admin's
        # person_name_idx instead (the same order); never the table, no sort.
        assert "person_listed_name_idx" in text or "person_name_idx" in text
        assert "Seq Scan" not in text and "Sort" not in text
    else:
        assert "person_listed_name_idx" in text
        assert "TEMP B-TREE" not in text
        count = plan(Person.objects.listed().values("pk"))
        assert "COVERING INDEX person_listed_name_idx" in count


def test_a_deep_page_walks_the_index_alone(data: None) -> None:
    f = IncidentFilter(QueryDict(""))
    assert f.is_valid()
    # PostgreSQL: past half of 2,700 rows it would rather read them all and
    # sort; at a million, not. The plan at scale walks an index in order.
    text = plan_at_scale(f.qs.values("pk")[1200:1250])
    if connection.vendor == "sqlite":
        assert "COVERING INDEX incident_status_date_idx" in text
        assert "TEMP B-TREE" not in text
    else:
        # One of the indexes in the list's order (at a million, the covering
        # incident_status_date_idx): no table scan, no sort.
        assert re.search(r"Index (Only )?Scan using incident_(status_)?date_idx", text), text
        assert "Seq Scan" not in text and "Sort" not in text


def test_a_page_reads_its_rows_by_id(data: None) -> None:
    # The page's fifty rows are looked up by id, not found by walking the
    # list's index until the fifty ids have all turned up.
    ids = page_ids("")
    rows = Incident.objects.published().with_related().filter(pk__in=ids).order_by("-date", "-id")
    text = plan(rows)
    if connection.vendor == "sqlite":
        assert "SEARCH incidents_incident USING INTEGER PRIMARY KEY" in text
    else:
        assert "incidents_incident_pkey" in text


def test_migrating_keeps_the_statistics_whole(data: None) -> None:
    # A SQLite database analysed before 0013 has statistics for every index
    # but the new one; with that mix SQLite walks the new index to find a
    # page's rows. The migration gathers them again (PostgreSQL: autovacuum).
    from incidents.migrations._vendor import refresh_sqlite_statistics

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1 WHERE idx = 'incident_status_date_idx'")
            cursor.execute("ANALYZE sqlite_schema")  # reload the statistics
    refresh_sqlite_statistics(None, type("Editor", (), {"connection": connection}))
    ids = page_ids("")
    rows = Incident.objects.published().filter(pk__in=ids).order_by("-date", "-id")
    text = plan(rows)
    if connection.vendor == "sqlite":
        assert "SEARCH incidents_incident USING INTEGER PRIMARY KEY" in text
    else:
        assert "incidents_incident_pkey" in text


@pytest.mark.parametrize(
    ("model", "index"), [(Organization, "organization_name_idx"), (City, "city_name_idx")]
)
def test_the_lists_of_organizations_and_cities_walk_the_name_index(
    data: None, model: type[Organization] | type[City], index: str
) -> None:
    text = plan_at_scale(model.objects.public().order_by("name").values("pk")[:50])
    assert index in text
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in text
