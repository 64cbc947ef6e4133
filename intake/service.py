"""Intake against the database: proposals with their records and existing
incidents, and the one transaction that records what staff ticked.

- `propose_report(text, date, language)`: the pipeline (`proposals.propose`)
  with the names engine (`recognise.DatabaseRecogniser`); each proposal whose
  kind, subject and date are already recorded gets `existing_incident`;
- `create(report, chosen, user)`: the report as a `Source`, the new people and
  organizations, the ticked proposals as drafts (never published), and the
  report as a citation of the existing incidents, all or nothing. An editor's
  citation of a published incident waits for a reviewer (`PendingCitation`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from incidents.models import Citation, City, Incident, Organization, Person, Source
from incidents.names import name_key
from incidents.workflow import can_publish

from .models import PendingCitation, Report
from .proposals import Proposal, Proposals, propose
from .recognise import DatabaseRecogniser

__all__ = ["Chosen", "Outcome", "ReportData", "create", "existing_incident", "propose_report"]


def existing_incident(
    kind: str, date: dt.date | None, person: str | None, organization: str | None
) -> int | None:
    """The id of an incident already recorded with this kind, subject and date.

    The subject is the person when there is one, else the organization."""
    if date is None or not (person or organization):
        return None
    qs = Incident.objects.filter(kind=kind, date=date)
    if person:
        qs = qs.filter(person__slug=person)
    else:
        qs = qs.filter(person__isnull=True, organization__slug=organization)
    return qs.order_by("pk").values_list("pk", flat=True).first()


def _subject(p: Proposal) -> tuple[str | None, str | None]:
    person = p.person.match if p.person else None
    organization = p.organization.match if p.organization else None
    if p.person is not None:
        return person, None  # a person's incident: the person decides
    return None, organization


def propose_report(text: str, date: dt.date, language: str | None = None) -> Proposals:
    """The incidents `text` reports, with known records and existing incidents."""
    found = propose(text, date, language, DatabaseRecogniser())
    for p in found.proposals:
        person, organization = _subject(p)
        if p.person is not None and person is None:
            continue  # a new person has no incidents yet
        p.existing_incident = existing_incident(p.kind, p.date, person, organization)
    return found


@dataclass
class ReportData:
    """The report as staff described it."""

    text: str
    title: str
    date: dt.date
    kind: str = Source.Kind.REPORT
    url: str = ""
    language: str = ""
    signatories: list[Organization] = field(default_factory=list)


@dataclass
class Chosen:
    """One ticked proposal, as the review left it."""

    kind: str
    date: dt.date
    excerpt: str
    person: Person | None = None
    new_person: str = ""
    organization: Organization | None = None
    new_organization: str = ""
    city: City | None = None
    existing: Incident | None = None


@dataclass
class Outcome:
    report: Report
    source: Source
    created: list[Incident]
    cited: list[Incident]
    pending: list[PendingCitation]


def _cite(
    incident: Incident, source: Source, excerpt: str, user: Any, pending: list[PendingCitation]
) -> bool:
    """Cite `source` for `incident`: at once, or awaiting a reviewer when the
    incident is published and the user cannot publish. True when cited at once."""
    if incident.status == Incident.Status.PUBLISHED and not can_publish(user):
        pending.append(
            PendingCitation.objects.create(
                incident=incident, source=source, excerpt=excerpt, created_by=user
            )
        )
        return False
    Citation.objects.get_or_create(incident=incident, source=source, excerpt=excerpt)
    return True


@transaction.atomic
def create(report: ReportData, chosen: list[Chosen], user: Any, proposed: int = 0) -> Outcome:
    """Record the report and what was ticked, all or nothing (see the module)."""
    source = Source.objects.create(
        title=report.title,
        kind=report.kind,
        published_on=report.date,
        url=report.url,
        full_text=report.text,
    )
    source.signatories.set(report.signatories)
    new_people: dict[str, Person] = {}
    new_orgs: dict[str, Organization] = {}
    created: list[Incident] = []
    cited: list[Incident] = []
    pending: list[PendingCitation] = []
    author = user if getattr(user, "pk", None) else None
    for c in chosen:
        person = c.person
        if person is None and c.new_person.strip():
            key = name_key(c.new_person)
            if key not in new_people:
                new_people[key] = Person.objects.create(
                    name=c.new_person.strip(), created_by=author
                )
            person = new_people[key]
        organization = c.organization
        if organization is None and c.new_organization.strip():
            key = name_key(c.new_organization)
            if key not in new_orgs:
                new_orgs[key] = Organization.objects.create(
                    name=c.new_organization.strip(), created_by=author
                )
            organization = new_orgs[key]
        incident = c.existing
        if incident is None:
            candidate = Incident(kind=c.kind, date=c.date, person=person, organization=organization)
            incident = candidate.duplicates().first()
        if incident is not None:
            if _cite(incident, source, c.excerpt, author, pending):
                cited.append(incident)
            continue
        incident = Incident.objects.create(
            kind=c.kind,
            date=c.date,
            person=person,
            organization=organization,
            city=c.city,
            status=Incident.Status.DRAFT,
            created_by=author,
        )
        Citation.objects.create(incident=incident, source=source, excerpt=c.excerpt)
        created.append(incident)
    record = Report.objects.create(
        source=source,
        language=report.language,
        proposed=proposed,
        created=len(created),
        cited=len(cited),
        pending=len(pending),
        created_by=author,
    )
    return Outcome(record, source, created, cited, pending)
