"""factory-boy factories for every model."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from incidents import models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.City

    name = factory.Sequence(lambda n: f"City {n}")
    country = "BY"
    region = "Minsk Region"


class CityAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CityAlias

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"City alias {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = models.Organization.Kind.HUMAN_RIGHTS


class OrganizationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OrganizationAlias

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Org alias {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    name = factory.Faker("name")
    description = "Human rights defender."


class PersonAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PersonAlias

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Person alias {n}")


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Affiliation

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "member"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    title = factory.Sequence(lambda n: f"Statement {n}")
    kind = models.Source.Kind.STATEMENT
    published_on = dt.date(2021, 7, 14)
    full_text = "Searches took place. Several people were detained. One disappeared."


class AddresseeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Addressee

    source = factory.SubFactory(SourceFactory)
    name = factory.Faker("name")
    position = "Minister"


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Incident

    kind = models.Incident.Kind.SEARCH
    date = factory.Sequence(lambda n: dt.date(2021, 1, 1) + dt.timedelta(days=n))
    person = factory.SubFactory(PersonFactory)
    organization = None
    city = factory.SubFactory(CityFactory)
    summary = "A search was reported."
    status = models.Incident.Status.PUBLISHED


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Citation

    incident = factory.SubFactory(IncidentFactory)
    source = factory.SubFactory(SourceFactory)
    excerpt = "Searches took place."
