"""`manage.py intake FILE --title TITLE --date YYYY-MM-DD [--language en|be|ru|uk]
[--json] [--create]` (docs/contracts.md): the incidents a report proposes.

Without --create nothing is written. --create records the report as a Source,
the new proposals as drafts (never published) with the people the report names
for the first time, and the report as a citation of incidents already recorded.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from incidents.models import City, Incident, Organization, Person

from ...files import read_report
from ...language import LANGUAGES
from ...proposals import Proposal
from ...service import Chosen, ReportData, create, propose_report


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date: {value!r} is not a date as YYYY-MM-DD.") from None


def chosen_from(proposals: list[Proposal]) -> list[Chosen]:
    """Every proposal, as the command takes it: known records as matched, an
    unknown person as new, under their name in nominative."""
    people = {p.slug: p for p in Person.objects.filter(slug__in=_slugs(proposals, "person"))}
    orgs = {
        o.slug: o for o in Organization.objects.filter(slug__in=_slugs(proposals, "organization"))
    }
    cities = {c.slug: c for c in City.objects.filter(slug__in=_slugs(proposals, "city"))}
    existing = Incident.objects.in_bulk(
        [p.existing_incident for p in proposals if p.existing_incident]
    )
    out = []
    for p in proposals:
        if p.date is None:
            continue
        person = people.get(p.person.match or "") if p.person else None
        org = orgs.get(p.organization.match or "") if p.organization else None
        out.append(
            Chosen(
                kind=p.kind,
                date=p.date,
                excerpt=p.excerpt.text,
                person=person,
                new_person=p.person.nominative if p.person and person is None else "",
                organization=org,
                city=cities.get(p.city.match or "") if p.city else None,
                existing=existing.get(p.existing_incident) if p.existing_incident else None,
            )
        )
    return out


def _slugs(proposals: list[Proposal], what: str) -> list[str]:
    names = [getattr(p, what) for p in proposals]
    return [n.match for n in names if n is not None and n.match]


class Command(BaseCommand):
    help = "Propose the incidents a report describes (and with --create, record them as drafts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The report: .txt, .html, .docx or .pdf.")
        parser.add_argument("--title", required=True)
        parser.add_argument("--date", required=True, type=str, help="YYYY-MM-DD")
        parser.add_argument("--language", choices=LANGUAGES)
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--create", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        date = _date(options["date"])
        if not options["title"].strip():
            raise CommandError("--title: give the report's title.")
        try:
            text = read_report(path.name, path.read_bytes())
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        found = propose_report(text, date, options["language"])
        if options["json"]:
            self.stdout.write(json.dumps(found.to_json(), ensure_ascii=False, indent=1))
        else:
            self.stdout.write(f"language: {found.language}")
            for p in found.proposals:
                subject = p.person or p.organization
                where = f" in {p.city.name}" if p.city else ""
                known = f" [{subject.match}]" if subject and subject.match else " [new]"
                cite = f" (recorded: #{p.existing_incident})" if p.existing_incident else ""
                self.stdout.write(
                    f"{p.date} {p.kind}: {subject.name if subject else '?'}{known}{where}{cite}"
                )
        if options["create"]:
            report = ReportData(
                text=text, title=options["title"].strip(), date=date, language=found.language
            )
            outcome = create(report, chosen_from(found.proposals), None, len(found.proposals))
            message = (
                f"Source {outcome.source.slug}: {len(outcome.created)} draft incidents created, "
                f"{len(outcome.cited)} existing incidents cited, "
                f"{len(outcome.pending)} citations awaiting a reviewer."
            )
            (self.stderr if options["json"] else self.stdout).write(message)
