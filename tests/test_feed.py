"""The Atom feed of the filtered set."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from .factories import CityFactory, IncidentFactory, PersonFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[ET.Element]:  # noqa: ANN001
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_it_is_an_atom_feed_of_published_incidents(anonymous: Client) -> None:
    incident = IncidentFactory(summary="Searched at home.")
    IncidentFactory(status="draft")
    (entry,) = entries(anonymous.get("/incidents/feed/"))
    assert entry.find(f"{ATOM}title").text == incident.public_title
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/incidents/{incident.pk}/")
    assert entry.find(f"{ATOM}summary").text == "Searched at home."


def test_it_follows_the_filters(anonymous: Client) -> None:
    brest = CityFactory(name="Brest")
    wanted = IncidentFactory(city=brest)
    IncidentFactory()
    (entry,) = entries(anonymous.get("/incidents/feed/?city=brest"))
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/incidents/{wanted.pk}/")
    feed = ET.fromstring(anonymous.get("/incidents/feed/?city=brest").content)
    assert feed.find(f"{ATOM}link").get("href").endswith("/incidents/?city=brest")


def test_a_protected_person_is_withheld(anonymous: Client) -> None:
    IncidentFactory(person=PersonFactory(name="Secret Name", identity_protected=True))
    content = anonymous.get("/incidents/feed/").content.decode()
    assert "Secret Name" not in content and "Name withheld" in content


def test_a_malformed_parameter_is_a_400_naming_it(anonymous: Client) -> None:
    response = anonymous.get("/incidents/feed/?kind=arrest")
    assert response.status_code == 400
    assert "kind: Select a valid choice." in response.content.decode()


def test_it_refuses_the_wrong_method(anonymous: Client) -> None:
    assert anonymous.post("/incidents/feed/").status_code == 405
