"""The editorial workflow: draft -> review -> published, and back.

Nothing is published without a reviewer: only a user with the publish
permission (the Reviewers group, superusers) publishes or unpublishes, and only
an incident with a public summary that names no protected person and at least
one citation whose excerpt stands in its source. Intake and imports only ever
make drafts.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .models import Incident, Person
from .redaction import Redactor

PUBLISH_PERMISSION = "incidents.publish_incident"


def can_publish(user: Any) -> bool:
    return bool(user and user.has_perm(PUBLISH_PERMISSION))


def summary_problems(summary: str) -> list[str]:
    """A public summary must exist and must not name a protected person, in any
    spacing or case (the matcher that redacts public text)."""
    if not summary.strip():
        return [_("It needs a public summary.")]
    if Redactor(Person.objects.protected_names()).finds(summary):
        return [_("The summary names a person whose identity is protected.")]
    return []


def publication_problems(incident: Incident) -> list[str]:
    """Why `incident` cannot be published yet (empty: it can)."""
    problems = summary_problems(incident.summary)
    citations = list(incident.citations.select_related("source"))
    if not citations:
        problems.append(_("It needs at least one citation of its source."))
    for citation in citations:
        if citation.excerpt_in_source is False:
            problems.append(
                _("The excerpt cited from “%(source)s” is not in its full text.")
                % {"source": citation.source.public_title or citation.source.title}
            )
    return problems


def submit_for_review(incident: Incident) -> None:
    if incident.status == Incident.Status.DRAFT:
        incident.status = Incident.Status.REVIEW
        incident.save()


def return_to_draft(incident: Incident, user: Any) -> None:
    if incident.status == Incident.Status.PUBLISHED and not can_publish(user):
        raise PermissionDenied(_("Only a reviewer can unpublish an incident."))
    incident.status = Incident.Status.DRAFT
    incident.save()


def publish(incident: Incident, user: Any) -> None:
    if not can_publish(user):
        raise PermissionDenied(_("Only a reviewer can publish an incident."))
    problems = publication_problems(incident)
    if problems:
        raise ValidationError(problems)
    incident.status = Incident.Status.PUBLISHED
    incident.save()
