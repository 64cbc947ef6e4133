"""The incident tracker's data model (contracts in ../shared/DESIGN.md).

An `Incident` is one search, detention or disappearance of a person or an
organization, on one day, optionally in a city, backed by `Citation`s that
quote a `Source` verbatim. People, organizations and cities carry aliases
(other spellings and scripts) so that staff find them and do not create
duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypedDict, TypeVar

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..names import (
    NAME_WITHHELD,
    guess_language,
    name_key,
    new_public_id,
    spelling_keys,
    unique_slug,
)
from ..redaction import Redactor
from ..search import search_text
from ..text import find_quoted

_M = TypeVar("_M", bound=models.Model)
_F = TypeVar("_F", bound=Callable[..., Any])


class SlugNaturalKeyManager(models.Manager[_M]):
    def get_by_natural_key(self, slug: str) -> _M:
        return self.get(slug=slug)


def serialized_after(*labels: str) -> Callable[[_F], _F]:
    """Mark a `natural_key` method with the models whose rows a fixture must
    hold first (Django's serializers read `natural_key.dependencies`)."""

    def mark(natural_key: _F) -> _F:
        natural_key.__dict__["dependencies"] = list(labels)
        return natural_key

    return mark


# "Public" below means: shown on the public site because a published incident
# involves it. Nothing that only a draft or a review mentions is ever public.


def published_incidents() -> IncidentQuerySet:
    return Incident.objects.published()


@dataclass(frozen=True)
class Resolved:
    """A city, organization or person that a filter's public slug names: its id,
    its public slug and name, whether it is public (a chip names only those),
    and whether the filter named it itself (not as a branch of one it named)."""

    pk: int
    public_slug: str
    label: str
    public: bool
    chosen: bool


class CityQuerySet(models.QuerySet["City"]):
    @staticmethod
    def public_condition() -> Q:
        """Where a published incident happened or a public organization is based."""
        return Q(
            Exists(published_incidents().filter(city=OuterRef("pk")))
            | Exists(Organization.objects.public().filter(city=OuterRef("pk")))
        )

    def public(self) -> CityQuerySet:
        return self.filter(self.public_condition())

    def by_public_slugs(self, slugs: list[str], *, with_branches: bool = False) -> Q:
        return Q(slug__in=slugs)

    def resolve(self, slugs: list[str]) -> list[Resolved]:
        """The cities these public slugs name (one query)."""
        rows = self.filter(slug__in=slugs).annotate(
            shown=ExpressionWrapper(self.public_condition(), output_field=models.BooleanField())
        )
        return [
            Resolved(pk, slug, name, shown, True)
            for pk, slug, name, shown in rows.values_list("pk", "slug", "name", "shown")
        ]


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def public(self) -> OrganizationQuerySet:
        """Targeted (itself or a branch), a signatory of a cited source, or the
        organization of a public, unprotected person. Each test is a separate
        EXISTS so that each can use its index."""
        return self.filter(self.public_condition())

    @staticmethod
    def public_condition() -> Q:
        targeted = Exists(published_incidents().filter(organization=OuterRef("pk")))
        branch_targeted = Exists(
            Organization.objects.filter(parent=OuterRef("pk")).filter(
                Exists(published_incidents().filter(organization=OuterRef("pk")))
            )
        )
        signed = Exists(
            Source.signatories.through.objects.filter(organization=OuterRef("pk")).filter(
                Exists(
                    Citation.objects.filter(
                        source=OuterRef("source"), incident__status=Incident.Status.PUBLISHED
                    )
                )
            )
        )
        affiliated = Exists(
            Affiliation.objects.filter(
                organization=OuterRef("pk"), person__identity_protected=False
            ).filter(Exists(published_incidents().filter(person=OuterRef("person"))))
        )
        return Q(targeted | branch_targeted | signed | affiliated)

    def resolve(self: OrganizationQuerySet, slugs: list[str]) -> list[Resolved]:
        """The organizations these public slugs name, with their branches: an
        organization includes its branches (one query)."""
        rows = self.filter(self.by_public_slugs(slugs, with_branches=True)).annotate(
            shown=ExpressionWrapper(self.public_condition(), output_field=models.BooleanField())
        )
        out = []
        for org in rows.only("pk", "slug", "public_id", "name_withheld", "public_name"):
            out.append(
                Resolved(
                    org.pk, org.public_slug, org.public_name, org.shown, org.public_slug in slugs
                )
            )
        return out

    def by_public_slugs(self, slugs: list[str], *, with_branches: bool = False) -> Q:
        """The condition for organizations known publicly by `slugs` (a slug,
        or the public_id of one whose name is withheld), and with
        `with_branches`, their branches too: an organization includes its
        branches."""
        own = Q(name_withheld=False, slug__in=slugs) | Q(name_withheld=True, public_id__in=slugs)
        if not with_branches:
            return own
        parent = Q(parent__name_withheld=False, parent__slug__in=slugs) | Q(
            parent__name_withheld=True, parent__public_id__in=slugs
        )
        return own | parent

    def get_public(self, public_slug: str) -> Organization:
        return self.public().get(self.by_public_slugs([public_slug]))

    def refresh_public_fields(self) -> int:
        """Work out again what the public sees of these organizations' names
        and their aliases, for when the protected names change."""
        redact = Redactor(Person.objects.protected_names())
        changed = []
        for org in self.only("pk", "name", "slug", "public_name", "name_withheld"):
            before = (org.public_name, org.name_withheld)
            org.set_public_fields(redact)
            if (org.public_name, org.name_withheld) != before:
                changed.append(org)
        Organization.objects.bulk_update(changed, ["public_name", "name_withheld"])
        aliases = []
        for alias in OrganizationAlias.objects.filter(organization__in=self.values("pk")).only(
            "pk", "name", "withheld"
        ):
            withheld = redact.finds(alias.name)
            if withheld != alias.withheld:
                alias.withheld = withheld
                aliases.append(alias)
        OrganizationAlias.objects.bulk_update(aliases, ["withheld"])
        return len(changed) + len(aliases)


class PersonQuerySet(models.QuerySet["Person"]):
    def public(self) -> PersonQuerySet:
        """Named by a published incident (Person.published_incidents)."""
        return self.filter(published_incidents__gt=0)

    def listed(self) -> PersonQuerySet:
        """The public list of people: protected people are reached only from
        their incidents (index person_listed_name_idx)."""
        return self.filter(published_incidents__gt=0, identity_protected=False)

    def recount(self) -> int:
        """Recompute published_incidents from the incidents (bulk, no signals)."""
        published = (
            Incident.objects.published()
            .filter(person=OuterRef("pk"))
            .order_by()
            .values("person")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.update(
            published_incidents=Coalesce(
                models.Subquery(published), 0, output_field=models.PositiveIntegerField()
            )
        )

    def protected_names(self) -> list[str]:
        """Every name and alias of every person whose identity is protected,
        former ones included (a renamed person's old name may stand in a quoted
        source), and those of protected people since deleted; longest first.
        One query."""
        protected = Person.objects.filter(identity_protected=True).values("pk")
        deleted = Person.history.filter(history_type="-", identity_protected=True)
        parts = [
            Person.objects.filter(identity_protected=True).values_list("name", flat=True),
            PersonAlias.objects.filter(person__in=protected).values_list("name", flat=True),
            Person.history.filter(id__in=protected).values_list("name", flat=True),
            PersonAlias.history.filter(person_id__in=protected).values_list("name", flat=True),
            Person.objects.filter(identity_protected=True)
            .exclude(former_names="")
            .values_list("former_names", flat=True),
            deleted.values_list("name", flat=True),
            deleted.exclude(former_names="").values_list("former_names", flat=True),
            PersonAlias.history.filter(person_id__in=deleted.values("id")).values_list(
                "name", flat=True
            ),
        ]
        first, *rest = (qs.order_by() for qs in parts)
        names = {line for n in first.union(*rest) for line in n.splitlines() if line.strip()}
        return sorted(names, key=len, reverse=True)

    def by_public_slugs(self, slugs: list[str], *, with_branches: bool = False) -> Q:
        """A protected person only by public id: by their slug they are no one."""
        return Q(identity_protected=False, slug__in=slugs) | Q(
            identity_protected=True, public_id__in=slugs
        )

    def get_public(self, public_slug: str) -> Person:
        """By slug, or by opaque identifier for a protected person."""
        return self.public().get(self.by_public_slugs([public_slug]))

    def resolve(self, slugs: list[str]) -> list[Resolved]:
        """The people these public slugs name (one query)."""
        rows = self.filter(self.by_public_slugs(slugs)).only(
            "pk", "slug", "public_id", "identity_protected", "name", "published_incidents"
        )
        return [
            Resolved(p.pk, p.public_slug, p.public_name, p.published_incidents > 0, True)
            for p in rows
        ]


class SourceQuerySet(models.QuerySet["Source"]):
    def public(self) -> SourceQuerySet:
        return self.filter(
            Exists(Citation.objects.filter(source=OuterRef("pk"), incident__status="published"))
        )

    def get_public(self, public_slug: str) -> Source:
        """A public source by its public slug: the slug, or the opaque public_id
        of one whose title names a protected person (its slug, made from the
        title, would name them too)."""
        return self.public().get(
            Q(title_withheld=False, slug=public_slug)
            | Q(title_withheld=True, public_id=public_slug)
        )

    def refresh_public_fields(self) -> int:
        """Work out again what the public sees of these sources' title and URL
        (Source.set_public_fields), for when the protected names change."""
        redact = Redactor(Person.objects.protected_names())
        changed = []
        for source in self.only("pk", "title", "url", "public_title", "public_url"):
            before = (source.public_title, source.public_url, source.title_withheld)
            source.set_public_fields(redact)
            if (source.public_title, source.public_url, source.title_withheld) != before:
                changed.append(source)
        Source.objects.bulk_update(changed, ["public_title", "public_url", "title_withheld"])
        return len(changed)


class NamedEntity(models.Model):
    """Fields and behaviour shared by people, organizations and cities."""

    # What the names engine calls it: "person", "organization" or "city".
    KIND: ClassVar[str]

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    # Derived from name on save; the admin's search reads it (see name_key).
    name_key = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = self.name.strip()
        self.name_key = name_key(self.name)
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)
        self.refresh_spelling_keys()

    def spellings(self) -> list[str]:
        """The name and every alias."""
        aliases = self.aliases.values_list("name", flat=True)  # type: ignore[attr-defined]  # each subclass's alias model
        return [self.name, *aliases]

    def public_spellings(self) -> list[str]:
        """The spellings the public may find this record by (read through the
        prefetched aliases): the name and every alias."""
        return [self.name, *(a.name for a in self.aliases.all())]  # type: ignore[attr-defined]

    def refresh_spelling_keys(self) -> None:
        """Keep the names engine's keys of the name and aliases (derived data,
        kept here and by the aliases' save and delete)."""
        wanted = spelling_keys(self.KIND, self.spellings())
        keys = self.spelling_keys  # type: ignore[attr-defined]  # models/spellings.py
        stored = set(keys.values_list("key", flat=True))
        if stored - wanted:
            keys.filter(key__in=stored - wanted).delete()
        if wanted - stored:
            owner = keys.field.name
            keys.model.objects.bulk_create(
                [keys.model(**{owner: self, "key": k}) for k in sorted(wanted - stored)],
                ignore_conflicts=True,
            )

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Alias(models.Model):
    """Another spelling or script of a name (Grodno, Гродна for Hrodna), and the
    language or script it is written in (the names engine derives most
    transliterations itself: an alias is for the spellings it cannot)."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English / Latin")
        BELARUSIAN = "be", _("Belarusian")
        BELARUSIAN_LATIN = "be-latn", _("Belarusian Łacinka")
        RUSSIAN = "ru", _("Russian")
        UKRAINIAN = "uk", _("Ukrainian")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=Language,
        blank=True,
        help_text=_("The language or script of this spelling, when known."),
    )
    name_key = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        abstract = True
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = self.name.strip()
        self.name_key = name_key(self.name)
        if not self.language:
            self.language = guess_language(self.name)
        super().save(*args, **kwargs)
        self.owner().refresh_spelling_keys()

    def owner(self) -> NamedEntity:
        raise NotImplementedError


# --- Cities -----------------------------------------------------------------


class City(NamedEntity):
    KIND = "city"

    country = models.CharField(
        _("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code, e.g. BY.")
    )
    region = models.CharField(_("region"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    objects = SlugNaturalKeyManager.from_queryset(CityQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"), name="city_country_iso2"
            ),
        ]
        indexes = [
            # The public list of cities, fifty at a time in name order, without
            # sorting every city first.
            models.Index(fields=["name"], name="city_name_idx"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.country = (self.country or "").upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("incidents:city_detail", args=[self.slug])

    @property
    def public_name(self) -> str:
        return self.name

    @property
    def public_slug(self) -> str:
        return self.slug

    def referenced(self) -> bool:
        """Whether anything refers to it: incidents, organizations based there."""
        return self.incidents.exists() or self.organizations.exists()


class CityAliasManager(models.Manager["CityAlias"]):
    def get_by_natural_key(self, city_slug: str, name: str) -> CityAlias:
        return self.get(city__slug=city_slug, name=name)


class CityAlias(Alias):
    city = models.ForeignKey(City, models.CASCADE, related_name="aliases")

    objects = CityAliasManager()

    class Meta(Alias.Meta):
        verbose_name = _("city alias")
        verbose_name_plural = _("city aliases")
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="cityalias_unique_name"),
        ]

    @serialized_after("incidents.city")
    def natural_key(self) -> tuple[str, str]:
        return (self.city.slug, self.name)

    def owner(self) -> NamedEntity:
        return self.city


# --- Organizations ----------------------------------------------------------


class Organization(NamedEntity):
    KIND = "organization"

    class Kind(models.TextChoices):
        HUMAN_RIGHTS = "human_rights", _("Human rights organization")
        MEDIA = "media", _("Media")
        TRADE_UNION = "trade_union", _("Trade union")
        RESEARCH = "research", _("Research centre")
        CIVIC = "civic", _("Civic organization")
        OTHER = "other", _("Other")

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind,
        blank=True,
        help_text=_("Leave empty when the sources do not say."),
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name=_("parent organization"),
        help_text=_("For a local branch: the organization it belongs to."),
    )
    city = models.ForeignKey(
        City,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("city"),
    )
    description = models.TextField(_("public description"), blank=True)
    # Who created it: an editor may delete what they created while nothing
    # refers to it yet (a duplicate they made by mistake).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    # What the public sees of the name: with a protected person's name withheld
    # ("[name withheld] Legal Aid Fund"), kept by save() and, when the protected
    # names change, by OrganizationQuerySet.refresh_public_fields. One whose
    # name or slug names a protected person is reached by public_id.
    public_name = models.CharField(max_length=200, blank=True, default="", editable=False)
    name_withheld = models.BooleanField(default=False, editable=False)
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)

    objects = SlugNaturalKeyManager.from_queryset(OrganizationQuerySet)()
    history = HistoricalRecords(excluded_fields=["public_name", "name_withheld", "public_id"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="organization_not_own_parent"
            ),
        ]
        indexes = [
            # The public list of organizations, fifty at a time in name order:
            # without it SQLite tests public() on every organization, then sorts.
            models.Index(fields=["name"], name="organization_name_idx"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(Organization, self.name, exclude_pk=self.pk)
        self.set_public_fields(Redactor(Person.objects.protected_names()))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("incidents:organization_detail", args=[self.public_slug])

    def set_public_fields(self, redact: Redactor) -> None:
        self.public_name = redact(self.name.strip())
        self.name_withheld = self.public_name != self.name.strip() or redact.finds_in_url(
            self.slug or ""
        )

    @property
    def public_slug(self) -> str:
        return self.public_id if self.name_withheld else self.slug

    def referenced(self) -> bool:
        """Whether anything refers to it: incidents, branches, people, sources."""
        return (
            self.incidents.exists()
            or self.branches.exists()
            or self.affiliations.exists()
            or self.signed_sources.exists()
        )

    def public_spellings(self) -> list[str]:
        """The public name (a protected person's name in it withheld) and the
        aliases that name no protected person."""
        return [self.public_name, *(a.name for a in self.aliases.all() if not a.withheld)]

    def with_branches(self) -> list[int]:
        """Its id and its branches': an organization includes its branches."""
        condition = Organization.objects.by_public_slugs([self.public_slug], with_branches=True)
        return list(Organization.objects.filter(condition).values_list("pk", flat=True))

    def parent_is_public(self) -> bool:
        return (
            self.parent_id is not None
            and Organization.objects.public().filter(pk=self.parent_id).exists()
        )


class OrganizationAliasManager(models.Manager["OrganizationAlias"]):
    def get_by_natural_key(self, organization_slug: str, name: str) -> OrganizationAlias:
        return self.get(organization__slug=organization_slug, name=name)


class OrganizationAlias(Alias):
    organization = models.ForeignKey(Organization, models.CASCADE, related_name="aliases")
    # It names a protected person: not searched on the public list (kept by
    # save() and OrganizationQuerySet.refresh_public_fields).
    withheld = models.BooleanField(default=False, editable=False)

    objects = OrganizationAliasManager()

    class Meta(Alias.Meta):
        verbose_name = _("organization alias")
        verbose_name_plural = _("organization aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="organizationalias_unique_name"
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.withheld = Redactor(Person.objects.protected_names()).finds(self.name)
        super().save(*args, **kwargs)

    @serialized_after("incidents.organization")
    def natural_key(self) -> tuple[str, str]:
        return (self.organization.slug, self.name)

    def owner(self) -> NamedEntity:
        return self.organization


# --- People -----------------------------------------------------------------


class StoredIdentity(TypedDict):
    """A person's name and protection as stored, before a save."""

    name: str
    identity_protected: bool


class Person(NamedEntity):
    KIND = "person"

    description = models.TextField(_("public description"), blank=True)
    # Who created it: an editor may delete what they created while nothing
    # refers to it yet (a duplicate they made by mistake).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    identity_protected = models.BooleanField(
        _("identity protected"),
        default=False,
        help_text=_(
            "Public pages and exports show “Name withheld” and an opaque identifier "
            "instead of the name."
        ),
    )
    # Opaque identifier used publicly in place of the slug for protected people.
    public_id = models.CharField(
        _("public identifier"),
        max_length=16,
        unique=True,
        default=new_public_id,
        editable=False,
    )
    organizations = models.ManyToManyField(
        Organization, through="Affiliation", related_name="people", blank=True
    )
    # How many published incidents name this person: kept with IncidentTally
    # (signals.py) so that the public list of people reads one index.
    published_incidents = models.PositiveIntegerField(default=0, editable=False)
    # Names and aliases this person had before a rename or an alias's removal,
    # one per line, kept by save() and PersonAlias: a protected person's former
    # name still stands in quoted sources and must stay withheld.
    former_names = models.TextField(_("former names"), blank=True, default="", editable=False)

    objects = SlugNaturalKeyManager.from_queryset(PersonQuerySet)()
    history = HistoricalRecords(excluded_fields=["published_incidents"])
    # Set by incidents/signals.py before a save, read after it: the name and
    # protection as stored (None: a new row, or a fixture's).
    _stored: StoredIdentity | None

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            # protected_names(), read by every page that shows a quotation: the
            # few protected people among all, without reading the table.
            models.Index(
                fields=["identity_protected"],
                condition=Q(identity_protected=True),
                name="person_protected_idx",
            ),
            # /people/: the public, unprotected people in name order, counted
            # and paged on this index alone (it covers its own condition).
            models.Index(
                fields=["name", "identity_protected", "published_incidents"],
                condition=Q(published_incidents__gt=0, identity_protected=False),
                name="person_listed_name_idx",
            ),
            # The admin's list and autocomplete of people, in name order: a
            # page is read from here, not by sorting a third of a million rows.
            models.Index(fields=["name"], name="person_name_idx"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = Person.objects.filter(pk=self.pk).values_list("name", flat=True).first()
            if stored is not None and stored.strip() != (self.name or "").strip():
                self.add_former_names([stored])
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("incidents:person_detail", args=[self.public_slug])

    def add_former_names(self, names: list[str]) -> None:
        known = set(self.former_names.splitlines())
        for name in names:
            name = " ".join((name or "").split())
            if name and name not in known:
                known.add(name)
                self.former_names = "\n".join(filter(None, [self.former_names, name]))

    def all_names(self) -> list[str]:
        """Every name this person has or had: name, aliases, former names and
        those that history remembers (staff-side only)."""
        names = {self.name, *self.former_names.splitlines()}
        if self.pk is not None:
            names.update(PersonAlias.objects.filter(person=self.pk).values_list("name", flat=True))
            names.update(Person.history.filter(id=self.pk).values_list("name", flat=True))
            names.update(
                PersonAlias.history.filter(person_id=self.pk).values_list("name", flat=True)
            )
        return sorted(n for n in names if n and n.strip())

    @property
    def public_name(self) -> str:
        return str(NAME_WITHHELD) if self.identity_protected else self.name

    def referenced(self) -> bool:
        """Whether anything refers to them: incidents, affiliations, a merge
        that kept them (undoing it needs them)."""
        from .spellings import Merge

        return (
            self.incidents.exists()
            or self.affiliations.exists()
            or Merge.objects.filter(of="person", kept_id=self.pk, undone_at=None).exists()
        )

    def reviewer_only(self) -> bool:
        """A protected identity is changed only by a reviewer: unprotecting or
        renaming it could expose the person."""
        return self.identity_protected

    @property
    def public_slug(self) -> str:
        return self.public_id if self.identity_protected else self.slug


class PersonAliasManager(models.Manager["PersonAlias"]):
    def get_by_natural_key(self, person_slug: str, name: str) -> PersonAlias:
        return self.get(person__slug=person_slug, name=name)


class PersonAlias(Alias):
    person = models.ForeignKey(Person, models.CASCADE, related_name="aliases")

    objects = PersonAliasManager()
    history = HistoricalRecords()

    class Meta(Alias.Meta):
        verbose_name = _("person alias")
        verbose_name_plural = _("person aliases")
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="personalias_unique_name"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = PersonAlias.objects.filter(pk=self.pk).values_list("name", flat=True).first()
            if stored is not None and stored.strip() != (self.name or "").strip():
                self.remember(stored)
        super().save(*args, **kwargs)

    @serialized_after("incidents.person")
    def natural_key(self) -> tuple[str, str]:
        return (self.person.slug, self.name)

    def remember(self, name: str) -> None:
        """Keep a spelling that this alias no longer holds among the person's
        former names."""
        person = Person.objects.filter(pk=self.person_id).first()
        if person is not None:
            before = person.former_names
            person.add_former_names([name])
            if person.former_names != before:
                Person.objects.filter(pk=person.pk).update(former_names=person.former_names)

    def owner(self) -> NamedEntity:
        return self.person


class AffiliationQuerySet(models.QuerySet["Affiliation"]):
    def public(self) -> AffiliationQuerySet:
        """Those of public, unprotected people, with the person, by name."""
        return (
            self.filter(
                Exists(published_incidents().filter(person=OuterRef("person"))),
                person__identity_protected=False,
            )
            .select_related("person")
            .order_by("person__name")
        )


_AffiliationManagerBase = models.Manager.from_queryset(AffiliationQuerySet)


class AffiliationManager(_AffiliationManagerBase["Affiliation"]):
    def get_by_natural_key(
        self, person_slug: str, organization_slug: str, role: str
    ) -> Affiliation:
        return self.get(person__slug=person_slug, organization__slug=organization_slug, role=role)


class Affiliation(models.Model):
    person = models.ForeignKey(
        Person, models.CASCADE, related_name="affiliations", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        Organization,
        models.CASCADE,
        related_name="affiliations",
        verbose_name=_("organization"),
    )
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        help_text=_("As the source states it; leave empty when it does not."),
    )

    objects = AffiliationManager()

    class Meta:
        ordering = ["person__name", "organization__name"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organization", "role"], name="affiliation_unique_role"
            ),
        ]

    def __str__(self) -> str:
        if self.role:
            return f"{self.person} — {self.role}, {self.organization}"
        return f"{self.person} — {self.organization}"

    @serialized_after("incidents.person", "incidents.organization")
    def natural_key(self) -> tuple[str, str, str]:
        return (self.person.slug, self.organization.slug, self.role)


# --- Sources ----------------------------------------------------------------


class Source(models.Model):
    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        NEWS_REPORT = "news_report", _("News report")
        REPORT = "report", _("Report by an organization")
        TESTIMONY = "testimony", _("Testimony")
        COURT_DOCUMENT = "court_document", _("Court document")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    full_text = models.TextField(
        _("full text"),
        blank=True,
        help_text=_("The source's text, verbatim. Citations are checked against it."),
    )
    signatories = models.ManyToManyField(
        Organization, related_name="signed_sources", blank=True, verbose_name=_("signatories")
    )
    # What the public sees of the title and URL: with protected names withheld,
    # kept by save() and, when the protected names change, by
    # SourceQuerySet.refresh_public_fields. A title that names a protected
    # person is reached by public_id, never by its slug.
    public_title = models.CharField(max_length=300, blank=True, default="", editable=False)
    public_url = models.URLField(max_length=500, blank=True, default="", editable=False)
    title_withheld = models.BooleanField(default=False, editable=False)
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)

    objects = SlugNaturalKeyManager.from_queryset(SourceQuerySet)()
    history = HistoricalRecords(
        excluded_fields=["public_title", "public_url", "title_withheld", "public_id"]
    )

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(Source, self.title, exclude_pk=self.pk)
        self.set_public_fields(Redactor(Person.objects.protected_names()))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("incidents:source_detail", args=[self.public_slug])

    def cited_excerpts(self, limit: int = 1000) -> dict[str, list[tuple[str, str]]]:
        """Each excerpt that published incidents cite (a source is cited a few
        dozen times; at most `limit`), with (url, title) of those incidents."""
        citations = (
            self.citations.filter(incident__status=Incident.Status.PUBLISHED)
            .select_related("incident__person", "incident__organization")
            .order_by("incident__date", "incident_id")[:limit]
        )
        cited: dict[str, list[tuple[str, str]]] = {}
        for citation in citations:
            incident = citation.incident
            cited.setdefault(citation.excerpt, []).append(
                (incident.get_absolute_url(), incident.public_title)
            )
        return cited

    def set_public_fields(self, redact: Redactor) -> None:
        self.public_title = redact(self.title)
        # The slug was made from a title, perhaps an earlier one: it may spell
        # the name even once the title no longer does.
        self.title_withheld = self.public_title != self.title or redact.finds_in_url(
            self.slug or ""
        )
        # A URL names someone as its path spells them ("…/zarina-vostrikova-…").
        self.public_url = "" if redact.finds_in_url(self.url) else self.url

    @property
    def public_slug(self) -> str:
        return self.public_id if self.title_withheld else self.slug

    def reviewer_only(self) -> bool:
        """A source that published incidents cite is published evidence: only a
        reviewer changes it."""
        return self.citations.filter(incident__status=Incident.Status.PUBLISHED).exists()

    def find_excerpt(self, excerpt: str) -> str | None:
        """The passage of the full text that `excerpt` quotes, verbatim, or None.

        Tolerates what pasting changes: straight for curly quotes, dashes, line
        breaks and runs of spaces. The stored citation then takes the source's
        own characters.
        """
        return find_quoted(excerpt, self.full_text)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class AddresseeManager(models.Manager["Addressee"]):
    def get_by_natural_key(self, source_slug: str, name: str) -> Addressee:
        return self.get(source__slug=source_slug, name=name)


class Addressee(models.Model):
    """Whom a source is addressed to, as it names them."""

    source = models.ForeignKey(Source, models.CASCADE, related_name="addressees")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AddresseeManager()

    class Meta:
        ordering = ["source", "order", "name"]
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")
        constraints = [
            models.UniqueConstraint(fields=["source", "name"], name="addressee_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.position} {self.name}".strip()

    @serialized_after("incidents.source")
    def natural_key(self) -> tuple[str, str]:
        return (self.source.slug, self.name)


# --- Incidents --------------------------------------------------------------


class IncidentQuerySet(models.QuerySet["Incident"]):
    def published(self) -> IncidentQuerySet:
        return self.filter(status=Incident.Status.PUBLISHED)

    def with_related(self) -> IncidentQuerySet:
        return self.select_related("person", "organization__parent", "city")

    def naming(self, person: Person, also: Sequence[str] = ()) -> IncidentQuerySet:
        """The person's own incidents and every incident whose indexed text may
        hold any name they have or had (`Person.all_names`, plus `also`): found
        from the person's id, through the full-text index, which folds case in
        every script (SQLite's LIKE folds ASCII only). Broader than `q` for the
        same names, never narrower; what to index again when a protection or a
        protected name changes."""
        from ..redaction.matcher import reindex_words
        from ..search import ids_with_any_word

        # Each word of each form redaction withholds («Востриковой» for
        # "Зарина Вострикова"), and the start of each word in each language's
        # spelling («Владимира Лабковича» for "Уладзімір Лабковіч").
        words = {w for n in [*person.all_names(), *also] for w in reindex_words(n)}
        ids = ids_with_any_word(sorted(words))
        condition = Q(person=person.pk)
        if ids is not None:
            condition |= Q(pk__in=ids)
        return self.filter(condition)

    def refresh_search_text(self, chunk: int = 2000) -> int:
        """Recompute `search_text` for these incidents (bulk; sends no signals)."""
        redact = Redactor(Person.objects.protected_names())
        rows = self.select_related("person", "organization__parent", "city").prefetch_related(
            "person__aliases", "organization__aliases", "city__aliases"
        )
        done = 0
        batch: list[Incident] = []
        now = timezone.now()
        for incident in rows.order_by("pk").iterator(chunk_size=chunk):
            text = incident.build_search_text(redact)
            if text == incident.search_text:
                continue
            if incident.search_text and redact(incident.summary) != incident.summary:
                # What the public reads of it changed (a name now withheld):
                # feeds and sitemaps say it was updated.
                incident.updated_at = now
            incident.search_text = text
            batch.append(incident)
            if len(batch) == chunk:
                Incident.objects.bulk_update(batch, ["search_text", "updated_at"])
                done += len(batch)
                batch = []
        if batch:
            Incident.objects.bulk_update(batch, ["search_text", "updated_at"])
            done += len(batch)
        return done


_IncidentManagerBase = models.Manager.from_queryset(IncidentQuerySet)


class IncidentManager(_IncidentManagerBase["Incident"]):
    def get_by_natural_key(
        self, kind: str, date: str, person_slug: str | None, organization_slug: str | None
    ) -> Incident:
        lookups: dict[str, Any] = {"kind": kind, "date": date}
        if person_slug:
            lookups["person__slug"] = person_slug
        else:
            lookups["person__isnull"] = True
        if organization_slug:
            lookups["organization__slug"] = organization_slug
        else:
            lookups["organization__isnull"] = True
        return self.get(**lookups)


class Incident(models.Model):
    class Kind(models.TextChoices):
        SEARCH = "search", pgettext_lazy("incident kind", "Search")
        DETENTION = "detention", pgettext_lazy("incident kind", "Detention")
        DISAPPEARANCE = "disappearance", pgettext_lazy("incident kind", "Disappearance")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    date = models.DateField(_("date"), help_text=_("The day it happened."))
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("person"),
    )
    organization = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("organization"),
        help_text=_(
            "The organization targeted or, for an incident against a person, the "
            "organization the source names them as part of."
        ),
    )
    city = models.ForeignKey(
        City,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("city"),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Public text."))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    staff_notes = models.TextField(
        _("staff notes"), blank=True, help_text=_("Never shown to the public.")
    )
    # What public full-text search reads (see IncidentQuerySet.refresh_search_text):
    # the summary with protected names withheld, and the public names and aliases
    # of its person, organization and city, with their transliterated keys.
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )

    objects = IncidentManager()
    history = HistoricalRecords(excluded_fields=["search_text"])
    # Set by incidents/signals.py before a save or delete, read after it: the
    # tally key of the row as stored (IncidentTally.key_of).
    _tally_before: dict[str, Any] | None

    class Meta:
        ordering = ["-date", "-id"]
        permissions = [("publish_incident", "Can publish and unpublish incidents")]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [
            # Every incident happens to someone: a person, an organization or both.
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organization__isnull=False),
                name="incident_has_subject",
                violation_error_message=_("An incident needs a person, an organization or both."),
            ),
            # One incident per kind, subject and day. Coalesce makes NULL a value,
            # so two searches of one organization on one day clash on both backends.
            models.UniqueConstraint(
                "kind",
                "date",
                Coalesce("person", 0, output_field=models.BigIntegerField()),
                Coalesce("organization", 0, output_field=models.BigIntegerField()),
                name="incident_unique_kind_subject_date",
                violation_error_message=_(
                    "An incident of this kind for this person and organization on this date "
                    "already exists."
                ),
            ),
        ]
        indexes = [
            # Public list: published incidents newest first, ties by id, so that
            # the index gives the whole order and a deep page skips index
            # entries alone (without the id, SQLite walks incident_date_idx and
            # reads each row for its status: 1 s for the middle of a million).
            # On PostgreSQL it also holds the columns the filters test, so that
            # "organization and kind" reads the index alone, not a row per
            # incident skipped (SQLite: ignored; its indexes hold no extras).
            models.Index(
                fields=["status", "-date", "-id"],
                include=["kind", "city", "organization", "person"],
                name="incident_status_date_idx",
            ),
            # Filters by city / organization / person, in date order.
            models.Index(fields=["city", "-date"], name="incident_city_date_idx"),
            models.Index(fields=["organization", "-date"], name="incident_org_date_idx"),
            models.Index(fields=["person", "-date"], name="incident_person_date_idx"),
            # Facet counts (GROUP BY kind / city / organization over published
            # incidents) read these alone, without touching the table.
            models.Index(fields=["status", "kind"], name="incident_status_kind_idx"),
            models.Index(fields=["status", "city"], name="incident_status_city_idx"),
            models.Index(fields=["status", "organization"], name="incident_status_org_idx"),
            # The admin's changelist: every incident, newest first.
            models.Index(fields=["-date", "-id"], name="incident_date_idx"),
        ]

    def __str__(self) -> str:
        subject = " / ".join(str(s) for s in (self.person, self.organization) if s)
        return gettext("%(kind)s of %(subject)s, %(date)s") % {
            "kind": self.get_kind_display(),
            "subject": subject,
            "date": f"{self.date:%Y-%m-%d}",
        }

    def save(self, *args: Any, **kwargs: Any) -> None:
        # One transaction with what signals.py keeps beside it (IncidentTally,
        # Person.published_incidents, the search text).
        with transaction.atomic():
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("incidents:incident_detail", args=[self.pk])

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic():
            return super().delete(*args, **kwargs)

    @serialized_after("incidents.person", "incidents.organization", "incidents.city")
    def natural_key(self) -> tuple[str, str, str | None, str | None]:
        person = self.person if self.person_id else None
        organization = self.organization if self.organization_id else None
        return (
            self.kind,
            self.date.isoformat(),
            person.slug if person is not None else None,
            organization.slug if organization is not None else None,
        )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def reviewer_only(self) -> bool:
        """A published incident changes only through a reviewer."""
        return self.is_published

    def build_search_text(self, redact: Redactor) -> str:
        names: list[str] = []
        people: list[str] = []
        person = self.person if self.person_id else None
        if person is not None and not person.identity_protected:
            people = [person.name, *(a.name for a in person.aliases.all())]
            names += people
        org = self.organization if self.organization_id else None
        if org is not None:
            names += [org.name, *(a.name for a in org.aliases.all())]
            parent = org.parent if org.parent_id else None
            if parent is not None:
                names.append(parent.name)
        city = self.city if self.city_id else None
        if city is not None:
            names += [city.name, *(a.name for a in city.aliases.all())]
        # A name may itself name a protected person ("the Office of …").
        return search_text(
            redact(self.summary), [redact(n) for n in names], [redact(n) for n in people]
        )

    # -- Workflow: draft -> review -> published, and back ----------------------

    # The workflow's rules live in incidents/workflow.py, which reads the models.

    def publication_problems(self) -> list[str]:
        """Why this incident cannot be published yet (empty: it can)."""
        from ..workflow import publication_problems

        return publication_problems(self)

    def submit_for_review(self) -> None:
        from ..workflow import submit_for_review

        submit_for_review(self)

    def return_to_draft(self, user: Any) -> None:
        from ..workflow import return_to_draft

        return_to_draft(self, user)

    def publish(self, user: Any) -> None:
        from ..workflow import publish

        publish(self, user)

    def duplicates(self) -> IncidentQuerySet:
        """Incidents of the same kind, day, person and organization (the unique
        constraint's key), other than this one. A missing person or organization
        matches incidents without one (None is IS NULL)."""
        # In a Q, as the type checker's plugin takes no None for `filter(x_id=…)`.
        qs = Incident.objects.filter(
            Q(
                kind=self.kind,
                date=self.date,
                person_id=self.person_id,
                organization_id=self.organization_id,
            )
        )
        return qs.exclude(pk=self.pk) if self.pk else qs

    def similar_incidents(self) -> IncidentQuerySet:
        """Same kind and day for the same person (or the same organization when
        there is no person) but recorded with a different organization: likely
        the same event entered twice."""
        qs = Incident.objects.filter(kind=self.kind, date=self.date)
        if self.person_id:
            qs = qs.filter(person_id=self.person_id)
        elif self.organization_id:
            qs = qs.filter(person__isnull=True, organization_id=self.organization_id)
        else:
            return qs.none()
        qs = qs.exclude(Q(organization_id=self.organization_id))  # None: IS NULL
        if self.pk:
            qs = qs.exclude(pk=self.pk)
        return qs

    @property
    def subject_name(self) -> str:
        """Who it happened to, as the public may read it."""
        names = []
        person = self.person if self.person_id else None
        if person is not None:
            names.append(person.public_name)
        organization = self.organization if self.organization_id else None
        if organization is not None:
            names.append(organization.public_name)
        return ", ".join(names)

    @property
    def public_title(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_name}, {self.date:%Y-%m-%d}"


class CitationManager(models.Manager["Citation"]):
    def published_incidents_per_source(self, ids: list[int]) -> dict[int, int]:
        """How many published incidents cite each of these sources."""
        return dict(
            self.filter(source__in=ids, incident__status=Incident.Status.PUBLISHED)
            .order_by()
            .values_list("source")
            .annotate(n=models.Count("incident", distinct=True))
        )

    def get_by_natural_key(
        self,
        kind: str,
        date: str,
        person_slug: str | None,
        organization_slug: str | None,
        source_slug: str,
        excerpt: str,
    ) -> Citation:
        incident = Incident.objects.get_by_natural_key(kind, date, person_slug, organization_slug)
        return self.get(incident=incident, source__slug=source_slug, excerpt=excerpt)


class Citation(models.Model):
    incident = models.ForeignKey(
        Incident, models.CASCADE, related_name="citations", verbose_name=_("incident")
    )
    source = models.ForeignKey(
        Source, models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    excerpt = models.TextField(_("excerpt"), help_text=_("The exact words quoted from the source."))

    objects = CitationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "id"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self) -> str:
        return f"{self.source}: “{self.excerpt[:80]}”"

    @serialized_after("incidents.incident", "incidents.source")
    def natural_key(self) -> tuple:
        return (*self.incident.natural_key(), self.source.slug, self.excerpt)

    @property
    def excerpt_in_source(self) -> bool | None:
        """Whether the excerpt appears verbatim in the stored full text (None if none)."""
        if not self.source.full_text:
            return None
        return self.excerpt in self.source.full_text
