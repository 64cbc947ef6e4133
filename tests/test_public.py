"""The minimal public pages: published incidents only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from incidents.models import Incident

from .factories import CitationFactory, IncidentFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_overview_counts_published_incidents_by_kind(anonymous: Client) -> None:
    IncidentFactory.create_batch(2)
    IncidentFactory(kind=Incident.Kind.DETENTION)
    IncidentFactory(kind=Incident.Kind.DETENTION, status=Incident.Status.DRAFT)
    response = anonymous.get("/")
    assert response.status_code == 200
    assert response.context["by_kind"] == [
        (Incident.Kind.SEARCH, 2),
        (Incident.Kind.DETENTION, 1),
        (Incident.Kind.DISAPPEARANCE, 0),
    ]
    assert response.context["total"] == 3


def test_it_hides_drafts(anonymous: Client) -> None:
    draft = IncidentFactory(status=Incident.Status.DRAFT, person__name="Hidden Draftperson")
    review = IncidentFactory(status=Incident.Status.REVIEW)
    assert "Hidden Draftperson" not in anonymous.get("/").content.decode()
    assert "Hidden Draftperson" not in anonymous.get("/incidents/").content.decode()
    assert anonymous.get(draft.get_absolute_url()).status_code == 404
    assert anonymous.get(review.get_absolute_url()).status_code == 404


def test_an_incident_page_shows_its_citations(anonymous: Client) -> None:
    citation = CitationFactory(excerpt="Searches took place.", incident__staff_notes="phone 123")
    html = anonymous.get(citation.incident.get_absolute_url()).content.decode()
    assert "Searches took place." in html
    assert citation.source.get_absolute_url() in html
    assert "phone 123" not in html


def test_entity_pages_answer(anonymous: Client) -> None:
    incident = IncidentFactory(organization=OrganizationFactory(parent=OrganizationFactory()))
    citation = CitationFactory(incident=incident)
    for url in (
        incident.person.get_absolute_url(),
        incident.organization.get_absolute_url(),
        incident.organization.parent.get_absolute_url(),
        incident.city.get_absolute_url(),
        citation.source.get_absolute_url(),
    ):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert incident.get_absolute_url() in response.content.decode() or "sources" in url


def test_a_protected_person_is_reached_only_by_public_id(anonymous: Client) -> None:
    person = PersonFactory(name="Secret Name", identity_protected=True)
    IncidentFactory(person=person)
    assert anonymous.get(f"/people/{person.slug}/").status_code == 404
    html = anonymous.get(f"/people/{person.public_id}/").content.decode()
    assert "Name withheld" in html and "Secret Name" not in html


def test_the_list_paginates_and_survives_bad_pages(anonymous: Client) -> None:
    IncidentFactory.create_batch(3)
    assert anonymous.get("/incidents/", {"page": "x"}).status_code == 200
    assert anonymous.get("/incidents/", {"page": "999"}).status_code == 200


def test_it_refuses_the_wrong_method(anonymous: Client) -> None:
    assert anonymous.post("/").status_code == 405
    assert anonymous.post(reverse("incidents:incident_list")).status_code == 405
