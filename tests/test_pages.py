"""Pages for each incident, person, organization, city and source; their lists;
the overview, sitemap and robots.txt."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from incidents.models import City, Incident, Organization, Person

from .bulk import make_incidents
from .factories import (
    AddresseeFactory,
    AffiliationFactory,
    CitationFactory,
    CityFactory,
    IncidentFactory,
    OrganizationFactory,
    PersonAliasFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def html(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


# --- Incident ---------------------------------------------------------------------


def test_an_incident_page_has_facts_citations_and_a_suggested_citation(anonymous: Client) -> None:
    source = SourceFactory(title="Joint statement", published_on=dt.date(2021, 7, 14))
    incident = IncidentFactory(
        kind="detention",
        date=dt.date(2021, 7, 14),
        person=PersonFactory(name="Oleg Matskevich"),
        city=CityFactory(name="Borisov"),
        summary="Detained in Borisov.",
    )
    CitationFactory(incident=incident, source=source, excerpt="Oleg Matskevich was detained.")
    page = html(anonymous, incident.get_absolute_url())
    assert "<h1>Oleg Matskevich</h1>" in page
    assert "14 July 2021" in page and "Borisov" in page and "Detained in Borisov." in page
    assert "<blockquote" in page and "Oleg Matskevich was detained." in page
    assert f'href="{source.get_absolute_url()}"' in page
    permalink = f"http://testserver/incidents/{incident.pk}/"
    assert f'<a href="{permalink}">{permalink}</a>' in page
    assert (
        f"“Detention: Oleg Matskevich, 2021-07-14.” Incident tracker, record {incident.pk}." in page
    )
    assert "Source: Joint statement, 14 July 2021." in page
    assert "<title>Detention: Oleg Matskevich, 2021-07-14 · Incident tracker</title>" in page


def test_an_incident_without_a_city_says_so(anonymous: Client) -> None:
    incident = IncidentFactory(city=None)
    assert "Not stated in the source" in html(anonymous, incident.get_absolute_url())


def test_unpublished_incidents_are_not_found(anonymous: Client) -> None:
    for status in ("draft", "review"):
        incident = IncidentFactory(status=status)
        html(anonymous, incident.get_absolute_url(), 404)
    html(anonymous, "/incidents/999999/", 404)


# --- People -----------------------------------------------------------------------


def test_a_persons_page_lists_incidents_in_time_order_and_affiliations(anonymous: Client) -> None:
    person = PersonFactory(name="Nikolai Sharakh", description="Trade unionist.")
    later = IncidentFactory(person=person, date=dt.date(2021, 7, 14))
    earlier = IncidentFactory(person=person, date=dt.date(2020, 8, 10))
    IncidentFactory(person=person, date=dt.date(2021, 1, 1), status="draft")
    AffiliationFactory(person=person, role="head", organization__name="Free Trade Unions")
    response = anonymous.get(person.get_absolute_url())
    assert list(response.context["incidents"]) == [earlier, later]
    page = response.content.decode()
    assert "Trade unionist." in page and "Head, <a" in page and "Free Trade Unions" in page


def test_a_protected_persons_page_withholds_everything_personal(anonymous: Client) -> None:
    person = PersonFactory(name="Secret Name", description="Lives at X.", identity_protected=True)
    AffiliationFactory(person=person, organization__name="Secret Org")
    IncidentFactory(person=person)
    page = html(anonymous, person.get_absolute_url())
    assert "Name withheld" in page
    for secret in ("Secret Name", "Lives at X.", "Secret Org", person.slug):
        assert secret not in page


def test_a_person_with_only_drafts_is_not_public(anonymous: Client) -> None:
    incident = IncidentFactory(status="draft")
    html(anonymous, f"/people/{incident.person.slug}/", 404)


def test_the_people_list_counts_published_incidents_and_searches(anonymous: Client) -> None:
    lapta = PersonFactory(name="Alyona Lapta")
    PersonAliasFactory(person=lapta, name="Алёна Лапта")
    IncidentFactory.create_batch(2, person=lapta)
    IncidentFactory(person=lapta, status="draft")
    IncidentFactory(person=PersonFactory(name="Olga Smolyanko"))
    IncidentFactory(person=PersonFactory(name="Draft Only"), status="draft")
    IncidentFactory(person=PersonFactory(name="Protected One", identity_protected=True))
    response = anonymous.get("/people/")
    listed = {p.name: p.n for p in response.context["page"].object_list}
    assert listed == {"Alyona Lapta": 2, "Olga Smolyanko": 1}
    response = anonymous.get("/people/?q=Лапта")
    assert [p.name for p in response.context["page"].object_list] == ["Alyona Lapta"]
    assert "1 result" in response.content.decode()


# --- Organizations ------------------------------------------------------------------


def test_an_organizations_page_includes_branches_and_people(anonymous: Client) -> None:
    viasna = OrganizationFactory(name="Viasna")
    branch = OrganizationFactory(name="Viasna, Mozyr branch", parent=viasna)
    own = IncidentFactory(organization=viasna, person=None)
    branch_incident = IncidentFactory(
        organization=branch, person=PersonFactory(name="Vladimir Tselepun")
    )
    AffiliationFactory(person=branch_incident.person, organization=viasna, role="member")
    AffiliationFactory(person=PersonFactory(name="Draft Person"), organization=viasna)
    response = anonymous.get(viasna.get_absolute_url())
    assert set(response.context["page"].object_list) == {own, branch_incident}
    assert list(response.context["branches"]) == [branch]
    assert [person.name for person, _role in response.context["affiliations"]] == [
        "Vladimir Tselepun"
    ]
    branch_page = html(anonymous, branch.get_absolute_url())
    assert "Branch of" in branch_page and viasna.get_absolute_url() in branch_page


def test_an_organization_known_only_from_drafts_is_not_public(anonymous: Client) -> None:
    incident = IncidentFactory(organization=OrganizationFactory(), status="draft")
    html(anonymous, incident.organization.get_absolute_url(), 404)


def test_a_signatory_of_a_cited_source_is_public(anonymous: Client) -> None:
    citation = CitationFactory()
    signatory = OrganizationFactory(name="Truth Hounds")
    citation.source.signatories.add(signatory)
    assert "Truth Hounds" in html(anonymous, signatory.get_absolute_url())
    assert "Truth Hounds" in html(anonymous, "/organizations/")


def test_the_organization_list_searches(anonymous: Client) -> None:
    IncidentFactory(organization=OrganizationFactory(name="Human Constanta"))
    IncidentFactory(organization=OrganizationFactory(name="Viasna"))
    response = anonymous.get("/organizations/?q=constanta")
    assert [o.name for o in response.context["page"].object_list] == ["Human Constanta"]


# --- Cities ---------------------------------------------------------------------------


def test_a_city_page_lists_incidents_and_organizations_based_there(anonymous: Client) -> None:
    mozyr = CityFactory(name="Mozyr", region="Gomel Region")
    branch = OrganizationFactory(name="Viasna, Mozyr branch", city=mozyr)
    incident = IncidentFactory(city=mozyr, organization=branch)
    IncidentFactory(city=mozyr, status="draft")
    response = anonymous.get(mozyr.get_absolute_url())
    assert list(response.context["page"].object_list) == [incident]
    assert list(response.context["organizations"]) == [branch]
    page = response.content.decode()
    assert "Gomel Region" in page
    assert f'href="/incidents/?city={mozyr.slug}"' in page
    assert f'href="/incidents/?organization={branch.slug}"' in html(
        anonymous, branch.get_absolute_url()
    )


def test_the_city_list_finds_other_spellings(anonymous: Client) -> None:
    hrodna = CityFactory(name="Hrodna")
    hrodna.aliases.create(name="Grodno")
    IncidentFactory(city=hrodna)
    IncidentFactory(city=CityFactory(name="Brest"))
    CityFactory(name="Nowhere")
    response = anonymous.get("/cities/")
    assert {c.name for c in response.context["page"].object_list} == {"Hrodna", "Brest"}
    response = anonymous.get("/cities/?q=grodno")
    assert [c.name for c in response.context["page"].object_list] == ["Hrodna"]


# --- Sources --------------------------------------------------------------------------


def test_a_source_page_marks_cited_sentences_and_links_them(anonymous: Client) -> None:
    source = SourceFactory(
        title="Joint statement",
        full_text="Intro <b>text</b>.\n\nAles Bialiatski was searched. Nothing else.",
    )
    incident = CitationFactory(source=source, excerpt="Ales Bialiatski was searched.").incident
    hidden = CitationFactory(source=source, excerpt="Nothing else.", incident__status="draft")
    AddresseeFactory(source=source, name="Dmytro Kuleba", position="Minister of Foreign Affairs")
    source.signatories.add(OrganizationFactory(name="Truth Hounds"))
    page = html(anonymous, source.get_absolute_url())
    start = source.full_text.index("Ales Bialiatski was searched.")
    assert re.search(rf'<mark id="cited-{start}">Ales Bialiatski was searched\.</mark>', page)
    # The incident links to that very sentence.
    incident_page = html(anonymous, incident.get_absolute_url())
    assert f'href="{source.get_absolute_url()}#cited-{start}"' in incident_page
    assert f'<a href="{incident.get_absolute_url()}">' in page
    assert "Intro &lt;b&gt;text&lt;/b&gt;." in page
    assert "<mark" not in page.split("Nothing else.")[0][-20:]
    assert hidden.incident.get_absolute_url() not in page
    assert "Minister of Foreign Affairs Dmytro Kuleba" in page and "Truth Hounds" in page


def test_a_source_cited_only_by_drafts_is_not_public(anonymous: Client) -> None:
    citation = CitationFactory(incident__status="draft")
    html(anonymous, citation.source.get_absolute_url(), 404)
    assert citation.source.title not in html(anonymous, "/sources/")


def test_the_source_list_counts_incidents(anonymous: Client) -> None:
    source = SourceFactory(title="Joint statement")
    CitationFactory.create_batch(2, source=source)
    response = anonymous.get("/sources/?q=joint")
    assert [(s.title, s.n) for s in response.context["page"].object_list] == [
        ("Joint statement", 2)
    ]


# --- Overview, sitemap, robots -----------------------------------------------------------


def test_the_overview_has_counts_a_chart_and_ways_in(anonymous: Client) -> None:
    brest = CityFactory(name="Brest")
    IncidentFactory(city=brest, date=dt.date(2021, 5, 23), kind="detention")
    IncidentFactory(city=brest, date=dt.date(2021, 7, 14))
    IncidentFactory(organization=OrganizationFactory(name="Viasna"), date=dt.date(2021, 7, 14))
    response = anonymous.get("/")
    page = response.content.decode()
    assert response.context["by_kind"][0] == (Incident.Kind.SEARCH, 2)
    bars = response.context["chart"]["bars"]
    assert [(b["label"], b["n"]) for b in bars] == [("2021-05", 1), ("2021-06", 0), ("2021-07", 2)]
    assert bars[2]["url"] == "/incidents/?date_after=2021-07-01&date_before=2021-07-31"
    assert '<svg viewBox="0 0 720 202" role="img"' in page
    assert "/incidents/?city=" + brest.slug in page
    assert "/incidents/?organization=viasna" in page


def test_the_chart_switches_to_years_over_long_spans(anonymous: Client) -> None:
    IncidentFactory(date=dt.date(2015, 3, 1))
    IncidentFactory(date=dt.date(2021, 7, 14))
    chart = anonymous.get("/").context["chart"]
    assert chart["by_year"] is True
    assert [b["label"] for b in chart["bars"]] == [str(y) for y in range(2015, 2022)]


def test_an_empty_overview_answers(anonymous: Client) -> None:
    assert "0 published incidents" in html(anonymous, "/")


def test_the_sitemap_lists_public_pages_only(anonymous: Client) -> None:
    public = IncidentFactory()
    draft = IncidentFactory(status="draft", person=PersonFactory(name="Draft Person"))
    protected = IncidentFactory(person=PersonFactory(identity_protected=True))
    index = html(anonymous, "/sitemap.xml")
    assert "/sitemap-incidents.xml" in index
    incidents = html(anonymous, "/sitemap-incidents.xml")
    assert f"/incidents/{public.pk}/" in incidents and f"/incidents/{draft.pk}/" not in incidents
    people = html(anonymous, "/sitemap-people.xml")
    assert public.person.slug in people and draft.person.slug not in people
    assert protected.person.public_id in people and protected.person.slug not in people


def test_robots_points_to_the_sitemap(anonymous: Client) -> None:
    text = html(anonymous, "/robots.txt")
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text
    for prefix in ("", "/be", "/ru", "/uk"):  # every language's exports and admin
        assert f"Disallow: {prefix}/incidents/export\n" in text
        assert f"Disallow: {prefix}/admin/\n" in text


# --- Query counts ------------------------------------------------------------------------


def test_entity_models_expose_public_querysets() -> None:
    IncidentFactory(status="draft")
    assert not Person.objects.public().exists()
    assert not City.objects.public().exists()
    assert not Organization.objects.public().exists()


def test_an_entity_search_with_a_null_byte_is_a_400(anonymous: Client) -> None:
    for url in ("/people/", "/organizations/", "/cities/", "/sources/"):
        response = anonymous.get(url, {"q": "a\x00b"})
        assert response.status_code == 400, url
        assert "q: Null characters are not allowed." in response.content.decode()


def test_the_organization_list_counts_branches_like_its_page(anonymous: Client) -> None:
    viasna = OrganizationFactory(name="Viasna")
    IncidentFactory(organization=viasna, person=None)
    IncidentFactory(organization=OrganizationFactory(name="Viasna, Mozyr", parent=viasna))
    IncidentFactory(organization=viasna, person=None, status="draft", date=dt.date(2020, 1, 1))
    listed = {o.name: o.n for o in anonymous.get("/organizations/").context["page"].object_list}
    assert listed == {"Viasna": 2, "Viasna, Mozyr": 1}
    assert anonymous.get(viasna.get_absolute_url()).context["page"].paginator.count == 2


@pytest.mark.parametrize("url", ["/organizations/", "/cities/"])
def test_the_lists_of_organizations_and_cities_read_counts_from_the_tally(
    anonymous: Client, url: str
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_incidents(300)
    with CaptureQueriesContext(connection) as queries:
        rows = anonymous.get(url).context["page"].object_list
    assert rows and all(row.n > 0 for row in rows)
    # Each row's number from IncidentTally's one row per city or organization;
    # incidents are only tested for being there (EXISTS), never counted.
    assert any("incidents_incidenttally" in q["sql"] for q in queries)
    assert not [q for q in queries if 'COUNT("incidents_incident"' in q["sql"]]


def test_a_branch_links_its_parent_only_when_public(anonymous: Client) -> None:
    hidden_parent = OrganizationFactory(name="Unseen Parent")
    branch = OrganizationFactory(name="Seen Branch", parent=hidden_parent)
    citation = CitationFactory()
    citation.source.signatories.add(branch)
    page = html(anonymous, branch.get_absolute_url())
    assert "Unseen Parent" in page and hidden_parent.get_absolute_url() not in page


def test_the_chart_ignores_dates_past_today(anonymous: Client) -> None:
    from django.utils import timezone

    IncidentFactory(date=dt.date(2021, 7, 14))
    IncidentFactory(date=dt.date(9999, 12, 31))
    response = anonymous.get("/")
    assert response.status_code == 200
    chart = response.context["chart"]
    # Yearly bars from 2021 to this year, none past it; both incidents counted.
    assert chart["first"] == "2021"
    assert chart["last"] == str(timezone.localdate().year)
    assert response.context["total"] == 2
    assert [bar["n"] for bar in chart["bars"] if bar["label"] == "2021"] == [1]


def test_the_site_has_an_icon(anonymous: Client) -> None:
    response = anonymous.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age=86400" in response["Cache-Control"]
    assert 'rel="icon" href="/favicon.ico"' in anonymous.get("/").content.decode()
    assert anonymous.post("/favicon.ico").status_code == 405


# --- Every page (folded in from test_public.py) ---------------------------------------


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


def test_it_refuses_the_wrong_method(anonymous: Client) -> None:
    assert anonymous.post("/").status_code == 405
    assert anonymous.post(reverse("incidents:incident_list")).status_code == 405
