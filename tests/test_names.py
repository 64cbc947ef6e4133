"""One person, one record, across every spelling: the names engine as the
tracker uses it (public search, the lists' search, the admin's autocomplete and
duplicate warning, `manage.py match_name`), merging duplicates, "not the same",
and redaction of every case of a protected name.

The spelling table is the engine's (tests/test_names_engine.py): here each of
its same-person spellings goes through every door the tracker has.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from incidents import merging
from incidents.models import (
    Incident,
    Merge,
    NotSame,
    Person,
    PersonAlias,
    PersonKey,
)
from incidents.names import spelling_keys
from incidents.redaction import Redactor
from incidents.redaction.matcher import sound_start

from .factories import (
    CitationFactory,
    IncidentFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonAliasFactory,
    PersonFactory,
    UserFactory,
)
from .test_admin import inline_management
from .test_names_engine import RECORDS, SPELLINGS

pytestmark = pytest.mark.django_db

SAME = [(record, spelling) for record, spelling, label in SPELLINGS if label == "match"]
# Another person with the same surname, or a different surname: never the record.
OTHER = [
    (record, spelling)
    for record, spelling, label in SPELLINGS
    if label == "no" and len(spelling.split()) >= 2 and "." not in spelling
]


@pytest.fixture(scope="module")
def people(
    django_db_setup: None, django_db_blocker
) -> Iterator[dict[str, tuple[Person, Incident]]]:  # noqa: ANN001
    """Each person of the table with one published incident, built once for
    the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        made = {}
        for key, (name,) in RECORDS.items():
            person = PersonFactory(name=name, slug=key.replace("_", "-"))
            made[key] = (person, IncidentFactory(person=person, summary="An incident."))
        yield made
        transaction.set_rollback(True)


def test_the_table_is_big_enough() -> None:
    assert len(SAME) >= 60 and len(OTHER) >= 10


def _misses(found: dict[str, list[int]], people: dict, *, first: bool) -> list[str]:
    misses = []
    for record, spelling in SAME:
        want = people[record][0].pk
        ids = found[spelling]
        if (ids[:1] != [want]) if first else (want not in ids):
            misses.append(f"{spelling} -> {ids}")
    return misses


def test_it_finds_every_spelling_through_the_public_search(people: dict, anonymous: Client) -> None:
    found = {}
    for _, spelling in SAME:
        page = anonymous.get("/incidents/", {"q": spelling}).context["page"]
        found[spelling] = [i.person_id for i in page.object_list]
    assert _misses(found, people, first=False) == []


def test_it_lists_the_person_first_on_the_people_page(people: dict, anonymous: Client) -> None:
    found = {}
    for _, spelling in SAME:
        page = anonymous.get("/people/", {"q": spelling}).context["page"]
        found[spelling] = [p.pk for p in page.object_list]
    assert _misses(found, people, first=True) == []


def test_it_offers_the_person_first_in_the_admin_autocomplete(people: dict, editor: Client) -> None:
    found = {}
    for _, spelling in SAME:
        response = editor.get(
            reverse("admin:autocomplete"),
            {
                "term": spelling,
                "app_label": "incidents",
                "model_name": "incident",
                "field_name": "person",
            },
        )
        found[spelling] = [int(r["id"]) for r in response.json()["results"]]
    assert _misses(found, people, first=True) == []


def test_it_ranks_the_person_first_in_match_name(people: dict) -> None:
    found = {}
    for _, spelling in SAME:
        out = StringIO()
        call_command("match_name", spelling, "--json", stdout=out)
        rows = json.loads(out.getvalue())
        found[spelling] = [Person.objects.get(slug=r["slug"]).pk for r in rows]
        assert all(0 <= r["score"] <= 1 for r in rows)
    assert _misses(found, people, first=True) == []


def test_it_never_takes_another_person_for_the_record(people: dict) -> None:
    wrong = []
    for record, spelling in OTHER:
        out = StringIO()
        call_command("match_name", spelling, "--json", stdout=out)
        rows = json.loads(out.getvalue())
        slug = people[record][0].slug
        if any(r["slug"] == slug and r["score"] >= 0.8 for r in rows):
            wrong.append(spelling)
    assert wrong == []


def test_a_given_name_keeps_namesakes_apart_in_search(anonymous: Client) -> None:
    vladimir = IncidentFactory(person__name="Vladimir Khilmanovich")
    nina = IncidentFactory(person__name="Nina Khilmanovich")

    def found(q: str) -> set[int]:
        return {i.pk for i in anonymous.get("/incidents/", {"q": q}).context["page"].object_list}

    assert found("Уладзіміра Хільмановіча") == {vladimir.pk}
    assert found("Нине Хильманович") == {nina.pk}
    assert found("Хильмановичу") == {vladimir.pk, nina.pk}  # the surname alone: both


def test_match_name_refuses_bad_input() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("match_name", "  ")
    with pytest.raises(CommandError):
        call_command("match_name", "Labkovich", "--limit", "0")


def test_it_warns_of_a_duplicate_in_any_spelling(people: dict, editor: Client) -> None:
    url = reverse("admin:incidents_person_add")
    missed = []
    for record, spelling in SAME:
        data = {
            "name": spelling,
            "slug": "",
            "description": "",
            **inline_management("aliases"),
            **inline_management("affiliations"),
        }
        response = editor.post(url, data)
        errors = response.context["adminform"].form.errors if response.status_code == 200 else {}
        if str(people[record][0]) not in " ".join(errors.get("name", [])):
            missed.append(spelling)
    assert missed == []
    assert Person.objects.count() == len(RECORDS)


# --- Keys kept where names change ------------------------------------------------


def test_it_keeps_the_keys_when_an_alias_is_added_and_deleted() -> None:
    person = PersonFactory(name="Ales Bialiatski")
    alias = PersonAliasFactory(person=person, name="Алесь Вясновы")  # a pen name
    with_alias = set(person.spelling_keys.values_list("key", flat=True))
    assert with_alias == spelling_keys("person", [person.name, alias.name])
    assert with_alias != spelling_keys("person", [person.name])
    PersonAlias.objects.filter(pk=alias.pk).delete()  # a queryset delete: no delete()
    assert set(person.spelling_keys.values_list("key", flat=True)) == spelling_keys(
        "person", [person.name]
    )


def test_a_loaded_fixture_gets_its_keys() -> None:
    call_command("loaddata", "statement", verbosity=0)
    people = Person.objects.all()
    assert people.exists()
    for person in people:
        assert set(person.spelling_keys.values_list("key", flat=True)) == spelling_keys(
            "person", person.spellings()
        ), person


# --- Merging ------------------------------------------------------------------


@pytest.fixture
def twins() -> tuple[Person, Person]:
    kept = PersonFactory(name="Leanid Sudalenka", slug="leanid-sudalenka")
    merged = PersonFactory(name="Леонид Судаленко", slug="leonid-sudalenko")
    PersonAliasFactory(person=merged, name="L. Sudalenko")
    CitationFactory(incident=IncidentFactory(person=merged, kind="detention"))
    return kept, merged


def _action(client: Client, model: str, action: str, ids: list[int], **extra: str):  # noqa: ANN202
    return client.post(
        reverse(f"admin:incidents_{model}_changelist"),
        {"action": action, "_selected_action": [str(i) for i in ids], **extra},
    )


def test_it_merges_a_duplicate_and_undoes_the_merge(
    twins: tuple[Person, Person], reviewer: Client, anonymous: Client
) -> None:
    kept, merged = twins
    incident = Incident.objects.get(person=merged)
    confirm = _action(reviewer, "person", "merge_records", [kept.pk, merged.pk])
    assert confirm.status_code == 200 and "Леонид Судаленко" in confirm.content.decode()
    assert Person.objects.filter(pk=merged.pk).exists()  # the confirmation changes nothing

    done = _action(reviewer, "person", "merge_records", [kept.pk, merged.pk], keep=str(kept.pk))
    assert done.status_code == 302
    incident.refresh_from_db()
    assert incident.person_id == kept.pk
    assert set(kept.aliases.values_list("name", flat=True)) == {"Леонид Судаленко", "L. Sudalenko"}
    assert not Person.objects.filter(pk=merged.pk).exists()
    assert incident.history.filter(person_id=kept.pk).exists()  # the move is in the history
    old = anonymous.get("/people/leonid-sudalenko/")
    assert old.status_code == 301 and old["Location"] == kept.get_absolute_url()

    record = Merge.objects.get()
    undo = reviewer.post(
        reverse("admin:incidents_merge_changelist"),
        {"action": "undo_merges", "_selected_action": [str(record.pk)]},
    )
    assert undo.status_code == 302
    back = Person.objects.get(pk=merged.pk)
    assert (back.name, back.slug) == ("Леонид Судаленко", "leonid-sudalenko")
    incident.refresh_from_db()
    assert incident.person_id == back.pk
    assert set(back.aliases.values_list("name", flat=True)) == {"L. Sudalenko"}
    assert not kept.aliases.exists()
    assert anonymous.get("/people/leonid-sudalenko/").status_code == 200


def test_a_merge_into_a_protected_person_keeps_them_protected(
    twins: tuple[Person, Person], anonymous: Client, committed
) -> None:  # noqa: ANN001
    kept, merged = twins
    with committed():
        kept.identity_protected = True
        kept.save()
        merging.merge(kept, merged)
    kept.refresh_from_db()
    assert kept.identity_protected
    # The merged name's old address spells the name: it never leads to them.
    assert anonymous.get("/people/leonid-sudalenko/").status_code == 404
    for q in ("Судаленко", "Sudalenka", "Леонида Судаленко"):
        assert anonymous.get("/incidents/", {"q": q}).context["page"].paginator.count == 0, q
        export = anonymous.get("/incidents/export.csv", {"q": q})
        assert "Судален" not in b"".join(export.streaming_content).decode()


def test_a_merge_of_a_protected_person_protects_the_kept_one(
    twins: tuple[Person, Person], committed
) -> None:  # noqa: ANN001
    kept, merged = twins
    with committed():
        merged.identity_protected = True
        merged.save()
        merging.merge(kept, merged)
    kept.refresh_from_db()
    assert kept.identity_protected


def test_only_a_reviewer_merges(
    twins: tuple[Person, Person], editor: Client, outsider: Client
) -> None:
    kept, merged = twins
    for client in (editor, outsider):
        _action(client, "person", "merge_records", [kept.pk, merged.pk], keep=str(kept.pk))
        assert Person.objects.filter(pk=merged.pk).exists()
    assert not Merge.objects.exists()


def test_the_merge_action_is_not_a_get(twins: tuple[Person, Person], reviewer: Client) -> None:
    kept, merged = twins
    url = reverse("admin:incidents_person_changelist")
    reviewer.get(url, {"action": "merge_records", "_selected_action": [kept.pk, merged.pk]})
    assert Person.objects.filter(pk=merged.pk).exists()


def test_a_merge_that_would_make_one_incident_twice_is_refused(
    twins: tuple[Person, Person], reviewer: Client
) -> None:
    kept, merged = twins
    IncidentFactory(person=kept, kind="detention", date=Incident.objects.get(person=merged).date)
    _action(reviewer, "person", "merge_records", [kept.pk, merged.pk], keep=str(kept.pk))
    assert Person.objects.filter(pk=merged.pk).exists()
    assert not Merge.objects.exists()


def test_not_the_same_stops_the_duplicate_warning(reviewer: Client) -> None:
    first = PersonFactory(name="Aliaksandr Burakou")
    second = PersonFactory(name="Alexander Burakov", slug="alexander-burakov")
    response = reviewer.get(reverse("admin:incidents_person_change", args=[second.pk]))
    assert response.status_code == 200
    _action(reviewer, "person", "mark_not_the_same", [first.pk, second.pk])
    assert NotSame.objects.count() == 1
    from incidents.names.records import likely_duplicates

    assert likely_duplicates(second, second.name) == []
    assert likely_duplicates(PersonFactory.build(name="Aliaksandr Burakou"), "Alexander Burakov")


def test_an_editor_deletes_their_own_unreferenced_record_only(editor: Client) -> None:
    user = editor.session.get("_auth_user_id")
    mine = PersonFactory(name="Typo Personn", created_by_id=user)
    used = PersonFactory(name="Used Person", created_by_id=user)
    IncidentFactory(person=used)
    theirs = PersonFactory(name="Other Person", created_by=UserFactory())
    for person, gone in ((mine, True), (used, False), (theirs, False)):
        url = reverse("admin:incidents_person_delete", args=[person.pk])
        editor.post(url, {"post": "yes"})
        assert Person.objects.filter(pk=person.pk).exists() is not gone, person


# --- Redaction: every case and spelling of a protected name --------------------


@pytest.mark.parametrize(
    "text",
    [
        "Задержали Зарину Вострикову.",
        "Адвокат Зарины Востриковой не допущен.",
        "О Востриковой нет вестей.",
        "Zariny Vostrikovoi lawyer",
        "Zaryna Vostrykova was seen.",
        "Вострикова Зарина",
    ],
)
def test_it_withholds_every_case_of_a_protected_name(text: str) -> None:
    redact = Redactor(["Зарина Вострикова"])
    out = redact(text)
    assert "[name withheld]" in out
    assert "остриков" not in out.lower() and "ostr" not in out.lower()


def test_a_declined_protected_name_is_not_searchable(anonymous: Client, committed) -> None:  # noqa: ANN001
    marfa = PersonFactory(name="Марфа Рабкова")
    IncidentFactory(summary="Адвоката Марфы Рабковой не допустили.", person=PersonFactory())
    with committed():
        marfa.identity_protected = True
        marfa.save()
    for q in ("Рабковой", "Marfy Rabkovoi", "Рабкова"):
        response = anonymous.get("/incidents/", {"q": q})
        assert response.context["page"].paginator.count == 0, q
    export = b"".join(anonymous.get("/incidents/export.csv").streaming_content).decode()
    assert "Рабков" not in export and "[name withheld]" in export


def test_keys_never_carry_a_protected_name_to_the_public(anonymous: Client, committed) -> None:  # noqa: ANN001
    marfa = PersonFactory(name="Марфа Рабкова")
    IncidentFactory(person=marfa)
    with committed():
        marfa.identity_protected = True
        marfa.save()
    assert PersonKey.objects.filter(person=marfa).exists()  # staff still find her
    assert anonymous.get("/people/", {"q": "Рабкова"}).context["page"].paginator.count == 0


def test_it_deletes_a_person_with_their_aliases_and_keys() -> None:
    person = PersonFactory(name="Ales Bialiatski")
    PersonAliasFactory(person=person, name="Алесь Вясновы")
    pk = person.pk
    person.delete()
    assert not PersonKey.objects.filter(person_id=pk).exists()


def test_a_surname_in_any_case_narrows_a_search_with_other_words(anonymous: Client) -> None:
    hrodna = IncidentFactory(person__name="Vladimir Khilmanovich", city__name="Hrodna")
    IncidentFactory(person__name="Vladimir Khilmanovich", city__name="Minsk")
    IncidentFactory(person__name="Nina Other", city__name="Hrodna")
    page = anonymous.get("/incidents/", {"q": "Хільмановіча Hrodna"}).context["page"]
    assert [i.pk for i in page.object_list] == [hrodna.pk]


def test_an_ordinary_word_is_not_read_as_a_loosely_spelled_name(anonymous: Client) -> None:
    july = IncidentFactory(summary="Searched on 8 July.", person__name="Ales Other")
    IncidentFactory(summary="Detained.", person__name="Yuliya Ivanova")
    IncidentFactory(summary="Detained.", person__name="Siarhei Yulin")
    page = anonymous.get("/incidents/", {"q": "july"}).context["page"]
    assert [i.pk for i in page.object_list] == [july.pk]


# --- What a review of the above found --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Владимир Лабкович задержан.",
        "Адвоката Владимира Лабковича не пустили.",
        "Vladimir Labkovich was detained.",
        "Лабковичу не дали слова.",
    ],
)
def test_it_withholds_a_protected_name_in_another_languages_spelling(text: str) -> None:
    out = Redactor(["Уладзімір Лабковіч"])(text)
    assert "[name withheld]" in out and "абкович" not in out and "abkovich" not in out


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        ("Zarina Vostrikova", "Задержана Зарина Вострикова."),
        ("Zarina Vostrikova", "Фонд Зарыны Вострыкавай"),
        ("Zarina Vostrikova", "Затрымалі Вострыкаву."),
        ("Zarina Vostrikova", "Затримали Зарину Вострикову."),
        ("Ales Bialiatski", "Алесь Біляцький у СІЗО."),
        ("Ales Bialiatski", "Алеся Беляцкого задержали."),
        ("Uladzimir Labkovich", "Адвоката Владимира Лабковича не пустили."),
        ("Siarhei Tsikhanouski", "Сергея Тихановского осудили."),
        ("Сяргей Ціханоўскі", "Сергея Тихановского осудили."),
    ],
)
def test_it_withholds_a_name_stored_in_one_script_written_in_another(
    stored: str, text: str
) -> None:
    redact = Redactor([stored])
    assert redact.finds(text), text
    out = redact(text)
    # The surname is gone, in whatever case and script the text wrote it.
    surname = sound_start(stored.split()[-1])
    assert "[name withheld]" in out
    assert all(sound_start(w) != surname for w in re.findall(r"\w+", out) if len(w) > 3), out


def test_a_protection_withholds_another_languages_spelling_everywhere(
    anonymous: Client, committed
) -> None:  # noqa: ANN001
    person = PersonFactory(name="Уладзімір Хільмановіч")
    incident = IncidentFactory(
        person=PersonFactory(name="Open Colleague"),
        summary="Вместе с ним задержали Владимира Хильмановича.",
    )
    CitationFactory(incident=incident)
    with committed():
        person.identity_protected = True
        person.save()
    page = anonymous.get(incident.get_absolute_url()).content.decode()
    assert "Хильманович" not in page and "[name withheld]" in page
    for q in ("Хильмановича", "Владимира Хильмановича"):
        assert anonymous.get("/incidents/", {"q": q}).context["page"].paginator.count == 0, q


def test_a_protection_withholds_a_latin_stored_name_written_in_cyrillic_everywhere(
    anonymous: Client, committed
) -> None:  # noqa: ANN001
    person = PersonFactory(name="Zarina Ostrovskaya")
    incident = IncidentFactory(
        person=PersonFactory(name="Open Colleague Two"),
        summary="Вместе с ней задержали Островскую.",  # the surname alone
    )
    CitationFactory(incident=incident)
    assert anonymous.get("/incidents/", {"q": "Островскую"}).context["page"].paginator.count == 1
    with committed():
        person.identity_protected = True
        person.save()
    page = anonymous.get(incident.get_absolute_url()).content.decode()
    assert "Островск" not in page and "[name withheld]" in page
    # The search index was rebuilt for the Cyrillic spelling too.
    incident.refresh_from_db()
    assert "островск" not in incident.search_text, incident.search_text
    for q in ("Островскую", "Островская"):
        assert anonymous.get("/incidents/", {"q": q}).context["page"].paginator.count == 0, q


def test_refresh_protection_works_out_again_what_an_older_redactor_let_through(
    committed,
) -> None:  # noqa: ANN001
    from incidents.models import Organization, OrganizationAlias

    PersonFactory(name="Zarina Ostrovskaya", identity_protected=True)
    organization = OrganizationFactory(name="Фонд Зарины Островской")
    alias = OrganizationAliasFactory(organization=organization, name="Фонд Зарыны Астроўскай")
    incident = IncidentFactory(person=PersonFactory(name="Open Colleague Three"))
    # As an older redactor, which read no Cyrillic spelling of a Latin name,
    # left them.
    Organization.objects.filter(pk=organization.pk).update(
        public_name=organization.name, name_withheld=False
    )
    OrganizationAlias.objects.filter(pk=alias.pk).update(withheld=False)
    Incident.objects.filter(pk=incident.pk).update(
        summary="Задержана Островская.", search_text="задержана островская."
    )
    out = StringIO()
    with committed():
        call_command("refresh_protection", stdout=out)
    assert "records changed" in out.getvalue()
    organization.refresh_from_db()
    assert organization.name_withheld and "Остров" not in organization.public_name
    assert OrganizationAlias.objects.get(pk=alias.pk).withheld
    incident.refresh_from_db()
    assert "островск" not in incident.search_text


def test_a_summary_in_another_languages_spelling_cannot_be_published() -> None:
    from incidents.workflow import summary_problems

    PersonFactory(name="Уладзімір Хільмановіч", identity_protected=True)
    assert summary_problems("Задержан Владимир Хильманович.")


def test_a_one_word_alias_is_withheld_only_as_written() -> None:
    redact = Redactor(["Надежда"])
    assert redact("Надежда пришла") == "[name withheld] пришла"
    assert redact("Надежды нет") == "Надежды нет"


def test_undoing_a_merge_never_lifts_a_protection(twins: tuple[Person, Person], committed) -> None:  # noqa: ANN001
    kept, merged = twins
    with committed():
        record = merging.merge(kept, merged)
        kept.refresh_from_db()
        kept.identity_protected = True  # protected since, on purpose
        kept.save()
        merging.undo(record)
    kept.refresh_from_db()
    assert kept.identity_protected


def test_undoing_a_merge_into_a_protected_person_frees_the_other_name(
    twins: tuple[Person, Person], anonymous: Client, committed
) -> None:  # noqa: ANN001
    kept, merged = twins
    with committed():
        kept.identity_protected = True
        kept.save()
        merging.undo(merging.merge(kept, merged))
    assert "Леонид Судаленко" not in Person.objects.protected_names()
    kept.refresh_from_db()
    assert "Судаленко" not in kept.former_names


def test_a_withheld_organizations_old_slug_does_not_lead_to_it(
    anonymous: Client, committed
) -> None:  # noqa: ANN001
    from .factories import OrganizationFactory

    PersonFactory(name="Tsikhan Barysevich", identity_protected=True)
    kept = OrganizationFactory(name="Legal Aid Fund", slug="legal-aid-fund")
    merged = OrganizationFactory(name="Tsikhan Barysevich Legal Aid Fund", slug="tbl-fund")
    IncidentFactory(organization=kept)
    merged.refresh_from_db()
    assert merged.name_withheld
    merging.merge(kept, merged)
    assert anonymous.get("/organizations/tbl-fund/").status_code == 404
    assert anonymous.get(f"/organizations/{merged.public_id}/").status_code == 301


def test_an_organization_is_not_merged_into_its_own_branch() -> None:
    from django.core.exceptions import ValidationError

    from .factories import OrganizationFactory

    parent = OrganizationFactory(name="Viasna")
    branch = OrganizationFactory(name="Viasna Brest", parent=parent)
    with pytest.raises(ValidationError):
        merging.merge(branch, parent)


def test_undo_of_a_merge_whose_address_was_taken_is_refused(twins: tuple[Person, Person]) -> None:
    from django.core.exceptions import ValidationError

    kept, merged = twins
    record = merging.merge(kept, merged)
    PersonFactory(name="Леонид Судаленко", slug="leonid-sudalenko")
    with pytest.raises(ValidationError):
        merging.undo(record)


def test_an_editor_may_not_delete_their_own_person_with_affiliations(editor: Client) -> None:
    from .factories import AffiliationFactory

    user = editor.session.get("_auth_user_id")
    person = PersonFactory(name="Typo Personn", created_by_id=user)
    AffiliationFactory(person=person)
    editor.post(reverse("admin:incidents_person_delete", args=[person.pk]), {"post": "yes"})
    assert Person.objects.filter(pk=person.pk).exists()
