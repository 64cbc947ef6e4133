"""Keep Incident.search_text and IncidentTally current when what they are built
from changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver

from .cache import counts_changed
from .models import (
    Affiliation,
    Citation,
    City,
    CityAlias,
    Incident,
    IncidentTally,
    Organization,
    OrganizationAlias,
    Person,
    PersonAlias,
    Source,
)
from .search import ids_with_any_word


@receiver(post_save, sender=Incident, dispatch_uid="incident_search_text")
def incident_saved(sender: type, instance: Incident, **kwargs: Any) -> None:
    Incident.objects.filter(pk=instance.pk).refresh_search_text()


# --- IncidentTally: counted out of the row as stored, into the row as saved ---

_TALLY_FIELDS = ("status", "kind", "person_id", "city_id", "organization_id", "date")


def _stored(pk: Any) -> dict[str, Any] | None:
    """The row as stored, locked until the save commits (Incident.save and
    delete are atomic): a second save of the same incident waits, then reads
    what the first wrote, so an incident is never counted in or out twice."""
    if pk is None:
        return None
    return Incident.objects.select_for_update().filter(pk=pk).values(*_TALLY_FIELDS).first()


@receiver(pre_save, sender=Incident, dispatch_uid="incident_tally_before_save")
@receiver(pre_delete, sender=Incident, dispatch_uid="incident_tally_before_delete")
def incident_tally_before(sender: type, instance: Incident, **kwargs: Any) -> None:
    instance._tally_before = IncidentTally.key_of(_stored(instance.pk))


@receiver(post_save, sender=Incident, dispatch_uid="incident_tally_saved")
def incident_tally_saved(sender: type, instance: Incident, **kwargs: Any) -> None:
    after = IncidentTally.key_of({f: getattr(instance, f) for f in _TALLY_FIELDS})
    IncidentTally.move(getattr(instance, "_tally_before", None), after)


@receiver(post_delete, sender=Incident, dispatch_uid="incident_tally_deleted")
def incident_tally_deleted(sender: type, instance: Incident, **kwargs: Any) -> None:
    IncidentTally.move(getattr(instance, "_tally_before", None), None)


# --- The search index never holds a protected name -----------------------------
# When a protection or a protected person's names change, every incident that
# may hold any name they have or had is indexed again (Incident.objects.naming,
# from the person's id), with the redactor of the names protected now.


@receiver(pre_save, sender=Person, dispatch_uid="person_before_save")
def person_before_save(sender: type, instance: Person, **kwargs: Any) -> None:
    stored = None
    if instance.pk is not None and not kwargs.get("raw"):
        stored = Person.objects.filter(pk=instance.pk).values("name", "identity_protected").first()
    instance._stored = stored


@receiver(post_save, sender=Person, dispatch_uid="person_search_text")
def person_saved(sender: type, instance: Person, **kwargs: Any) -> None:
    # What was saved may hold a stale published_incidents (a form opened before
    # an incident was published, a fixture): recount it.
    Person.objects.filter(pk=instance.pk).recount()
    stored = getattr(instance, "_stored", None)
    was_protected = bool(stored and stored["identity_protected"])
    renamed = bool(stored and stored["name"] != instance.name)
    if instance.identity_protected or was_protected:
        _protected_names_changed(instance, also=[stored["name"]] if renamed and stored else [])
    else:
        Incident.objects.filter(person=instance.pk).refresh_search_text()


def _protected_names_changed(person: Person, also: Sequence[str] = ()) -> None:
    affected = Incident.objects.naming(person, also)
    if not person.identity_protected:
        # Unprotected: what was withheld for them may be shown and found again.
        withheld = ids_with_any_word(["withheld"])
        if withheld is not None:
            affected = affected | Incident.objects.filter(pk__in=withheld)
    affected.refresh_search_text()
    Source.objects.all().refresh_public_fields()
    Organization.objects.all().refresh_public_fields()


@receiver(pre_delete, sender=Person, dispatch_uid="person_before_delete")
def person_before_delete(sender: type, instance: Person, **kwargs: Any) -> None:
    # A protected person deleted stays withheld where sources quote them
    # (protected_names reads the history of deleted people): their aliases go
    # with them, so they are kept among the former names the history records.
    aliases = list(PersonAlias.objects.filter(person=instance.pk).values_list("name", flat=True))
    if aliases:
        instance.add_former_names(aliases)
        Person.objects.filter(pk=instance.pk).update(former_names=instance.former_names)


@receiver(post_save, sender=Source, dispatch_uid="source_loaded")
@receiver(post_save, sender=Organization, dispatch_uid="organization_loaded")
@receiver(post_save, sender=OrganizationAlias, dispatch_uid="organization_alias_loaded")
def loaded(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    # A fixture saves without the model's save(): work out what the public sees.
    if not raw:
        return
    if sender is Source:
        Source.objects.filter(pk=instance.pk).refresh_public_fields()
    else:
        organization = instance.pk if sender is Organization else instance.organization_id
        Organization.objects.filter(pk=organization).refresh_public_fields()


# --- The names engine's spelling keys (models/spellings.py) --------------------
# Kept by save() of a record and of an alias; here, what save() does not see: an
# alias deleted (also by a cascade or a queryset), and rows a fixture loads.


_ALIAS_OWNERS: dict[type, tuple[Any, str]] = {
    PersonAlias: (Person, "person_id"),
    OrganizationAlias: (Organization, "organization_id"),
    CityAlias: (City, "city_id"),
}


@receiver(post_save, sender=Person, dispatch_uid="person_keys_loaded")
@receiver(post_save, sender=Organization, dispatch_uid="organization_keys_loaded")
@receiver(post_save, sender=City, dispatch_uid="city_keys_loaded")
def record_keys_loaded(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        instance.refresh_spelling_keys()


@receiver(post_save, sender=PersonAlias, dispatch_uid="person_alias_keys")
@receiver(post_save, sender=OrganizationAlias, dispatch_uid="organization_alias_keys")
@receiver(post_save, sender=CityAlias, dispatch_uid="city_alias_keys")
@receiver(post_delete, sender=PersonAlias, dispatch_uid="person_alias_keys_deleted")
@receiver(post_delete, sender=OrganizationAlias, dispatch_uid="organization_alias_keys_deleted")
@receiver(post_delete, sender=CityAlias, dispatch_uid="city_alias_keys_deleted")
def alias_keys_changed(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if kwargs.get("signal") is post_save and not raw:
        return  # Alias.save() keeps them
    model, field = _ALIAS_OWNERS[sender]
    origin = kwargs.get("origin")
    if isinstance(origin, model) or getattr(origin, "model", None) is model:
        return  # deleted with its owner, whose keys go too
    owner = model._default_manager.filter(pk=getattr(instance, field)).first()
    if owner is not None:  # None: the owner is being deleted with it
        owner.refresh_spelling_keys()


@receiver(post_save, sender=PersonAlias, dispatch_uid="person_alias_saved")
@receiver(post_delete, sender=PersonAlias, dispatch_uid="person_alias_deleted")
def person_alias_changed(sender: type, instance: PersonAlias, **kwargs: Any) -> None:
    if kwargs.get("signal") is post_delete:
        instance.remember(instance.name)
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is None:
        return
    if person.identity_protected:
        _protected_names_changed(person)
    else:
        Incident.objects.filter(person=person.pk).refresh_search_text()


@receiver(post_save, sender=Organization, dispatch_uid="organization_search_text")
def organization_saved(sender: type, instance: Organization, **kwargs: Any) -> None:
    Incident.objects.filter(
        Q(organization=instance.pk) | Q(organization__parent=instance.pk)
    ).refresh_search_text()


@receiver(post_save, sender=OrganizationAlias, dispatch_uid="organization_alias_saved")
@receiver(post_delete, sender=OrganizationAlias, dispatch_uid="organization_alias_deleted")
def organization_alias_changed(sender: type, instance: OrganizationAlias, **kwargs: Any) -> None:
    Incident.objects.filter(organization=instance.organization_id).refresh_search_text()


@receiver(post_save, sender=City, dispatch_uid="city_search_text")
def city_saved(sender: type, instance: City, **kwargs: Any) -> None:
    Incident.objects.filter(city=instance.pk).refresh_search_text()


@receiver(post_save, sender=CityAlias, dispatch_uid="city_alias_saved")
@receiver(post_delete, sender=CityAlias, dispatch_uid="city_alias_deleted")
def city_alias_changed(sender: type, instance: CityAlias, **kwargs: Any) -> None:
    Incident.objects.filter(city=instance.city_id).refresh_search_text()


# --- Cached counts (facets.count) ---------------------------------------------
# Forgotten on any change to a published incident or to a name that facets show
# or `q` finds. Connected last, so that outside a transaction (where on_commit
# runs at once) the search text is rebuilt before the cache forgets.


@receiver(post_save, sender=Incident, dispatch_uid="incident_counts_saved")
@receiver(post_delete, sender=Incident, dispatch_uid="incident_counts_deleted")
def forget_counts_of_incident(sender: type, instance: Incident, **kwargs: Any) -> None:
    # A draft that stays a draft changes nothing public.
    if getattr(instance, "_tally_before", None) or instance.status == Incident.Status.PUBLISHED:
        counts_changed()


@receiver(post_save, sender=Person, dispatch_uid="person_counts_saved")
@receiver(post_delete, sender=Person, dispatch_uid="person_counts_deleted")
@receiver(post_save, sender=PersonAlias, dispatch_uid="person_alias_counts_saved")
@receiver(post_delete, sender=PersonAlias, dispatch_uid="person_alias_counts_deleted")
@receiver(post_save, sender=Organization, dispatch_uid="organization_counts_saved")
@receiver(post_delete, sender=Organization, dispatch_uid="organization_counts_deleted")
@receiver(post_save, sender=OrganizationAlias, dispatch_uid="organization_alias_counts_saved")
@receiver(post_delete, sender=OrganizationAlias, dispatch_uid="org_alias_counts_deleted")
@receiver(post_save, sender=City, dispatch_uid="city_counts_saved")
@receiver(post_delete, sender=City, dispatch_uid="city_counts_deleted")
@receiver(post_save, sender=CityAlias, dispatch_uid="city_alias_counts_saved")
@receiver(post_delete, sender=CityAlias, dispatch_uid="city_alias_counts_deleted")
# Which sources and organizations are public (and so the lists' totals):
@receiver(post_save, sender=Citation, dispatch_uid="citation_counts_saved")
@receiver(post_delete, sender=Citation, dispatch_uid="citation_counts_deleted")
@receiver(post_save, sender=Affiliation, dispatch_uid="affiliation_counts_saved")
@receiver(post_delete, sender=Affiliation, dispatch_uid="affiliation_counts_deleted")
@receiver(m2m_changed, sender=Source.signatories.through, dispatch_uid="signatories_counts")
def forget_counts(sender: type, **kwargs: Any) -> None:
    counts_changed()
