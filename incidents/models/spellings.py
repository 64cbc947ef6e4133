"""What the names engine keeps beside the records (incidents/names): every
spelling key of every person's, organization's and city's name and aliases,
indexed, so that any spelling finds its record by one index lookup; the merges
of duplicates, which can be undone; and the pairs staff said are not the same.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..names import spelling_keys
from .records import City, Organization, Person


class SpellingKey(models.Model):
    """One key of a record's names (names.spelling_keys)."""

    key = models.CharField(max_length=100)

    OWNER: ClassVar[str]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.key

    @classmethod
    def rebuild(cls, records: models.QuerySet, batch: int = 5000) -> int:
        """The keys of these records worked out again in bulk (after rows were
        made with bulk_create, which keeps nothing): their old keys deleted,
        then every name's and alias's keys written, a batch at a time."""
        owner = cls.OWNER
        model = records.model
        cls.objects.filter(**{f"{owner}__in": records.values("pk")}).delete()  # type: ignore[attr-defined]
        aliases: dict[int, list[str]] = {}
        alias_model = model._meta.get_field("aliases").related_model
        for pk, name in alias_model.objects.filter(
            **{f"{owner}__in": records.values("pk")}
        ).values_list(owner, "name"):
            aliases.setdefault(pk, []).append(name)
        rows: list[SpellingKey] = []
        made = 0
        for pk, name in records.values_list("pk", "name").iterator(chunk_size=batch):
            for key in spelling_keys(owner, [name, *aliases.get(pk, [])]):
                rows.append(cls(**{f"{owner}_id": pk, "key": key}))
            if len(rows) >= batch:
                cls.objects.bulk_create(rows, ignore_conflicts=True)  # type: ignore[attr-defined]
                made += len(rows)
                rows = []
        cls.objects.bulk_create(rows, ignore_conflicts=True)  # type: ignore[attr-defined]
        return made + len(rows)


class PersonKey(SpellingKey):
    OWNER = "person"
    person = models.ForeignKey(Person, models.CASCADE, related_name="spelling_keys")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="personkey_unique"),
        ]
        indexes = [
            # names.match: the people a spelling's keys name (the index holds both).
            models.Index(fields=["key", "person"], name="personkey_key_idx"),
        ]


class OrganizationKey(SpellingKey):
    OWNER = "organization"
    organization = models.ForeignKey(Organization, models.CASCADE, related_name="spelling_keys")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="organizationkey_unique"),
        ]
        indexes = [
            # names.match: the organizations a spelling's keys name.
            models.Index(fields=["key", "organization"], name="organizationkey_key_idx"),
        ]


class CityKey(SpellingKey):
    OWNER = "city"
    city = models.ForeignKey(City, models.CASCADE, related_name="spelling_keys")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["city", "key"], name="citykey_unique"),
        ]
        indexes = [
            # names.match: the cities a spelling's keys name.
            models.Index(fields=["key", "city"], name="citykey_key_idx"),
        ]


class Merge(models.Model):
    """One record merged into another (a duplicate person, organization or
    city): what moved, so that it can be undone, and the merged record's old
    addresses, which answer 301 to the kept one."""

    class Of(models.TextChoices):
        PERSON = "person", _("person")
        ORGANIZATION = "organization", _("organization")
        CITY = "city", _("city")

    of = models.CharField(_("of"), max_length=12, choices=Of)
    kept_id = models.PositiveBigIntegerField(_("kept record"))
    merged_id = models.PositiveBigIntegerField(_("merged record"))
    merged_name = models.CharField(_("merged name"), max_length=200)
    # The merged record's fields and what moved from it, to undo the merge.
    snapshot = models.JSONField(default=dict, editable=False)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", editable=False
    )
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        indexes = [
            # An old address: which merge (not undone) sends it on.
            models.Index(fields=["of", "undone_at"], name="merge_of_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_of_display()} “{self.merged_name}” → {self.kept_id}"

    def get_absolute_url(self) -> str:
        return reverse("admin:incidents_merge_change", args=[self.pk])


class OldAddress(models.Model):
    """A public address (slug or public id) of a merged record, which answers
    301 to the kept one while the merge stands."""

    merge = models.ForeignKey(Merge, models.CASCADE, related_name="old_addresses")
    of = models.CharField(max_length=12, choices=Merge.Of)
    slug = models.CharField(max_length=120)

    class Meta:
        indexes = [
            # A detail page that finds no record: is its address an old one?
            models.Index(fields=["of", "slug"], name="oldaddress_slug_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.of}/{self.slug}"


class NotSame(models.Model):
    """Two records a reviewer said are different people (organizations,
    cities): the duplicate warning no longer asks about the pair."""

    of = models.CharField(_("of"), max_length=12, choices=Merge.Of)
    first_id = models.PositiveBigIntegerField()
    second_id = models.PositiveBigIntegerField()
    said_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", editable=False
    )
    said_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("not the same")
        verbose_name_plural = _("not the same")
        constraints = [
            # One row per pair, the smaller id first.
            models.UniqueConstraint(fields=["of", "first_id", "second_id"], name="notsame_pair"),
            models.CheckConstraint(
                condition=models.Q(first_id__lt=models.F("second_id")), name="notsame_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.of} {self.first_id} ≠ {self.second_id}"

    @classmethod
    def pair(cls, of: str, a: int, b: int, **extra: Any) -> NotSame:
        first, second = sorted((a, b))
        row, _created = cls.objects.get_or_create(
            of=of, first_id=first, second_id=second, defaults=extra
        )
        return row
