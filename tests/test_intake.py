"""Statement intake: a report in, proposed incidents out, drafts recorded in
one step (intake/), its figures measured against the seed statement and two
reports written for these tests, and the incident form's walk-through fixes."""

from __future__ import annotations

import datetime as dt
import io
import json
from io import StringIO
from pathlib import Path
from typing import Any

import docx
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from incidents.models import (
    Citation,
    City,
    CityKey,
    Incident,
    Organization,
    OrganizationKey,
    Person,
    PersonKey,
    Source,
)
from intake import dates, kinds, language
from intake.measure import file_truth, fixture_truth, score
from intake.memory import MemoryRecogniser
from intake.models import PendingCitation
from intake.proposals import propose
from intake.service import propose_report

from .factories import CityFactory, IncidentFactory, PersonFactory, SourceFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
STATEMENT = ROOT / "fixtures" / "sources" / "joint-statement-2021-07-14.txt"
FIXTURE = ROOT / "fixtures" / "statement.json"
DATA = ROOT / "tests" / "data" / "intake"
RAID_DAY = dt.date(2021, 7, 14)
ADD = reverse("admin:intake_report_add")
REPORTS = {
    "ru": ("ru-2021-07-16", dt.date(2021, 7, 16)),
    "be": ("be-2021-07-20", dt.date(2021, 7, 20)),
}


@pytest.fixture
def seeded(db: None) -> None:
    """The seed statement's records, with the names engine's spelling keys."""
    call_command("loaddata", "statement", verbosity=0)
    PersonKey.rebuild(Person.objects.all())
    OrganizationKey.rebuild(Organization.objects.all())
    CityKey.rebuild(City.objects.all())


@pytest.fixture
def statement() -> str:
    return STATEMENT.read_text(encoding="utf-8")


@pytest.fixture
def idle_staff(db: None) -> Client:
    """Staff, but in no group: may not add incidents."""
    client = Client()
    client.force_login(UserFactory(username="idle", is_staff=True))
    return client


# --- The pipeline, measured --------------------------------------------------------


def test_it_proposes_the_seed_statement_as_the_fixture_records_it(
    seeded: None, statement: str
) -> None:
    found = propose_report(statement, RAID_DAY)
    result = score(found.proposals, fixture_truth(FIXTURE))
    print(f"seed statement ({found.language}): {result}")  # the figures, with -s
    assert found.language == "en"
    assert result.recall >= 0.95, result.missed
    assert result.precision >= 0.9, result.extra
    # Every known person is matched to their record.
    people = set(Person.objects.values_list("slug", flat=True))
    named = [p.person for p in found.proposals if p.person is not None]
    assert named and all(n.match in people for n in named), [n for n in named if not n.match]


def test_it_quotes_each_sentence_verbatim(seeded: None, statement: str) -> None:
    found = propose_report(statement, RAID_DAY)
    assert found.proposals
    for p in found.proposals:
        assert statement[p.excerpt.start : p.excerpt.end] == p.excerpt.text
    excerpts = {p.excerpt.text for p in found.proposals}
    fixture_excerpts = {
        o["fields"]["excerpt"]
        for o in json.loads(FIXTURE.read_text(encoding="utf-8"))
        if o["model"] == "incidents.citation"
    }
    assert excerpts <= fixture_excerpts | {e for e in excerpts if e in statement}
    assert len(excerpts & fixture_excerpts) >= 8


@pytest.mark.parametrize("lang", list(REPORTS))
def test_it_proposes_reports_in_russian_and_belarusian(seeded: None, lang: str) -> None:
    name, date = REPORTS[lang]
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    found = propose_report(text, date)
    result = score(found.proposals, file_truth(DATA / f"{name}.expected.json"))
    print(f"{name} ({found.language}): {result}; missed {result.missed}; extra {result.extra}")
    assert found.language == lang
    assert result.recall >= 0.9, result.missed
    assert result.precision >= 0.9, result.extra


def test_it_marks_what_is_already_recorded(seeded: None, statement: str) -> None:
    found = propose_report(statement, RAID_DAY)
    lapta = next(p for p in found.proposals if p.person and p.person.match == "alyona-lapta")
    recorded = Incident.objects.get(person__slug="alyona-lapta", kind="search")
    assert lapta.existing_incident == recorded.pk
    new = propose_report("Alyona Lapta was detained on 2 June 2021.", dt.date(2021, 6, 3))
    assert [(p.kind, p.date, p.existing_incident) for p in new.proposals] == [
        ("detention", dt.date(2021, 6, 2), None)
    ]


def test_it_offers_likely_people_but_never_chooses_one_silently(db: None) -> None:
    first, second = PersonFactory(name="Anna Ivanova"), PersonFactory(name="Anna Ivanova")
    PersonKey.rebuild(Person.objects.all())
    found = propose_report("Anna Ivanova was detained in the morning.", RAID_DAY)
    (p,) = found.proposals
    assert p.person is not None
    assert p.person.match is None
    assert set(p.person.candidates) == {first.slug, second.slug}


def test_it_finds_people_in_any_case_and_script(seeded: None) -> None:
    found = propose_report(
        "Сегодня задержали Владимира Лабковича и Валентина Стефановича в Гродно.", RAID_DAY
    )
    assert [
        (p.kind, p.person and p.person.match, p.city and p.city.match) for p in found.proposals
    ] == [
        ("detention", "vladimir-labkovich", "hrodna"),
        ("detention", "valentin-stefanovich", "hrodna"),
    ]


def test_it_gives_one_proposal_per_person_and_kind() -> None:
    recogniser = MemoryRecogniser.from_records(
        {
            "people": [
                {"slug": s, "name": n} for s, n in [("a", "Ivan Ivanov"), ("b", "Petr Petrov")]
            ]
        }
    )
    found = propose(
        "Ivan Ivanov and Petr Petrov were searched and detained.", RAID_DAY, "en", recogniser
    )
    assert sorted((p.kind, p.person.match if p.person else None) for p in found.proposals) == [
        ("detention", "a"),
        ("detention", "b"),
        ("search", "a"),
        ("search", "b"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Police raided the office.", "search"),
        ("В квартире прошёл обыск.", "search"),
        ("У кватэры прайшоў ператрус.", "search"),
        ("У квартирі провели обшук.", "search"),
        ("He was taken away by men in plain clothes.", "detention"),
        ("Вчера его задержали.", "detention"),
        ("Яго затрымалі ўчора.", "detention"),
        ("Його затримали вчора.", "detention"),
        ("She can't be reached since Monday.", "disappearance"),
        ("His whereabouts are unknown.", "disappearance"),
        ("Он не выходит на связь.", "disappearance"),
        ("Він не виходить на зв'язок.", "disappearance"),
    ],
)
def test_it_reads_the_kind_from_the_wording(sentence: str, kind: str) -> None:
    assert kinds.kinds(sentence) == {kind}


def test_it_reads_no_kind_from_counts_and_negations() -> None:
    assert kinds.kinds("Almost 40,000 people have been detained since August.") == set()
    assert kinds.kinds("He was not detained.") == set()


def test_it_reads_the_date_a_sentence_gives() -> None:
    report = dt.date(2021, 7, 14)
    assert dates.sentence_date("He was detained on July 8.", "en", report) == dt.date(2021, 7, 8)
    assert dates.sentence_date("Задержан 23 мая.", "ru", report) == dt.date(2021, 5, 23)
    assert dates.sentence_date("Searched on 14.07.2021.", "en", report) == report


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Security forces searched the homes of human rights defenders today.", "en"),
        ("Сегодня силовики провели обыски у правозащитников и журналистов.", "ru"),
        ("Сёння сілавікі правялі ператрусы ў праваабаронцаў і журналістаў.", "be"),
        ("Сьогодні силовики провели обшуки у правозахисників і журналістів.", "uk"),
    ],
)
def test_it_detects_the_language(text: str, lang: str) -> None:
    assert language.detect(text) == lang


# --- The command ---------------------------------------------------------------------


def run_intake(*args: str) -> str:
    out = StringIO()
    call_command("intake", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_prints_the_contracts_json_and_writes_nothing(seeded: None) -> None:
    counts = (Incident.objects.count(), Source.objects.count(), Citation.objects.count())
    out = run_intake(str(STATEMENT), "--title", "Statement", "--date", "2021-07-14", "--json")
    data = json.loads(out)
    assert set(data) == {"language", "proposals"}
    assert data["language"] == "en"
    keys = {"kind", "date", "person", "organization", "city", "excerpt", "existing_incident"}
    assert all(set(p) == keys for p in data["proposals"])
    lapta = next(
        p for p in data["proposals"] if p["person"] and p["person"]["name"] == "Alyona Lapta"
    )
    assert lapta["person"] == {
        "name": "Alyona Lapta",
        "match": "alyona-lapta",
        "candidates": ["alyona-lapta"],
    }
    assert isinstance(lapta["existing_incident"], int)
    assert (Incident.objects.count(), Source.objects.count(), Citation.objects.count()) == counts


def test_it_creates_drafts_and_holds_citations_of_published_incidents(
    seeded: None, tmp_path: Path
) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "Alyona Lapta was searched on 14 July 2021. Ivan Sidorenko was detained in Minsk.",
        encoding="utf-8",
    )
    before = Incident.objects.count()
    run_intake(str(report), "--title", "Second report", "--date", "2021-07-15", "--create")
    source = Source.objects.get(title="Second report")
    assert source.full_text.startswith("Alyona Lapta")
    new = Incident.objects.exclude(status=Incident.Status.PUBLISHED)
    assert Incident.objects.count() == before + 1
    (incident,) = new
    assert (incident.kind, incident.person.name, incident.city.slug, incident.status) == (
        "detention",
        "Ivan Sidorenko",
        "minsk",
        Incident.Status.DRAFT,
    )
    assert incident.citations.get().source == source
    # Lapta's search is published: the new citation waits for a reviewer.
    pending = PendingCitation.objects.get()
    assert pending.incident.person.slug == "alyona-lapta"
    assert not Citation.objects.filter(source=source, incident=pending.incident).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "14.07.2021"], "--date"),
        (["--date", "2021-07-14", "--title", " "], "--title"),
    ],
)
def test_it_refuses_bad_arguments(db: None, args: list[str], message: str) -> None:
    argv = [str(STATEMENT), "--title", "T", *args]
    with pytest.raises(CommandError, match=message):
        run_intake(*argv)


def test_it_refuses_a_file_it_cannot_read(db: None, tmp_path: Path) -> None:
    bad = tmp_path / "report.exe"
    bad.write_bytes(b"MZ")
    with pytest.raises(CommandError):
        run_intake(str(bad), "--title", "T", "--date", "2021-07-14")


# --- The admin ------------------------------------------------------------------------


def report_post(**fields: Any) -> dict[str, Any]:
    return {
        "step": "propose",
        "text": "",
        "title": "Report",
        "date": "15.07.2021",
        "kind": "report",
        "url": "",
        "language": "",
        **fields,
    }


def review_post(response: Any, **changes: Any) -> dict[str, Any]:
    """What the review page posts when its button is pressed as it stands."""
    data: dict[str, Any] = {"step": "create"}
    for field in response.context["report"]:
        value = field.value()
        if field.name == "signatories":
            data[field.name] = [str(getattr(v, "pk", v)) for v in value or []]
        elif isinstance(value, dt.date):
            data[field.name] = value.isoformat()
        else:
            data[field.name] = "" if value is None else str(value)
    formset = response.context["formset"]
    for name, value in formset.management_form.initial.items():
        data[f"p-{name}"] = str(value)
    for form in formset.forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            key = form.add_prefix(name)
            if name == "use":
                if value:
                    data[key] = "on"
            elif isinstance(value, dt.date):
                data[key] = value.isoformat()
            else:
                data[key] = "" if value is None else str(value)
    data.update(changes)
    return data


def test_it_asks_the_anonymous_to_log_in(anonymous: Client, outsider: Client) -> None:
    for client in (anonymous, outsider):
        response = client.get(ADD)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_it_refuses_staff_who_may_not_add_incidents(idle_staff: Client) -> None:
    assert idle_staff.get(ADD).status_code == 403
    assert idle_staff.post(ADD, report_post(text="Ivan was detained.")).status_code == 403


def test_it_answers_a_wrong_method_with_405(editor: Client) -> None:
    assert editor.put(ADD).status_code == 405
    assert editor.delete(ADD).status_code == 405


def test_it_shows_the_form_with_the_new_kind_of_source(editor: Client) -> None:
    response = editor.get(ADD)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="file"' in html and 'name="text"' in html
    assert "Report by an organization" in html


@pytest.mark.parametrize(
    ("fields", "error_on"),
    [
        ({"text": "  "}, "text"),
        ({"text": "Ivan Ivanov was detained.", "date": "2999-01-01"}, "date"),
        ({"text": "Ivan Ivanov was detained.", "date": "yesterday"}, "date"),
        ({"text": "Ivan Ivanov was detained.", "title": ""}, "title"),
        ({"text": "Ivan Ivanov was detained.", "url": "not a url"}, "url"),
    ],
)
def test_it_answers_bad_input_with_a_form_error(
    editor: Client, fields: dict[str, str], error_on: str
) -> None:
    response = editor.post(ADD, report_post(**fields))
    assert response.status_code == 400
    assert error_on in response.context["form"].errors


def test_it_refuses_a_file_of_another_kind(editor: Client) -> None:
    upload = SimpleUploadedFile(
        "report.exe", b"MZ\x00\x00", content_type="application/x-msdownload"
    )
    response = editor.post(ADD, report_post(file=upload))
    assert response.status_code == 400
    assert "file" in response.context["form"].errors


def test_it_reads_an_uploaded_html_report(seeded: None, editor: Client) -> None:
    page = (
        b"<html><body><p>Alyona Lapta was detained in Brest.</p><script>x()</script></body></html>"
    )
    upload = SimpleUploadedFile("report.html", page, content_type="text/html")
    response = editor.post(ADD, report_post(file=upload))
    assert response.status_code == 200
    (form,) = response.context["formset"].forms
    assert form.initial["excerpt"] == "Alyona Lapta was detained in Brest."
    assert form.initial["person"] == Person.objects.get(slug="alyona-lapta").pk


def test_it_logs_a_statement_in_two_posts_as_drafts(
    seeded: None, editor: Client, statement: str
) -> None:
    text = statement + "\nMarina Kovaleva was detained in Brest on 13 July.\n"
    response = editor.post(
        ADD, report_post(text=text, title="Joint statement, again", date="14.07.2021")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark" in html
    assert "Report of 14 July 2021" in html  # the day-first date, shown back in words
    forms = response.context["formset"].forms
    assert len(forms) >= 30
    published = Incident.objects.filter(status=Incident.Status.PUBLISHED).count()
    response = editor.post(ADD, review_post(response))
    assert response.status_code == 302
    source = Source.objects.get(title="Joint statement, again")
    assert (
        response["Location"]
        == f"{reverse('admin:incidents_incident_changelist')}?source={source.pk}"
    )
    # The one new event is a draft, with its new person; the others are recorded
    # and published, so the editor's citations of them wait for a reviewer.
    new = Incident.objects.get(person__name="Marina Kovaleva")
    assert (new.status, new.kind, new.date, new.city.slug) == (
        "draft",
        "detention",
        dt.date(2021, 7, 13),
        "brest",
    )
    assert new.created_by == editor.user  # type: ignore[attr-defined]
    assert Incident.objects.filter(status=Incident.Status.PUBLISHED).count() == published
    assert PendingCitation.objects.filter(source=source).count() == len(forms) - 1
    assert not Citation.objects.filter(source=source).exclude(incident=new).exists()
    # The list narrowed to the source shows the batch.
    listed = editor.get(response["Location"])
    assert list(listed.context["cl"].result_list) == [new]


def test_a_reviewer_accepts_a_held_citation(seeded: None, editor: Client, reviewer: Client) -> None:
    text = "Alyona Lapta was searched."
    response = editor.post(ADD, report_post(text=text, date="14.07.2021"))
    editor.post(ADD, review_post(response))
    pending = PendingCitation.objects.get()
    changelist = reverse("admin:intake_pendingcitation_changelist")
    action = {"action": "accept", "_selected_action": [str(pending.pk)]}
    editor.post(changelist, action)  # an editor cannot accept
    assert PendingCitation.objects.exists()
    reviewer.post(changelist, action)
    assert not PendingCitation.objects.exists()
    assert Citation.objects.filter(
        incident=pending.incident, source=pending.source, excerpt=text
    ).exists()


def test_it_saves_nothing_when_one_proposal_is_wrong(seeded: None, editor: Client) -> None:
    text = "Ivan Sidorenko was detained in Minsk. Petr Sidorenko was searched in Brest."
    response = editor.post(ADD, report_post(text=text))
    counts = (Incident.objects.count(), Source.objects.count(), Person.objects.count())
    bad = review_post(response, **{"p-1-excerpt": "Words the report never said."})
    response = editor.post(ADD, bad)
    assert response.status_code == 400
    assert "excerpt" in response.context["formset"].forms[1].errors
    assert (Incident.objects.count(), Source.objects.count(), Person.objects.count()) == counts


def test_it_leaves_out_what_is_unticked_and_takes_corrections(seeded: None, editor: Client) -> None:
    text = "Ivan Sidorenko was detained in Minsk. Petr Sidorenko was searched in Brest."
    response = editor.post(ADD, report_post(text=text))
    data = review_post(response, **{"p-0-kind": "disappearance", "p-0-date": "13.07.2021"})
    del data["p-1-use"]
    assert editor.post(ADD, data).status_code == 302
    (incident,) = Incident.objects.filter(status=Incident.Status.DRAFT)
    assert (incident.kind, incident.date, incident.person.name) == (
        "disappearance",
        dt.date(2021, 7, 13),
        "Ivan Sidorenko",
    )
    assert not Person.objects.filter(name="Petr Sidorenko").exists()


def test_a_reviewers_batch_is_drafts_too(db: None, reviewer: Client) -> None:
    response = reviewer.post(ADD, report_post(text="Ivan Sidorenko was detained in the evening."))
    reviewer.post(ADD, review_post(response))
    assert list(Incident.objects.values_list("status", flat=True)) == ["draft"]


def test_it_refuses_a_review_whose_report_was_lost(editor: Client) -> None:
    response = editor.post(ADD, {"step": "create", "p-TOTAL_FORMS": "0", "p-INITIAL_FORMS": "0"})
    assert response.status_code == 400
    assert not Source.objects.exists()


# --- The incident form: what the walk-through found --------------------------------------


def incident_post(**fields: str) -> dict[str, str]:
    return {
        "kind": "search",
        "date": "2021-07-14",
        "person": "",
        "organization": "",
        "city": "",
        "summary": "",
        "status": "draft",
        "staff_notes": "",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        **fields,
    }


INCIDENT_ADD = reverse("admin:incidents_incident_add")


def test_it_carries_no_city_from_the_incident_before(editor: Client) -> None:
    city = CityFactory()
    carried = f"{INCIDENT_ADD}?kind=detention&date=2021-07-14&city={city.pk}"
    response = editor.post(
        carried, incident_post(kind="detention", person=str(PersonFactory().pk), _addanother="1")
    )
    assert response.status_code == 302
    assert "city" not in response["Location"]
    assert response["Location"] == f"{INCIDENT_ADD}?kind=detention&date=2021-07-14"


def test_it_accepts_day_first_dates(editor: Client) -> None:
    for written, person in (("14.07.2021", PersonFactory()), ("14/07/2021", PersonFactory())):
        response = editor.post(INCIDENT_ADD, incident_post(date=written, person=str(person.pk)))
        assert response.status_code == 302, written
        assert Incident.objects.get(person=person).date == dt.date(2021, 7, 14)


def test_it_shows_an_ambiguous_date_back_in_words_before_saving(editor: Client) -> None:
    person = PersonFactory()
    response = editor.post(INCIDENT_ADD, incident_post(date="05/07/2021", person=str(person.pk)))
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["date"]
    assert "5 July 2021" in error
    assert not Incident.objects.exists()
    assert 'name="date_confirmed" value="05/07/2021"' in response.content.decode()
    again = incident_post(date="05/07/2021", person=str(person.pk), date_confirmed="05/07/2021")
    assert editor.post(INCIDENT_ADD, again).status_code == 302
    assert Incident.objects.get().date == dt.date(2021, 7, 5)


def test_the_list_narrows_to_a_source_and_to_my_drafts(editor: Client, reviewer: Client) -> None:
    source = SourceFactory()
    cited = IncidentFactory(status=Incident.Status.DRAFT)
    Citation.objects.create(incident=cited, source=source, excerpt="Searches took place.")
    mine = IncidentFactory(status=Incident.Status.DRAFT, created_by=editor.user)  # type: ignore[attr-defined]
    IncidentFactory(status=Incident.Status.DRAFT, created_by=reviewer.user)  # type: ignore[attr-defined]
    changelist = reverse("admin:incidents_incident_changelist")

    def listed(query: str) -> list[Incident]:
        response = editor.get(f"{changelist}?{query}")
        assert response.status_code == 200
        return list(response.context["cl"].result_list)

    assert listed(f"source={source.pk}") == [cited]
    assert listed("source=x") == []
    assert listed("created_by=me&status__exact=draft") == [mine]
    assert "?created_by=me" in editor.get(changelist).content.decode()


def test_the_incident_form_shows_the_sources_text(editor: Client) -> None:
    source = SourceFactory(full_text="Ivan Ivanov was detained in Brest on 2 May.")
    html = editor.get(f"{INCIDENT_ADD}?source={source.pk}").content.decode()
    assert "Ivan Ivanov was detained in Brest on 2 May." in html
    assert "Text of the source" in html


def test_the_editors_group_can_take_reports_in(db: None) -> None:
    user = UserFactory(username="newcomer", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    assert client.get(ADD).status_code == 200


def test_it_reads_an_uploaded_word_document(db: None, editor: Client) -> None:
    document = docx.Document()
    document.add_paragraph("Ivan Sidorenko was detained in the morning.")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("report.docx", buffer.getvalue())
    response = editor.post(ADD, report_post(file=upload))
    assert response.status_code == 200
    (form,) = response.context["formset"].forms
    assert form.initial["new_person"] == "Ivan Sidorenko"


def _one_page_pdf(line: str) -> bytes:
    """A minimal PDF of one page with one line of text (Helvetica)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_it_reads_an_uploaded_pdf(db: None, editor: Client) -> None:
    upload = SimpleUploadedFile(
        "report.pdf", _one_page_pdf("Ivan Sidorenko was detained in the morning.")
    )
    response = editor.post(ADD, report_post(file=upload))
    assert response.status_code == 200
    (form,) = response.context["formset"].forms
    assert form.initial["new_person"] == "Ivan Sidorenko"


def test_a_file_that_is_not_a_pdf_is_a_form_error(db: None, editor: Client) -> None:
    upload = SimpleUploadedFile("report.pdf", b"not a pdf at all")
    response = editor.post(ADD, report_post(file=upload))
    assert response.status_code in (200, 400)
    assert "formset" not in response.context or not response.context["formset"]
    assert "is not a PDF file" in response.content.decode()


def test_the_lists_of_reports_and_held_citations_open_for_staff_only(
    editor: Client, idle_staff: Client
) -> None:
    for name in ("admin:intake_report_changelist", "admin:intake_pendingcitation_changelist"):
        assert editor.get(reverse(name)).status_code == 200
        assert idle_staff.get(reverse(name)).status_code == 403
