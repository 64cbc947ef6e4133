"""/incidents/: the filtered list with facets, chips, pagination and sort."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

import pytest
from django.test import Client

from incidents.models import Incident

from .factories import CityFactory, IncidentFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> None:
    brest, hrodna = CityFactory(name="Brest"), CityFactory(name="Hrodna")
    viasna = OrganizationFactory(name="Viasna")
    IncidentFactory(city=brest, kind="search", date=dt.date(2021, 7, 14))
    IncidentFactory(city=brest, kind="detention", date=dt.date(2021, 7, 14), organization=viasna)
    IncidentFactory(city=hrodna, kind="search", date=dt.date(2020, 8, 10))
    IncidentFactory(
        city=hrodna, kind="search", date=dt.date(2020, 8, 11), status=Incident.Status.DRAFT
    )


def facet(response, param: str) -> dict[str, tuple[int, bool, str]]:  # noqa: ANN001
    (f,) = [f for f in response.context["facets"] if f.param == param]
    return {v.label: (v.count, v.selected, v.url) for v in f.values}


def test_it_lists_published_incidents_with_facets(anonymous: Client, data: None) -> None:
    response = anonymous.get("/incidents/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 3
    assert {k: v[0] for k, v in facet(response, "kind").items()} == {
        "Search": 2,
        "Detention": 1,
        "Disappearance": 0,
    }
    assert {k: v[0] for k, v in facet(response, "city").items()} == {"Brest": 2, "Hrodna": 1}
    assert {k: v[0] for k, v in facet(response, "organization").items()} == {"Viasna": 1}
    assert {k: v[0] for k, v in facet(response, "year").items()} == {"2021": 2, "2020": 1}


def test_facets_reflect_the_other_filters(anonymous: Client, data: None) -> None:
    response = anonymous.get("/incidents/?city=brest")
    assert response.context["page"].paginator.count == 2
    # The city facet ignores the city filter, so other cities stay reachable.
    assert facet(response, "city")["Brest"][:2] == (2, True)
    assert facet(response, "city")["Hrodna"][:2] == (1, False)
    # Other facets count within Brest.
    assert {k: v[0] for k, v in facet(response, "kind").items()} == {
        "Search": 1,
        "Detention": 1,
        "Disappearance": 0,
    }
    assert {k: v[0] for k, v in facet(response, "year").items()} == {"2021": 2}


def test_a_facet_value_links_to_add_or_remove_it(anonymous: Client, data: None) -> None:
    response = anonymous.get("/incidents/?city=brest&kind=search&page=1")
    add_hrodna = parse_qs(facet(response, "city")["Hrodna"][2][1:])
    assert add_hrodna == {"city": ["brest", "hrodna"], "kind": ["search"]}
    remove_brest = parse_qs(facet(response, "city")["Brest"][2][1:])
    assert remove_brest == {"kind": ["search"]}
    year = parse_qs(facet(response, "year")["2021"][2][1:])
    assert year["date_after"] == ["2021-01-01"] and year["date_before"] == ["2021-12-31"]
    response = anonymous.get("/incidents/?date_after=2021-01-01&date_before=2021-12-31")
    count, selected, url = facet(response, "year")["2021"]
    assert selected and url == "?"


def test_active_filters_are_shown_and_removable_one_by_one(anonymous: Client, data: None) -> None:
    response = anonymous.get("/incidents/?city=brest&kind=search&q=x")
    chips = {(c.param, c.value): c.remove_url for c in response.context["active"]}
    assert set(chips) == {("city", "Brest"), ("kind", "Search"), ("q", "x")}
    assert parse_qs(chips[("city", "Brest")][1:]) == {"kind": ["search"], "q": ["x"]}
    html = response.content.decode()
    assert "Clear all" in html


def test_the_empty_state_says_what_to_loosen(anonymous: Client, data: None) -> None:
    response = anonymous.get("/incidents/?city=hrodna&kind=detention")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No published incident matches all of these filters." in html
    assert "Remove City: “Hrodna”" in html and "Remove Kind: “Detention”" in html


def test_the_filter_form_works_without_javascript(anonymous: Client, data: None) -> None:
    html = anonymous.get("/incidents/?city=brest").content.decode()
    assert '<form method="get"' in html
    assert '<input type="hidden" name="city" value="brest">' in html
    assert 'name="kind" value="search"' in html
    assert 'name="date_after"' in html and 'name="q"' in html
    assert "<script" not in html


def test_sort_links_and_oldest_first(anonymous: Client, data: None) -> None:
    response = anonymous.get("/incidents/?sort=date")
    dates = [i.date for i in response.context["page"].object_list]
    assert dates == sorted(dates)
    links = response.context["sort_links"]
    assert [(label, current) for label, _, current in links] == [
        ("Newest first", False),
        ("Oldest first", True),
    ]


@pytest.mark.parametrize(
    "query", ["kind=arrest", "date_after=2021-13-01", "sort=random", "city=%3Cscript%3E"]
)
def test_a_malformed_parameter_is_a_400_naming_it(anonymous: Client, query: str) -> None:
    response = anonymous.get(f"/incidents/?{query}")
    assert response.status_code == 400
    param = query.split("=")[0]
    assert f"<li>{param}: " in response.content.decode()


@pytest.mark.parametrize(
    ("page", "shown"), [("0", 1), ("-1", 1), ("x", 1), ("99999", 2), ("1.5", 1), ("", 1), ("2", 2)]
)
def test_any_page_number_answers_with_the_nearest_page(
    anonymous: Client, page: str, shown: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from incidents import pagination

    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)
    incidents = sorted(IncidentFactory.create_batch(3), key=lambda i: (i.date, i.pk), reverse=True)
    response = anonymous.get("/incidents/", {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == shown
    expected = incidents[:2] if shown == 1 else incidents[2:]
    assert list(response.context["page"].object_list) == expected


def test_pagination_keeps_the_filters(anonymous: Client) -> None:
    city = CityFactory(name="Brest")
    IncidentFactory.create_batch(51, city=city)
    response = anonymous.get("/incidents/?city=brest")
    assert response.context["pages"]["next"] == "?city=brest&page=2"
    second = anonymous.get("/incidents/" + response.context["pages"]["next"])
    assert len(second.context["page"].object_list) == 1
    assert second.context["pages"]["previous"] == "?city=brest&page=1"


def test_it_has_a_title_description_and_feed_link(anonymous: Client, data: None) -> None:
    html = anonymous.get("/incidents/?city=brest").content.decode()
    assert "<title>Incidents — Brest · Incident tracker</title>" in html
    assert '<meta name="description" content="2 published incidents match this filter' in html
    assert 'type="application/atom+xml"' in html and "/incidents/feed/?city=brest" in html
    assert "/incidents/export.csv?city=brest" in html


def test_it_refuses_the_wrong_method(anonymous: Client) -> None:
    assert anonymous.post("/incidents/").status_code == 405


def test_more_than_ten_words_is_a_400(anonymous: Client) -> None:
    response = anonymous.get("/incidents/", {"q": " ".join(["word"] * 11)})
    assert response.status_code == 400
    assert "q: Use at most 10 words." in response.content.decode()


def test_export_and_feed_links_keep_the_sort(anonymous: Client, data: None) -> None:
    response = anonymous.get("/incidents/?city=brest&sort=date&page=1")
    assert response.context["export_query"] == "?city=brest&sort=date"


def test_the_organization_facet_counts_branches_under_their_organization(
    anonymous: Client,
) -> None:
    viasna = OrganizationFactory(name="Viasna")
    IncidentFactory(organization=viasna, person=None)
    IncidentFactory(organization=OrganizationFactory(name="Viasna, Mozyr branch", parent=viasna))
    response = anonymous.get("/incidents/?organization=viasna")
    assert response.context["page"].paginator.count == 2
    assert {k: v[:2] for k, v in facet(response, "organization").items()} == {"Viasna": (2, True)}
    home = anonymous.get("/").content.decode()
    assert '?organization=viasna">Viasna</a> <span class="count">2</span>' in home


def test_a_reversed_date_range_is_a_400_naming_it(anonymous: Client) -> None:
    response = anonymous.get("/incidents/?date_after=2021-12-31&date_before=2021-01-01")
    assert response.status_code == 400
    assert "date_before: The end date is before the start date" in response.content.decode()


def test_every_page_has_a_search_box_and_the_list_has_jump_links(anonymous: Client) -> None:
    for url in ("/", "/people/", "/incidents/"):
        page = anonymous.get(url).content.decode()
        assert 'action="/incidents/" role="search"' in page and 'id="site-q" name="q"' in page
    page = anonymous.get("/incidents/").content.decode()
    assert '<a class="skip" href="#results">Skip to results</a>' in page
    assert '<a href="#filters-title">Filter these incidents</a>' in page
    assert 'id="results"' in page and 'id="filters-title"' in page
