"""Merging duplicates: one person (organization, city) recorded twice becomes one.

A reviewer merges a duplicate into the record to keep: its incidents (and so
their citations), affiliations, aliases and, for an organization, its branches
and the sources it signed move to the kept record; the merged name becomes an
alias; a protected person stays protected (the kept record becomes protected
if either was); every change is a save, so the history records it; and the
merged record's old public address answers 301 to the kept one (a slug that
spells a name never leads to a protected person's page). `undo` puts it all
back, the merged record with its own id, slug and public identifier.

Two incidents that would clash (same kind, day and subject once merged) stop
the merge with a message naming them: they are one event recorded twice, and
a person decides which to keep.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Affiliation,
    City,
    Incident,
    Merge,
    OldAddress,
    Organization,
    Person,
    PersonAlias,
    Source,
)
from .redaction.public import public_redactor

FIELDS = {
    "person": [
        "name",
        "slug",
        "public_id",
        "description",
        "identity_protected",
        "former_names",
        "created_by",
    ],
    "organization": [
        "name",
        "slug",
        "public_id",
        "kind",
        "parent",
        "city",
        "description",
        "created_by",
    ],
    "city": ["name", "slug", "country", "region", "latitude", "longitude"],
}


def clashes(kept: Any, merged: Any) -> list[tuple[Incident, Incident]]:
    """Pairs of incidents that would be the same incident once merged."""
    if isinstance(kept, City):
        return []
    field = "person" if isinstance(kept, Person) else "organization"
    other = "organization" if field == "person" else "person"
    mine = {
        (i.kind, i.date, getattr(i, f"{other}_id")): i
        for i in Incident.objects.filter(**{field: kept})
    }
    out = []
    for incident in Incident.objects.filter(**{field: merged}):
        twin = mine.get((incident.kind, incident.date, getattr(incident, f"{other}_id")))
        if twin is not None:
            out.append((twin, incident))
    return out


def merge(kept: Any, merged: Any, user: Any = None) -> Merge:
    """Merge `merged` into `kept` (same model); see the module docstring."""
    if type(kept) is not type(merged) or kept.pk == merged.pk:
        raise ValidationError(_("Choose two different records of the same kind to merge."))
    if isinstance(kept, Organization) and merged.pk in (kept.parent_id, *kept.with_branches()):
        raise ValidationError(_("An organization cannot be merged into one of its own branches."))
    pairs = clashes(kept, merged)
    if pairs:
        raise ValidationError(
            _(
                "These incidents would be one incident once merged: %(pairs)s. "
                "Decide which of each pair to keep, then merge again."
            )
            % {"pairs": "; ".join(f"{a} / {b}" for a, b in pairs)}
        )
    kind = kept.KIND
    with transaction.atomic():
        snapshot: dict[str, Any] = {
            "fields": {
                f: _plain(getattr(merged, f"{f}_id", getattr(merged, f, None)))
                for f in FIELDS[kind]
            },
            "aliases": [(a.name, a.language) for a in merged.aliases.all()],
            "moved": {},
        }
        moved: dict[str, list[int]] = snapshot["moved"]
        field = kind
        moved["incidents"] = []
        for incident in Incident.objects.filter(**{field: merged}).order_by("pk"):
            setattr(incident, field, kept)
            incident.save()
            moved["incidents"].append(incident.pk)
        if isinstance(kept, Person):
            snapshot["kept_was_protected"] = kept.identity_protected
            snapshot["kept_former_names"] = kept.former_names
            moved["affiliations"] = _move_affiliations(merged, kept, "person")
            kept.identity_protected = kept.identity_protected or merged.identity_protected
            kept.add_former_names([merged.name, *merged.former_names.splitlines()])
        elif isinstance(kept, Organization):
            moved["affiliations"] = _move_affiliations(merged, kept, "organization")
            moved["branches"] = list(merged.branches.values_list("pk", flat=True))
            for branch in merged.branches.all():
                branch.parent = kept
                branch.save()
            # Only those the kept one did not sign too: undo takes its signature
            # off these again.
            moved["signed"] = list(
                merged.signed_sources.exclude(signatories=kept).values_list("pk", flat=True)
            )
            for source in Source.objects.filter(pk__in=moved["signed"]):
                source.signatories.add(kept)
        else:
            moved["organizations"] = list(merged.organizations.values_list("pk", flat=True))
            for org in merged.organizations.all():
                org.city = kept
                org.save()
        kept_names = {kept.name, *kept.aliases.values_list("name", flat=True)}
        alias_model = kept.aliases.model
        owner = kept.aliases.field.name
        added = []
        for name, language in [(merged.name, ""), *snapshot["aliases"]]:
            if name not in kept_names:
                alias_model.objects.create(**{owner: kept, "name": name, "language": language})
                kept_names.add(name)
                added.append(name)
        snapshot["aliases_added"] = added
        kept.save()
        record = Merge.objects.create(
            of=kind,
            kept_id=kept.pk,
            merged_id=merged.pk,
            merged_name=merged.name,
            snapshot=snapshot,
            merged_by=user if getattr(user, "pk", None) else None,
        )
        for address in _addresses(merged):
            OldAddress.objects.create(merge=record, of=kind, slug=address)
        if isinstance(merged, Person):
            # The merged person's own aliases went to the kept one; its history stays.
            PersonAlias.objects.filter(person=merged).delete()
        merged.delete()
    return record


def undo(record: Merge, user: Any = None) -> Any:
    """Put a merge back: the merged record again, with what moved from it."""
    if record.undone_at is not None:
        raise ValidationError(_("This merge was already undone."))
    model: type[Model] = {"person": Person, "organization": Organization, "city": City}[record.of]
    snapshot = record.snapshot
    with transaction.atomic():
        kept: Any = model._default_manager.filter(pk=record.kept_id).first()
        if kept is None:
            raise ValidationError(
                _("The record this merge kept is gone (deleted or merged again): undo that first.")
            )
        taken = (
            model._default_manager.filter(slug=snapshot["fields"]["slug"]).exists()
            or model._default_manager.filter(pk=record.merged_id).exists()
        )
        if taken:
            raise ValidationError(
                _("Another record has taken this one's address since: rename it, then undo.")
            )
        fields = dict(snapshot["fields"])
        for fk in ("parent", "city", "created_by"):
            if fk in fields:
                fields[f"{fk}_id"] = fields.pop(fk)
        merged = model(pk=record.merged_id, **fields)
        merged.save()
        moved = snapshot["moved"]
        field = record.of
        for incident in Incident.objects.filter(pk__in=moved.get("incidents", [])):
            setattr(incident, field, merged)
            incident.save()
        for affiliation in Affiliation.objects.filter(pk__in=moved.get("affiliations", [])):
            setattr(affiliation, field, merged)
            affiliation.save()
        for branch in Organization.objects.filter(pk__in=moved.get("branches", [])):
            branch.parent = merged  # type: ignore[assignment]
            branch.save()
        for source in Source.objects.filter(pk__in=moved.get("signed", [])):
            source.signatories.add(merged)  # type: ignore[arg-type]
            source.signatories.remove(kept)
        for org in Organization.objects.filter(pk__in=moved.get("organizations", [])):
            org.city = merged  # type: ignore[assignment]
            org.save()
        owner = kept.aliases.field.name
        kept.aliases.filter(name__in=snapshot.get("aliases_added", [])).delete()
        for name, language in snapshot.get("aliases", []):
            kept.aliases.model.objects.get_or_create(
                **{owner: merged, "name": name}, defaults={"language": language}
            )
        # A protection stays: the kept person may have been protected since,
        # or may hold incidents of the protected person added after the merge.
        # A reviewer lifts it, if it should go, as any protection is lifted.
        if isinstance(kept, Person):
            # What the merge added to the kept person's former names goes.
            kept.former_names = snapshot.get("kept_former_names", kept.former_names)
            # (The aliases the merge added were never the kept person's own:
            # their history would keep the other person's names withheld.)
            PersonAlias.history.filter(
                person_id=kept.pk, name__in=snapshot.get("aliases_added", [])
            ).delete()
        kept.save()
        record.undone_at = timezone.now()
        record.save(update_fields=["undone_at"])
    return merged


def kept_record(record: Merge) -> Any | None:
    model = {"person": Person, "organization": Organization, "city": City}[record.of]
    return model._default_manager.filter(pk=record.kept_id).first()


def redirect_for(kind: str, slug: str) -> Any | None:
    """The record an old public address of a merged record now belongs to,
    or None: a merge not undone, and never a slug to a protected person."""
    address = (
        OldAddress.objects.filter(of=kind, slug=slug, merge__undone_at__isnull=True)
        .select_related("merge")
        .order_by("-merge__merged_at")
        .first()
    )
    if address is None:
        return None
    model = {"person": Person, "organization": Organization, "city": City}[kind]
    kept = model._default_manager.filter(pk=address.merge.kept_id).first()
    if kept is None:
        return None
    # A protected person, or an organization whose name is withheld, only by
    # the merged record's public id: a slug may spell the withheld name.
    withheld = (isinstance(kept, Person) and kept.identity_protected) or (
        isinstance(kept, Organization) and kept.name_withheld
    )
    if (withheld or public_redactor().finds_in_url(slug)) and slug != address.merge.snapshot.get(
        "fields", {}
    ).get("public_id"):
        return None
    return kept


def _addresses(record: Any) -> list[str]:
    """The public addresses of a record: its slug (not when its name is
    withheld: the public never reached it by that) and its public id."""
    out = [] if getattr(record, "name_withheld", False) else [record.slug]
    if getattr(record, "public_id", None):
        out.append(record.public_id)
    return out


def _move_affiliations(merged: Any, kept: Any, field: str) -> list[int]:
    other = "organization" if field == "person" else "person"
    have = {
        (getattr(a, f"{other}_id"), a.role) for a in Affiliation.objects.filter(**{field: kept})
    }
    moved = []
    for affiliation in Affiliation.objects.filter(**{field: merged}):
        if (getattr(affiliation, f"{other}_id"), affiliation.role) in have:
            continue  # the same affiliation: it goes with the merged record
        setattr(affiliation, field, kept)
        affiliation.save()
        moved.append(affiliation.pk)
    return moved


def _plain(value: Any) -> Any:
    """A field's value as JSON can keep it."""
    if hasattr(value, "pk"):
        return value.pk
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


__all__ = ["clashes", "merge", "redirect_for", "undo"]
