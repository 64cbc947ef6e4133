from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from .models import City, Incident, Organization, Person, Source


class PerLanguage:
    """(item, language) for each item and language, as Django's i18n sitemap
    pages them, without reading every item: its length is one COUNT, and a
    page reads only the items it shows (Django's own list of pairs reads the
    whole table for every page of the sitemap)."""

    def __init__(self, items: Any, languages: list[str]) -> None:
        self.items, self.languages = items, languages

    def __len__(self) -> int:
        n = self.items.count() if isinstance(self.items, QuerySet) else len(self.items)
        return n * len(self.languages)

    def __getitem__(self, index: slice) -> list[tuple[Any, str]]:
        per = len(self.languages)
        start, stop = index.start or 0, index.stop
        first = start // per
        last = None if stop is None else -(-stop // per)
        pairs = [(item, lang) for item in self.items[first:last] for lang in self.languages]
        return pairs[start - first * per : None if stop is None else stop - first * per]


class LocalizedSitemap(Sitemap):
    """Every address in each language (/be/…, /ru/…, /uk/…, English
    unprefixed), each with its alternates in the others."""

    i18n = True
    alternates = True
    x_default = True

    def _items(self) -> Any:
        return PerLanguage(self.items(), [code for code, _name in settings.LANGUAGES])


class StaticSitemap(LocalizedSitemap):
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "incidents:overview",
            "incidents:incident_list",
            "incidents:person_list",
            "incidents:organization_list",
            "incidents:city_list",
            "incidents:source_list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class IncidentSitemap(LocalizedSitemap):
    def items(self) -> QuerySet[Incident]:
        return Incident.objects.published().order_by("id").only("id", "updated_at")

    def lastmod(self, item: Incident):  # noqa: ANN201
        return item.updated_at


class PersonSitemap(LocalizedSitemap):
    def items(self) -> QuerySet[Person]:
        return (
            Person.objects.public()
            .order_by("id")
            .only("id", "slug", "public_id", "identity_protected")
        )


class OrganizationSitemap(LocalizedSitemap):
    def items(self) -> QuerySet[Organization]:
        return (
            Organization.objects.public()
            .order_by("id")
            .only("id", "slug", "public_id", "name_withheld")
        )


class CitySitemap(LocalizedSitemap):
    def items(self) -> QuerySet[City]:
        return City.objects.public().order_by("id").only("id", "slug")


class SourceSitemap(LocalizedSitemap):
    def items(self) -> QuerySet[Source]:
        return (
            Source.objects.public().order_by("id").only("id", "slug", "public_id", "title_withheld")
        )


SITEMAPS = {
    "pages": StaticSitemap,
    "incidents": IncidentSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "cities": CitySitemap,
    "sources": SourceSitemap,
}
