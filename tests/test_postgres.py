"""What only PostgreSQL can tell: the production backend enforces the same rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from .factories import IncidentFactory, OrganizationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_it_runs_on_postgresql() -> None:
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 130000


def test_the_named_indexes_and_constraints_exist() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'incidents_incident'"
        )
        indexes = dict(cursor.fetchall())
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'incidents_incident'::regclass"
        )
        constraints = {row[0] for row in cursor.fetchall()}
    assert {
        "incident_status_date_idx",
        "incident_city_date_idx",
        "incident_org_date_idx",
        "incident_person_date_idx",
        "incident_unique_kind_subject_date",
        # migration 0012: full text, trigrams
        "incident_search_vector_gin",
        "incident_search_trgm",
    } <= set(indexes)
    assert "incident_search_gin" not in indexes
    # migration 0016: one covering walk of the list, not two
    assert "incident_status_date_cover" not in indexes
    assert (
        "(status, date DESC, id DESC) INCLUDE (kind, city_id, organization_id, person_id)"
        in indexes["incident_status_date_idx"]
    )
    assert "COALESCE" in indexes["incident_unique_kind_subject_date"]
    assert "incident_has_subject" in constraints


def test_names_are_searched_through_trigram_indexes() -> None:
    from django.contrib import admin

    from incidents.models import Organization, Person

    # migration 0014: a word anywhere in a name, as the admin looks for it.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            for model in (Person, Organization):
                model_admin = admin.site._registry[model]
                qs, _ = model_admin.get_search_results(None, model.objects.all(), "lapta")
                text = qs.order_by().explain()
                name = model._meta.model_name
                assert f"{name}_name_trgm" in text and f"{name}_name_key_trgm" in text, text
        finally:
            cursor.execute("RESET enable_seqscan")
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%alias_name%%trgm'")
        assert {row[0] for row in cursor.fetchall()} == {
            "personalias_name_trgm",
            "personalias_name_key_trgm",
            "organizationalias_name_trgm",
            "organizationalias_name_key_trgm",
        }


def test_two_searches_of_one_organization_on_one_day_clash() -> None:
    org = OrganizationFactory()
    IncidentFactory(person=None, organization=org, date=dt.date(2021, 7, 14))
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentFactory(person=None, organization=org, date=dt.date(2021, 7, 14))
