from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from .models import City, Incident, Organization, Person, Source


class StaticSitemap(Sitemap):
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


class IncidentSitemap(Sitemap):
    def items(self) -> QuerySet[Incident]:
        return Incident.objects.published().order_by("id").only("id", "updated_at")

    def lastmod(self, item: Incident):  # noqa: ANN201
        return item.updated_at


class PersonSitemap(Sitemap):
    def items(self) -> QuerySet[Person]:
        return (
            Person.objects.public()
            .order_by("id")
            .only("id", "slug", "public_id", "identity_protected")
        )


class OrganizationSitemap(Sitemap):
    def items(self) -> QuerySet[Organization]:
        return (
            Organization.objects.public()
            .order_by("id")
            .only("id", "slug", "public_id", "name_withheld")
        )


class CitySitemap(Sitemap):
    def items(self) -> QuerySet[City]:
        return City.objects.public().order_by("id").only("id", "slug")


class SourceSitemap(Sitemap):
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
