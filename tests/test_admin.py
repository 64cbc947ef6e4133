"""The admin staff log incidents in."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse

from incidents.admin.large_tables import CappedCountPaginator
from incidents.models import Citation, Incident, Organization, Person

from .bulk import make_incidents
from .factories import (
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

MODELS = ["incident", "person", "organization", "city", "source"]


def inline_management(prefix: str, total: int = 1) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def incident_post(**fields: str) -> dict[str, str]:
    data = {
        "kind": "search",
        "date": "2021-07-14",
        "person": "",
        "organization": "",
        "city": "",
        "summary": "",
        "status": "draft",
        "staff_notes": "",
        **inline_management("citations"),
        "citations-0-source": "",
        "citations-0-excerpt": "",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize("model", MODELS)
def test_it_opens_for_staff(editor: Client, model: str) -> None:
    assert editor.get(reverse(f"admin:incidents_{model}_changelist")).status_code == 200
    assert editor.get(reverse(f"admin:incidents_{model}_add")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_it_redirects_the_anonymous_to_login(anonymous: Client, model: str) -> None:
    url = reverse(f"admin:incidents_{model}_changelist")
    response = anonymous.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_it_redirects_a_logged_in_outsider(outsider: Client) -> None:
    response = outsider.get(reverse("admin:incidents_incident_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_it_refuses_a_delete_to_an_editor(editor: Client) -> None:
    incident = IncidentFactory()
    url = reverse("admin:incidents_incident_delete", args=[incident.pk])
    assert editor.post(url, {"post": "yes"}).status_code == 403
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_related_records_are_autocompletes_not_selects(editor: Client) -> None:
    PersonFactory.create_batch(3)
    html = editor.get(reverse("admin:incidents_incident_add")).content.decode()
    for field in ("person", "organization", "city", "citations-0-source"):
        assert f'name="{field}"' in html
        start = html.index(f'name="{field}"')
        tag = html[html.rindex("<select", 0, start) : html.index(">", start)]
        assert "admin-autocomplete" in tag, field
    # No person is listed in the page: options come from the autocomplete view.
    assert html.count("<option") < 20


def test_the_autocomplete_finds_people_by_alias(editor: Client) -> None:
    person = PersonAliasFactory(name="Алесь Бяляцкі", person__name="Ales Bialiatski").person
    response = editor.get(
        reverse("admin:autocomplete"),
        {
            "term": "Бяляц",
            "app_label": "incidents",
            "model_name": "incident",
            "field_name": "person",
        },
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(person.pk)]


def test_it_saves_an_incident_with_its_citation_and_author(editor: Client) -> None:
    person, city = PersonFactory(), CityFactory()
    source = SourceFactory(full_text="Ales Bialiatski was searched.")
    response = editor.post(
        reverse("admin:incidents_incident_add"),
        incident_post(
            person=str(person.pk),
            city=str(city.pk),
            summary="Searched.",
            **{
                "citations-0-source": str(source.pk),
                "citations-0-excerpt": "Ales Bialiatski was searched.",
            },
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    incident = Incident.objects.get()
    assert incident.created_by == editor.user
    assert incident.status == Incident.Status.DRAFT
    assert incident.citations.get().source == source


def test_save_and_add_another_keeps_kind_date_city_and_source(editor: Client) -> None:
    person, city = PersonFactory(), CityFactory()
    source = SourceFactory(full_text="Two were detained.")
    response = editor.post(
        reverse("admin:incidents_incident_add"),
        incident_post(
            kind="detention",
            date="2021-07-14",
            person=str(person.pk),
            city=str(city.pk),
            _addanother="1",
            **{"citations-0-source": str(source.pk), "citations-0-excerpt": "Two were detained."},
        ),
    )
    assert response.status_code == 302
    next_url = response["Location"]
    assert urlparse(next_url).path == reverse("admin:incidents_incident_add")
    assert parse_qs(urlparse(next_url).query) == {
        "kind": ["detention"],
        "date": ["2021-07-14"],
        "city": [str(city.pk)],
        "source": [str(source.pk)],
    }
    form = editor.get(next_url).context["adminform"].form
    assert form.initial["kind"] == "detention"
    assert form.initial["date"] == "2021-07-14"
    assert form.initial["city"] == str(city.pk)
    assert "person" not in form.initial
    formset = editor.get(next_url).context["inline_admin_formsets"][0].formset
    assert formset.forms[0].initial["source"] == source.pk
    html = editor.get(next_url).content.decode()
    assert f'<option value="{source.pk}" selected>{source.title}</option>' in html


def test_a_plain_save_does_not_carry_fields(editor: Client) -> None:
    response = editor.post(
        reverse("admin:incidents_incident_add"),
        incident_post(person=str(PersonFactory().pk)),
    )
    assert response["Location"] == reverse("admin:incidents_incident_changelist")


def test_it_refuses_an_incident_without_subject(editor: Client) -> None:
    response = editor.post(reverse("admin:incidents_incident_add"), incident_post())
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["person"] == [
        "Choose a person, an organization or both."
    ]
    assert not Incident.objects.exists()


def test_it_refuses_a_date_in_the_future(editor: Client) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    response = editor.post(
        reverse("admin:incidents_incident_add"),
        incident_post(person=str(PersonFactory().pk), date=tomorrow),
    )
    assert response.context["adminform"].form.errors["date"] == ["The date is in the future."]
    assert not Incident.objects.exists()


def test_it_refuses_a_duplicate_incident(editor: Client) -> None:
    existing = IncidentFactory(date=dt.date(2021, 7, 14))
    response = editor.post(
        reverse("admin:incidents_incident_add"),
        incident_post(person=str(existing.person.pk)),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "already exists" in form.errors["date"][0]
    assert reverse("admin:incidents_incident_change", args=[existing.pk]) in form.errors["date"][0]
    assert form.non_field_errors() == []  # said once, on the field
    assert Incident.objects.count() == 1


def test_the_duplicate_check_also_holds_without_a_person(editor: Client) -> None:
    existing = IncidentFactory(person=None, organization=OrganizationFactory())
    response = editor.post(
        reverse("admin:incidents_incident_add"),
        incident_post(organization=str(existing.organization.pk), date=existing.date.isoformat()),
    )
    assert "already exists" in response.context["adminform"].form.errors["date"][0]
    assert Incident.objects.count() == 1


def test_it_refuses_an_excerpt_not_in_the_source(editor: Client) -> None:
    source = SourceFactory(full_text="Ales Bialiatski was searched.")
    response = editor.post(
        reverse("admin:incidents_incident_add"),
        incident_post(
            person=str(PersonFactory().pk),
            **{"citations-0-source": str(source.pk), "citations-0-excerpt": "Ales was detained."},
        ),
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "word for word" in formset.forms[0].errors["excerpt"][0]
    assert not Incident.objects.exists() and not Citation.objects.exists()


def test_incident_search_covers_summary_names_and_aliases(editor: Client) -> None:
    hit = IncidentFactory(person=PersonAliasFactory(name="Алёна Лапта").person)
    by_summary = IncidentFactory(summary="equipment confiscated")
    IncidentFactory()
    url = reverse("admin:incidents_incident_changelist")
    assert list(editor.get(url, {"q": "Лапта"}).context["cl"].result_list) == [hit]
    assert list(editor.get(url, {"q": "confiscated"}).context["cl"].result_list) == [by_summary]


def test_incident_filters_by_kind_status_city_and_year(editor: Client) -> None:
    city = CityFactory(name="Hrodna")
    hit = IncidentFactory(city=city, kind="detention", status="draft", date=dt.date(2020, 5, 1))
    IncidentFactory(city=city, kind="detention", status="draft", date=dt.date(2021, 5, 1))
    IncidentFactory(date=dt.date(2021, 6, 1))  # not the factory's sequence: years are listed
    url = reverse("admin:incidents_incident_changelist")
    query = {"kind__exact": "detention", "status__exact": "draft", "city__id__exact": city.pk}
    cl = editor.get(url, {**query, "year": "2020"}).context["cl"]
    assert list(cl.result_list) == [hit]
    titles = [f.title for f in cl.filter_specs]
    assert titles == ["kind", "status", "year"]
    years = [choice["display"] for choice in cl.filter_specs[2].choices(cl)]
    assert years == ["All", "2021", "2020"]
    assert editor.get(url, {"year": "20x0"}).context["cl"].result_count == 0


def test_the_changelist_counts_no_further_than_its_cap(
    editor: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CappedCountPaginator, "cap", 5)
    IncidentFactory.create_batch(7)
    response = editor.get(reverse("admin:incidents_incident_changelist"))
    assert response.context["cl"].paginator.capped
    assert "More than 5 incidents" in response.content.decode()
    response = editor.get(reverse("admin:incidents_incident_changelist"), {"kind__exact": "x"})
    assert not response.context["cl"].paginator.capped


def test_a_search_beyond_the_cap_says_so_on_every_large_changelist(
    reviewer: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CappedCountPaginator, "cap", 5)
    for n in range(7):
        PersonFactory(name=f"Capped Person{n}")
    url = reverse("admin:incidents_person_changelist")
    text = reviewer.get(url, {"q": "Capped"}).content.decode()
    assert "More than 5 results" in text and "7 results" not in text
    monkeypatch.setattr(CappedCountPaginator, "cap", 50)
    assert "7 results" in reviewer.get(url, {"q": "Capped"}).content.decode()


@pytest.mark.parametrize("size", [30, 3000])
def test_the_changelist_and_autocomplete_cost_the_same_at_any_size(
    editor: Client,
    django_assert_num_queries,
    size: int,  # noqa: ANN001
) -> None:
    make_incidents(size)
    editor.get(reverse("admin:incidents_incident_changelist"))  # session, permissions
    # session, user, groups' permissions (2), capped count, page, year bounds (2),
    # history of the page's actions
    with django_assert_num_queries(8):
        assert editor.get(reverse("admin:incidents_incident_changelist")).status_code == 200
    # session, user, permissions (2), a page of the matching people and one more
    # (no count); the names engine: the people the term's keys name, their
    # names and their aliases
    with django_assert_num_queries(8):
        response = editor.get(
            reverse("admin:autocomplete"),
            {
                "term": "bulk person 1",
                "app_label": "incidents",
                "model_name": "incident",
                "field_name": "person",
            },
        )
    assert response.status_code == 200
    assert response.json()["pagination"]["more"] is (size > 30)


def test_staff_search_finds_protected_people_and_numbers(editor: Client) -> None:
    protected = IncidentFactory(person=PersonFactory(name="Hanna Quiet", identity_protected=True))
    other = IncidentFactory()
    url = reverse("admin:incidents_incident_changelist")
    assert list(editor.get(url, {"q": "quiet"}).context["cl"].result_list) == [protected]
    assert list(editor.get(url, {"q": str(other.pk)}).context["cl"].result_list) == [other]


def test_a_persons_page_lists_their_incidents(editor: Client) -> None:
    incident = IncidentFactory(kind="detention", status="draft")
    html = editor.get(
        reverse("admin:incidents_person_change", args=[incident.person.pk])
    ).content.decode()
    assert reverse("admin:incidents_incident_change", args=[incident.pk]) in html
    assert f"person__id__exact={incident.person.pk}" in html
    listed = editor.get(
        reverse("admin:incidents_incident_changelist"), {"person__id__exact": incident.person.pk}
    )
    assert list(listed.context["cl"].result_list) == [incident]


def test_an_organizations_page_lists_its_incidents(editor: Client) -> None:
    incident = IncidentFactory(person=None, organization=OrganizationFactory())
    url = reverse("admin:incidents_organization_change", args=[incident.organization.pk])
    html = editor.get(url).content.decode()
    assert reverse("admin:incidents_incident_change", args=[incident.pk]) in html


def test_creating_a_likely_duplicate_person_asks_for_confirmation(editor: Client) -> None:
    existing = PersonFactory(name="Alyona Lapta")
    url = reverse("admin:incidents_person_add")
    data = {
        "name": "Алёна Лапта",
        "slug": "",
        "description": "",
        **inline_management("aliases"),
        **inline_management("affiliations"),
    }
    response = editor.post(url, data)
    assert response.status_code == 200
    error = response.context["adminform"].form.errors["name"][0]
    assert "Possible duplicate" in error and "Alyona Lapta" in error
    assert reverse("admin:incidents_person_change", args=[existing.pk]) in error
    assert 'type="checkbox" name="confirm_not_duplicate"' in response.content.decode()
    assert Person.objects.count() == 1

    response = editor.post(url, {**data, "confirm_not_duplicate": "on"})
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_a_person_matching_an_alias_is_flagged(editor: Client) -> None:
    PersonAliasFactory(name="Алесь Бяляцкі", person__name="Ales Bialiatski")
    response = editor.post(
        reverse("admin:incidents_person_add"),
        {
            "name": "ALES BIALIATSKI",
            "slug": "",
            **inline_management("aliases"),
            **inline_management("affiliations"),
        },
    )
    assert "Possible duplicate" in response.context["adminform"].form.errors["name"][0]


def test_a_new_name_saves_without_question(editor: Client) -> None:
    PersonFactory(name="Alyona Lapta")
    response = editor.post(
        reverse("admin:incidents_person_add"),
        {
            "name": "Olga Smolyanko",
            "slug": "",
            **inline_management("aliases"),
            **inline_management("affiliations"),
        },
    )
    assert response.status_code == 302
    assert Person.objects.get(name="Olga Smolyanko").slug == "olga-smolyanko"


def test_editing_a_person_without_renaming_asks_nothing(editor: Client) -> None:
    PersonFactory(name="Alyona Lapta")
    twin = PersonFactory(name="Alena Lapta")
    PersonAliasFactory(person=PersonFactory(name="Someone"), name="Alena Lapta")
    response = editor.post(
        reverse("admin:incidents_person_change", args=[twin.pk]),
        {
            "name": "Alena Lapta",
            "slug": twin.slug,
            "description": "Updated.",
            **inline_management("aliases"),
            **inline_management("affiliations"),
        },
    )
    assert response.status_code == 302
    twin.refresh_from_db()
    assert twin.description == "Updated."


def test_creating_a_likely_duplicate_organization_asks_for_confirmation(editor: Client) -> None:
    OrganizationFactory(name="Viasna Human Rights Centre")
    data = {
        "name": "VIASNA human-rights centre",
        "slug": "",
        "kind": "",
        "description": "",
        **inline_management("aliases"),
        **inline_management("affiliations"),
    }
    response = editor.post(reverse("admin:incidents_organization_add"), data)
    assert response.status_code == 200
    assert "Possible duplicate" in response.context["adminform"].form.errors["name"][0]
    assert Organization.objects.count() == 1


def test_list_pages_search_every_model(editor: Client) -> None:
    source = SourceFactory(title="Joint statement")
    CitationFactory(source=source)
    for model, term in [("person", "x"), ("organization", "x"), ("city", "x"), ("source", "Joint")]:
        response = editor.get(reverse(f"admin:incidents_{model}_changelist"), {"q": term})
        assert response.status_code == 200
    cl = editor.get(reverse("admin:incidents_source_changelist"), {"q": "Joint"}).context["cl"]
    assert list(cl.result_list) == [source]


@pytest.mark.parametrize("model", ["person", "organization"])
def test_people_and_organizations_are_found_by_any_word_of_a_name_or_alias(
    editor: Client, model: str
) -> None:
    if model == "person":
        hit = PersonFactory(name="Alyona Lapta", slug="alyona-lapta")
        PersonAliasFactory(person=hit, name="Алёна Лапта")
        PersonAliasFactory(person=hit, name="A. Lapta")  # two aliases, one row
        other = PersonFactory(name="Alyona Other")
    else:
        hit = OrganizationFactory(name="Human Constanta", slug="human-constanta")
        OrganizationAliasFactory(organization=hit, name="Хьюман Константа")
        OrganizationAliasFactory(organization=hit, name="H. Constanta")
        other = OrganizationFactory(name="Human Rights Centre")
    first, last = hit.name.split()
    alias_word = hit.aliases.order_by("name").last().name.split()[1]
    url = reverse(f"admin:incidents_{model}_changelist")

    def found(term: str) -> list[int]:
        return [row.pk for row in editor.get(url, {"q": term}).context["cl"].result_list]

    assert found(last) == [hit.pk]  # in the name, and in an alias: listed once
    assert found(last.upper()) == [hit.pk]
    assert found(alias_word) == [hit.pk]  # an alias only, Cyrillic
    assert found(alias_word.lower()) == [hit.pk]
    assert found(hit.slug) == [hit.pk]  # the whole slug
    assert found(f"{first} {alias_word}") == [hit.pk]  # one word in the name, one in an alias
    assert sorted(found(first)) == sorted([hit.pk, other.pk])
    assert found(f'"{first} {last[:3]}"') == [hit.pk]  # quoted: one phrase
    assert found(f"{first} nowhere") == []


def test_a_person_is_found_by_an_aliases_name_key_with_no_join(editor: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hit = PersonFactory(name="A. L.")
    PersonAliasFactory(person=hit, name="Алёна Лапта")  # name key "…lapta"
    PersonFactory(name="Someone Else")
    with CaptureQueriesContext(connection) as queries:
        response = editor.get(reverse("admin:incidents_person_changelist"), {"q": "lapta"})
    assert list(response.context["cl"].result_list) == [hit]
    searched = [q["sql"] for q in queries if "incidents_personalias" in q["sql"]]
    assert searched
    for sql in searched:  # ids from a UNION: no join to the aliases, no DISTINCT
        assert "DISTINCT" not in sql and "JOIN" not in sql, sql


def test_the_organization_autocomplete_counts_no_incidents(editor: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    org = OrganizationFactory(name="Viasna")
    IncidentFactory(organization=org)
    params = {
        "term": "Vias",
        "app_label": "incidents",
        "model_name": "incident",
        "field_name": "organization",
    }
    with CaptureQueriesContext(connection) as queries:
        response = editor.get(reverse("admin:autocomplete"), params)
    assert [r["id"] for r in response.json()["results"]] == [str(org.pk)]
    # The changelist's incident column is worked out on the changelist only.
    assert not [q for q in queries if "incidents_incident" in q["sql"]]
    changelist = editor.get(reverse("admin:incidents_organization_changelist"))
    assert changelist.context["cl"].result_list[0].incident_total == 1


def test_search_finds_cyrillic_in_any_case(editor: Client) -> None:
    # SQLite's LIKE ignores case only in ASCII; the name key covers the rest.
    lapta = IncidentFactory(person=PersonFactory(name="Alyona Lapta"))
    IncidentFactory()
    url = reverse("admin:incidents_incident_changelist")
    for term in ("Лапта", "лапта", "LAPTA"):
        assert list(editor.get(url, {"q": term}).context["cl"].result_list) == [lapta], term
    people = reverse("admin:incidents_person_changelist")
    assert [p.name for p in editor.get(people, {"q": "лапта"}).context["cl"].result_list] == [
        "Alyona Lapta"
    ]


def test_the_same_event_with_another_organization_asks_for_confirmation(editor: Client) -> None:
    existing = IncidentFactory(date=dt.date(2021, 7, 14), organization=None)
    data = incident_post(person=str(existing.person.pk), organization=str(OrganizationFactory().pk))
    response = editor.post(reverse("admin:incidents_incident_add"), data)
    assert response.status_code == 200
    error = response.context["adminform"].form.errors["person"][0]
    assert "already recorded" in error
    assert reverse("admin:incidents_incident_change", args=[existing.pk]) in error
    assert Incident.objects.count() == 1
    response = editor.post(
        reverse("admin:incidents_incident_add"), {**data, "confirm_not_duplicate": "on"}
    )
    assert response.status_code == 302
    assert Incident.objects.count() == 2


def test_a_published_incident_needs_a_citation(reviewer: Client) -> None:
    response = reviewer.post(
        reverse("admin:incidents_incident_add"),
        incident_post(person=str(PersonFactory().pk), status="published"),
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == [
        "A published incident needs at least one citation of its source."
    ]
    assert not Incident.objects.exists()


def test_a_pasted_excerpt_takes_the_sources_own_characters(editor: Client) -> None:
    source = SourceFactory(full_text="Searches at NGO “Names”,\nthe office — and more.")
    response = editor.post(
        reverse("admin:incidents_incident_add"),
        incident_post(
            person=str(PersonFactory().pk),
            **{
                "citations-0-source": str(source.pk),
                "citations-0-excerpt": 'NGO "Names",  the office - and more.',
            },
        ),
    )
    assert response.status_code == 302
    assert Citation.objects.get().excerpt == "NGO “Names”,\nthe office — and more."


@pytest.mark.parametrize(
    "query",
    [
        {"year": "²"},
        {"year": "99999"},
        {"q": "²"},
        {"q": "①"},
        {"q": "99999999999999999999999"},
    ],
)
def test_odd_changelist_input_is_no_error(editor: Client, query: dict[str, str]) -> None:
    IncidentFactory()
    response = editor.get(reverse("admin:incidents_incident_changelist"), query)
    assert response.status_code == 200
    # Nothing matches such input, and the page says so.
    assert list(response.context["cl"].result_list) == []
    assert "0 incidents" in response.content.decode()


@pytest.mark.parametrize("page", ["0", "x", "99999999999999999999", "2"])
def test_an_autocomplete_page_out_of_range_is_a_404(editor: Client, page: str) -> None:
    PersonFactory(name="Alyona Lapta")
    response = editor.get(
        reverse("admin:autocomplete"),
        {
            "term": "lapta",
            "app_label": "incidents",
            "model_name": "incident",
            "field_name": "person",
            "page": page,
        },
    )
    assert response.status_code == 404
