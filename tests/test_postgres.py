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
        # migration 0012: full text, trigrams, the covering walk of the list
        "incident_search_vector_gin",
        "incident_search_trgm",
        "incident_status_date_cover",
    } <= set(indexes)
    assert "incident_search_gin" not in indexes
    assert (
        "INCLUDE (kind, city_id, organization_id, person_id)"
        in indexes["incident_status_date_cover"]
    )
    assert "COALESCE" in indexes["incident_unique_kind_subject_date"]
    assert "incident_has_subject" in constraints


def test_two_searches_of_one_organization_on_one_day_clash() -> None:
    org = OrganizationFactory()
    IncidentFactory(person=None, organization=org, date=dt.date(2021, 7, 14))
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentFactory(person=None, organization=org, date=dt.date(2021, 7, 14))
