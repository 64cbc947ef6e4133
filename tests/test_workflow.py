"""Editorial workflow: draft -> review -> published and back; who may do what;
history of every change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from incidents.models import Citation, Incident, Person

from .factories import CitationFactory, IncidentFactory, PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:incidents_incident_changelist")


def ready(status: str = Incident.Status.REVIEW) -> Incident:
    """An incident that may be published: summary and a verbatim citation."""
    source = SourceFactory(full_text="Ales Bialiatski was searched.")
    incident = IncidentFactory(status=status, summary="A search.")
    CitationFactory(incident=incident, source=source, excerpt="Ales Bialiatski was searched.")
    return incident


def change_data(incident: Incident, **fields: str) -> dict[str, str]:
    citations = list(incident.citations.all())
    data = {
        "kind": incident.kind,
        "date": incident.date.isoformat(),
        "person": str(incident.person_id or ""),
        "organization": str(incident.organization_id or ""),
        "city": str(incident.city_id or ""),
        "summary": incident.summary,
        "status": incident.status,
        "staff_notes": incident.staff_notes,
        "citations-TOTAL_FORMS": str(len(citations)),
        "citations-INITIAL_FORMS": str(len(citations)),
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
    }
    for n, c in enumerate(citations):
        data |= {
            f"citations-{n}-id": str(c.pk),
            f"citations-{n}-incident": str(incident.pk),
            f"citations-{n}-source": str(c.source_id),
            f"citations-{n}-excerpt": c.excerpt,
        }
    return data | fields


def action(client: Client, name: str, incident: Incident) -> None:
    client.post(CHANGELIST, {"action": name, "_selected_action": [incident.pk]})


# --- The permission matrix ------------------------------------------------------------


def do_view(client: Client) -> bool:
    incident = IncidentFactory(status="draft")
    return (
        client.get(reverse("admin:incidents_incident_change", args=[incident.pk])).status_code
        == 200
    )


def do_create(client: Client) -> bool:
    person = PersonFactory()
    client.post(
        reverse("admin:incidents_incident_add"),
        {
            "kind": "search",
            "date": "2021-07-14",
            "person": str(person.pk),
            "summary": "x",
            "status": "draft",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
            "citations-MIN_NUM_FORMS": "0",
            "citations-MAX_NUM_FORMS": "1000",
        },
    )
    return Incident.objects.filter(person=person).exists()


def do_edit(client: Client) -> bool:
    incident = IncidentFactory(status="draft", summary="before")
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    client.post(url, change_data(incident, summary="after"))
    incident.refresh_from_db()
    return incident.summary == "after"


def do_submit(client: Client) -> bool:
    incident = ready(status="draft")
    action(client, "submit_for_review", incident)
    incident.refresh_from_db()
    return incident.status == Incident.Status.REVIEW


def do_publish(client: Client) -> bool:
    incident = ready()
    action(client, "publish", incident)
    incident.refresh_from_db()
    return incident.status == Incident.Status.PUBLISHED


def do_delete(client: Client) -> bool:
    incident = ready(status="published")
    url = reverse("admin:incidents_incident_delete", args=[incident.pk])
    client.post(url, {"post": "yes"})
    return not Incident.objects.filter(pk=incident.pk).exists()


def do_history(client: Client) -> bool:
    incident = IncidentFactory(status="draft")
    url = reverse("admin:incidents_incident_history", args=[incident.pk])
    response = client.get(url)
    return response.status_code == 200 and "history" in response.content.decode().lower()


ACTIONS: dict[str, Callable[[Client], bool]] = {
    "view": do_view,
    "create": do_create,
    "edit": do_edit,
    "submit": do_submit,
    "publish": do_publish,
    "delete": do_delete,
    "history": do_history,
}
MATRIX = {
    #               view   create edit   submit publish delete history
    "anonymous": (False, False, False, False, False, False, False),
    "outsider": (False, False, False, False, False, False, False),
    "editor": (True, True, True, True, False, False, True),
    "reviewer": (True, True, True, True, True, True, True),
    "superuser": (True, True, True, True, True, True, True),
}


@pytest.mark.parametrize("actor", list(MATRIX))
@pytest.mark.parametrize("what", list(ACTIONS))
def test_the_permission_matrix(request: pytest.FixtureRequest, actor: str, what: str) -> None:
    client = request.getfixturevalue(actor)
    expected = MATRIX[actor][list(ACTIONS).index(what)]
    assert ACTIONS[what](client) is expected


# --- An editor never publishes, by any path ------------------------------------------------


def test_an_editor_cannot_choose_published_in_the_form(editor: Client) -> None:
    form = editor.get(reverse("admin:incidents_incident_add")).context["adminform"].form
    assert [c[0] for c in form.fields["status"].choices] == ["draft", "review"]


def crafted_publish(client: Client) -> tuple[int, bool, bool]:
    """A change form and an add form posted with status "published", each
    otherwise valid (summary, a verbatim citation): (the change form's status,
    whether the incident changed to published, whether the new one was created
    published)."""
    incident = ready()
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    response = client.post(url, change_data(incident, status="published"))
    incident.refresh_from_db()
    source = incident.citations.get().source
    added = client.post(
        reverse("admin:incidents_incident_add"),
        {
            **change_data(incident, status="published", date="2021-01-02"),
            "citations-TOTAL_FORMS": "1",
            "citations-INITIAL_FORMS": "0",
            "citations-0-source": str(source.pk),
            "citations-0-excerpt": "Ales Bialiatski was searched.",
            "citations-0-id": "",
            "citations-0-incident": "",
        },
    )
    created = Incident.objects.filter(date=dt.date(2021, 1, 2), status="published").exists()
    assert added.status_code in (200, 302)
    return response.status_code, incident.status == Incident.Status.PUBLISHED, created


def test_a_reviewer_can_publish_with_the_same_post(reviewer: Client) -> None:
    # The control: the post below is refused for the editor's role alone.
    status, changed, created = crafted_publish(reviewer)
    assert (status, changed, created) == (302, True, True)


def test_an_editor_cannot_publish_with_a_crafted_post(editor: Client) -> None:
    status, changed, created = crafted_publish(editor)
    assert (status, changed, created) == (200, False, False)


def test_an_editor_cannot_publish_by_action(editor: Client) -> None:
    incident = ready()
    response = editor.post(CHANGELIST, {"action": "publish", "_selected_action": [incident.pk]})
    assert response.status_code == 302  # "No action selected": back to the list
    incident.refresh_from_db()
    assert incident.status == Incident.Status.REVIEW


def test_an_editor_cannot_change_or_unpublish_a_published_incident(editor: Client) -> None:
    incident = ready(status="published")
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    assert editor.get(url).context["has_change_permission"] is False
    assert editor.post(url, change_data(incident, summary="changed")).status_code == 403
    action(editor, "return_to_draft", incident)
    incident.refresh_from_db()
    assert (incident.summary, incident.status) == ("A search.", "published")


def test_an_editor_cannot_bulk_delete_a_published_incident(editor: Client) -> None:
    draft, published = IncidentFactory(status="draft"), ready(status="published")
    response = editor.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [draft.pk, published.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Incident.objects.filter(pk=published.pk).exists()


def test_an_editor_cannot_revert_to_a_published_version(editor: Client, reviewer: Client) -> None:
    incident = ready()
    action(reviewer, "publish", incident)
    action(reviewer, "return_to_draft", incident)
    published_version = incident.history.filter(status="published").first()
    url = reverse(
        "admin:incidents_incident_simple_history", args=[incident.pk, published_version.history_id]
    )
    incident.refresh_from_db()
    response = editor.post(url, change_data(incident, status="published"))
    incident.refresh_from_db()
    assert incident.status == Incident.Status.DRAFT
    assert response.status_code in (200, 403)


def test_an_editor_may_delete_a_draft(editor: Client) -> None:
    incident = IncidentFactory(status="draft")
    editor.post(reverse("admin:incidents_incident_delete", args=[incident.pk]), {"post": "yes"})
    assert not Incident.objects.filter(pk=incident.pk).exists()


# --- What publishing requires -------------------------------------------------------------


@pytest.fixture
def a_reviewer(reviewer: Client):  # noqa: ANN201
    return reviewer.user


def test_publishing_needs_a_summary_and_a_citation(a_reviewer) -> None:  # noqa: ANN001
    incident = IncidentFactory(status="review", summary="")
    with pytest.raises(ValidationError) as exc:
        incident.publish(a_reviewer)
    assert exc.value.messages == [
        "It needs a public summary.",
        "It needs at least one citation of its source.",
    ]


def test_publishing_needs_excerpts_that_are_in_their_source(a_reviewer) -> None:  # noqa: ANN001
    incident = ready()
    Citation.objects.filter(incident=incident).update(excerpt="Not in the text.")
    with pytest.raises(ValidationError, match="is not in its full text"):
        incident.publish(a_reviewer)
    # Without stored text there is nothing to check against.
    incident.citations.get().source.__class__.objects.update(full_text="")
    incident.publish(a_reviewer)
    assert incident.status == Incident.Status.PUBLISHED


def test_a_summary_naming_a_protected_person_is_refused(a_reviewer) -> None:  # noqa: ANN001
    person = PersonFactory(name="Secret Name", identity_protected=True)
    person.aliases.create(name="Тайное Имя")
    incident = ready()
    for summary in ("secret name was searched.", "Тайное Имя was searched."):
        incident.summary = summary
        with pytest.raises(ValidationError, match="protected"):
            incident.publish(a_reviewer)


def test_only_a_reviewer_publishes_or_unpublishes(editor: Client, a_reviewer) -> None:  # noqa: ANN001
    incident = ready()
    with pytest.raises(PermissionDenied):
        incident.publish(editor.user)
    incident.publish(a_reviewer)
    with pytest.raises(PermissionDenied):
        incident.return_to_draft(editor.user)
    incident.return_to_draft(a_reviewer)
    assert incident.status == Incident.Status.DRAFT


def test_the_publish_action_reports_what_it_refused(reviewer: Client) -> None:
    good, bad = ready(), IncidentFactory(status="review", summary="")
    response = reviewer.post(
        CHANGELIST, {"action": "publish", "_selected_action": [good.pk, bad.pk]}, follow=True
    )
    texts = [str(m) for m in response.context["messages"]]
    assert "1 incident published." in texts
    assert any("It needs a public summary." in t for t in texts)
    bad.refresh_from_db()
    assert bad.status == Incident.Status.REVIEW


def test_the_form_refuses_to_publish_without_a_summary(reviewer: Client) -> None:
    incident = ready()
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    response = reviewer.post(url, change_data(incident, status="published", summary=""))
    assert response.context["adminform"].form.errors["summary"] == ["It needs a public summary."]


# --- History ------------------------------------------------------------------------------


def test_every_change_is_recorded_with_who_and_what(editor: Client, reviewer: Client) -> None:
    incident = IncidentFactory(status="draft", summary="before")
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    editor.post(url, change_data(incident, summary="after"))
    latest = incident.history.first()
    assert latest.history_user == editor.user
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("summary", "before", "after")]
    page = editor.get(reverse("admin:incidents_incident_history", args=[incident.pk]))
    assert "editor" in page.content.decode()


@pytest.mark.parametrize("model", ["person", "organization", "city", "source"])
def test_other_records_keep_history_too(editor: Client, model: str) -> None:
    from . import factories

    obj = getattr(factories, f"{model.capitalize()}Factory")()
    assert obj.history.count() == 1
    response = editor.get(reverse(f"admin:incidents_{model}_history", args=[obj.pk]))
    assert response.status_code == 200


def test_citations_keep_history() -> None:
    citation = CitationFactory()
    citation.excerpt = "Changed."
    citation.save()
    assert [h.excerpt for h in citation.history.all()][:1] == ["Changed."]


def test_a_change_can_be_restored(reviewer: Client) -> None:
    incident = IncidentFactory(status="draft", summary="original")
    incident.summary = "vandalised"
    incident.save()
    original = incident.history.last()
    url = reverse(
        "admin:incidents_incident_simple_history", args=[incident.pk, original.history_id]
    )
    form = reviewer.get(url).context["adminform"].form
    assert form.initial["summary"] == "original"
    reviewer.post(url, change_data(incident, summary=form.initial["summary"]))
    incident.refresh_from_db()
    assert incident.summary == "original"


def test_deleting_a_published_incident_leaves_its_history(reviewer: Client) -> None:
    incident = ready(status="published")
    pk = incident.pk
    reviewer.post(reverse("admin:incidents_incident_delete", args=[pk]), {"post": "yes"})
    assert not Incident.objects.filter(pk=pk).exists()
    history = Incident.history.filter(id=pk)
    assert history.first().history_type == "-"
    assert history.first().history_user == reviewer.user
    assert history.filter(status="published").exists()


def test_groups_exist_with_the_publish_permission() -> None:
    from django.contrib.auth.models import Group

    editors, reviewers = Group.objects.get(name="Editors"), Group.objects.get(name="Reviewers")
    assert not editors.permissions.filter(codename="publish_incident").exists()
    assert reviewers.permissions.filter(codename="publish_incident").exists()
    assert not editors.permissions.filter(codename="delete_person").exists()
    assert Person.history.model.__name__ == "HistoricalPerson"


# --- Bypasses found by a review, closed -------------------------------------------------


def test_an_editor_cannot_revert_a_published_incident_to_a_draft(editor: Client) -> None:
    incident = ready(status="published")
    version = incident.history.first()
    url = reverse("admin:incidents_incident_simple_history", args=[incident.pk, version.history_id])
    data = change_data(incident, summary="rewritten", status="draft", confirm_not_duplicate="on")
    assert editor.post(url, data).status_code == 403
    incident.refresh_from_db()
    assert (incident.status, incident.summary) == ("published", "A search.")


def test_only_a_reviewer_brings_back_a_deleted_incident(editor: Client, reviewer: Client) -> None:
    incident = IncidentFactory(status="draft", summary="gone")
    pk, version = incident.pk, incident.history.first()
    data = change_data(incident)
    incident.delete()
    url = reverse("admin:incidents_incident_simple_history", args=[pk, version.history_id])
    assert editor.post(url, data).status_code == 403
    assert not Incident.objects.filter(pk=pk).exists()
    reviewer.post(url, data)
    assert Incident.objects.get(pk=pk).summary == "gone"


def source_data(source, **fields: str) -> dict[str, str]:  # noqa: ANN001
    return {
        "title": source.title,
        "slug": source.slug,
        "kind": source.kind,
        "published_on": source.published_on.isoformat(),
        "url": source.url,
        "full_text": source.full_text,
        "addressees-TOTAL_FORMS": "0",
        "addressees-INITIAL_FORMS": "0",
        "addressees-MIN_NUM_FORMS": "0",
        "addressees-MAX_NUM_FORMS": "1000",
        **fields,
    }


def test_an_editor_cannot_change_a_source_that_published_incidents_cite(
    editor: Client, reviewer: Client
) -> None:
    source = ready(status="published").citations.get().source
    url = reverse("admin:incidents_source_change", args=[source.pk])
    assert editor.post(url, source_data(source, full_text="Invented.")).status_code == 403
    source.refresh_from_db()
    assert source.full_text == "Ales Bialiatski was searched."
    assert reviewer.post(url, source_data(source, title="Corrected title")).status_code == 302


def test_an_editor_may_change_a_source_only_drafts_cite(editor: Client) -> None:
    source = ready(status="draft").citations.get().source
    url = reverse("admin:incidents_source_change", args=[source.pk])
    assert editor.post(url, source_data(source, title="Better title")).status_code == 302


def person_data(person: Person, **fields: str) -> dict[str, str]:
    management = {}
    for prefix in ("aliases", "affiliations"):
        management |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return {
        "name": person.name,
        "slug": person.slug,
        "description": person.description,
        **({"identity_protected": "on"} if person.identity_protected else {}),
        **management,
        **fields,
    }


def test_an_editor_cannot_unprotect_or_rename_a_protected_person(editor: Client) -> None:
    person = PersonFactory(name="Secret Name", identity_protected=True)
    url = reverse("admin:incidents_person_change", args=[person.pk])
    data = person_data(person, name="Other Name")
    data.pop("identity_protected")
    assert editor.post(url, data).status_code == 403
    person.refresh_from_db()
    assert (person.name, person.identity_protected) == ("Secret Name", True)


def test_an_editor_may_protect_a_person(editor: Client) -> None:
    person = PersonFactory(name="At Risk")
    url = reverse("admin:incidents_person_change", args=[person.pk])
    assert editor.post(url, person_data(person, identity_protected="on")).status_code == 302
    person.refresh_from_db()
    assert person.identity_protected


def test_former_names_of_a_protected_person_stay_withheld(anonymous: Client) -> None:
    person = PersonFactory(name="First Name", identity_protected=True)
    alias = person.aliases.create(name="Old Alias")
    source = SourceFactory(full_text="First Name and Old Alias were searched.")
    incident = IncidentFactory(person=person)
    CitationFactory(
        incident=incident, source=source, excerpt="First Name and Old Alias were searched."
    )
    person.name = "Second Name"
    person.save()
    alias.delete()
    page = anonymous.get(incident.get_absolute_url()).content.decode()
    assert "[name withheld] and [name withheld] were searched." in page
