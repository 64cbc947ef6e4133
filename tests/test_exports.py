"""CSV and JSON exports: exactly the filtered set, every row, streamed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client

from incidents.exports import COLUMNS, export_filename, neutralise

from .bulk import make_incidents
from .factories import (
    CitationFactory,
    CityFactory,
    IncidentFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db
HEADER = "id,date,kind,person,organization,city,summary,sources,url"


def body(response) -> str:  # noqa: ANN001
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def csv_rows(response) -> list[dict[str, str]]:  # noqa: ANN001
    return list(csv.DictReader(io.StringIO(body(response))))


@pytest.fixture
def incident() -> object:
    statement = SourceFactory(title="Joint statement")
    report = SourceFactory(title="News report")
    incident = IncidentFactory(
        kind="detention",
        date=dt.date(2021, 7, 14),
        person=PersonFactory(name="Oleg Matskevich"),
        organization=OrganizationFactory(name="Viasna"),
        city=CityFactory(name="Borisov"),
        summary="Detained in Borisov.",
    )
    CitationFactory(incident=incident, source=statement)
    CitationFactory(incident=incident, source=report)
    CitationFactory(incident=incident, source=statement, excerpt="Again.")
    return incident


def test_the_csv_has_the_contract_columns(anonymous: Client, incident) -> None:  # noqa: ANN001
    response = anonymous.get("/incidents/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response)
    assert text.splitlines()[0] == HEADER
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row == {
        "id": str(incident.pk),
        "date": "2021-07-14",
        "kind": "detention",
        "person": "Oleg Matskevich",
        "organization": "Viasna",
        "city": "Borisov",
        "summary": "Detained in Borisov.",
        "sources": "Joint statement | News report",
        "url": f"http://testserver/incidents/{incident.pk}/",
    }


def test_the_json_has_the_same_keys(anonymous: Client, incident) -> None:  # noqa: ANN001
    IncidentFactory(person=PersonFactory(name="Org-less"), city=None)
    response = anonymous.get("/incidents/export.json?sort=date")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(body(response))
    assert [list(obj) for obj in data] == [COLUMNS, COLUMNS]
    by_id = {obj["id"]: obj for obj in data}
    assert by_id[incident.pk]["sources"] == "Joint statement | News report"
    other = next(obj for obj in data if obj["id"] != incident.pk)
    assert other["organization"] is None and other["city"] is None


def test_an_empty_json_export_is_an_empty_array(anonymous: Client) -> None:
    assert json.loads(body(anonymous.get("/incidents/export.json"))) == []


def test_unknown_values_are_empty_cells(anonymous: Client) -> None:
    IncidentFactory(city=None, organization=None)
    (row,) = csv_rows(anonymous.get("/incidents/export.csv"))
    assert row["city"] == "" and row["organization"] == "" and row["sources"] == ""


def test_it_exports_exactly_the_filtered_set(anonymous: Client) -> None:
    brest = CityFactory(name="Brest")
    wanted = IncidentFactory(city=brest, kind="search")
    IncidentFactory(city=brest, kind="detention")
    IncidentFactory(kind="search")
    IncidentFactory(city=brest, kind="search", status="draft")
    for ext in ("csv", "json"):
        response = anonymous.get(f"/incidents/export.{ext}?city=brest&kind=search")
        rows = csv_rows(response) if ext == "csv" else json.loads(body(response))
        assert [int(r["id"]) for r in rows] == [wanted.pk]


def test_it_exports_every_row_not_a_page(anonymous: Client) -> None:
    make_incidents(2500)  # more than a page and more than one chunk of 2,000
    rows = csv_rows(anonymous.get("/incidents/export.csv"))
    assert len(rows) == 2250  # every tenth is a draft
    assert len({r["id"] for r in rows}) == 2250


def test_a_protected_person_is_withheld(anonymous: Client) -> None:
    IncidentFactory(person=PersonFactory(name="Secret Name", identity_protected=True))
    text = body(anonymous.get("/incidents/export.csv"))
    assert "Secret Name" not in text and "Name withheld" in text
    assert json.loads(body(anonymous.get("/incidents/export.json")))[0]["person"] == "Name withheld"


@pytest.mark.parametrize("value", ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)"])
def test_formulas_are_neutralised(anonymous: Client, value: str) -> None:
    IncidentFactory(summary=value, person=PersonFactory(name=value))
    (row,) = csv_rows(anonymous.get("/incidents/export.csv"))
    assert row["summary"] == "'" + value
    assert row["person"] == "'" + value
    # JSON is data, not a spreadsheet: it keeps the value.
    assert json.loads(body(anonymous.get("/incidents/export.json")))[0]["summary"] == value


def test_neutralise_covers_tabs_and_carriage_returns() -> None:
    assert neutralise("\t=1") == "'\t=1"
    assert neutralise("\r=1") == "'\r=1"


def test_neutralise_leaves_other_values() -> None:
    assert neutralise("Brest") == "Brest"
    assert neutralise(12) == 12
    assert neutralise("") == ""


def test_the_filename_names_the_filter(anonymous: Client) -> None:
    response = anonymous.get("/incidents/export.csv?city=brest&city=hrodna&kind=search")
    assert response["Content-Disposition"] == (
        'attachment; filename="incidents_kind-search_city-brest+hrodna.csv"'
    )
    response = anonymous.get("/incidents/export.json")
    assert response["Content-Disposition"] == 'attachment; filename="incidents.json"'
    assert export_filename({"q": ["Лапта / x"], "date_after": ["2021-01-01"]}, "csv") == (
        "incidents_date-after-2021-01-01_q-lapta-x.csv"
    )


@pytest.mark.parametrize("ext", ["csv", "json"])
def test_a_malformed_parameter_is_a_400_naming_it(anonymous: Client, ext: str) -> None:
    response = anonymous.get(f"/incidents/export.{ext}?date_before=tomorrow")
    assert response.status_code == 400
    assert "date_before: Enter a date as YYYY-MM-DD." in response.content.decode()


def test_it_refuses_the_wrong_method(anonymous: Client) -> None:
    assert anonymous.post("/incidents/export.csv").status_code == 405
