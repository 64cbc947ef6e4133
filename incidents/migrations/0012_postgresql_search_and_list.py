"""PostgreSQL only (SQLite: nothing).

- pg_trgm and a trigram GIN index on search_text, so that `q` also finds a name
  typed with a slip (incidents.filters._postgresql_ids). pg_trgm is a trusted
  extension: the database's owner may create it.
- The tsvector of search_text stored in a generated column with its GIN index,
  in place of 0007's expression index: a search that matches many rows no
  longer works out to_tsvector for each again. The model does not name the
  column; PostgreSQL fills it.
- The published list's walk in date order, covering the columns its filters
  test, so that "organization and kind" reads the index alone, not a heap row
  per skipped incident.
"""

from django.db import migrations

from ._vendor import on_postgresql

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS incident_search_trgm ON incidents_incident "
    "USING gin (search_text gin_trgm_ops)",
    "ALTER TABLE incidents_incident ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS incident_search_vector_gin ON incidents_incident "
    "USING gin (search_vector)",
    "DROP INDEX IF EXISTS incident_search_gin",
    "CREATE INDEX IF NOT EXISTS incident_status_date_cover ON incidents_incident "
    "(status, date DESC, id DESC) INCLUDE (kind, city_id, organization_id, person_id)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS incident_status_date_cover",
    "CREATE INDEX IF NOT EXISTS incident_search_gin ON incidents_incident "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
    "DROP INDEX IF EXISTS incident_search_vector_gin",
    "ALTER TABLE incidents_incident DROP COLUMN IF EXISTS search_vector",
    "DROP INDEX IF EXISTS incident_search_trgm",
]


class Migration(migrations.Migration):
    dependencies = [("incidents", "0011_admin_date_index")]

    operations = [migrations.RunPython(on_postgresql(POSTGRES_UP), on_postgresql(POSTGRES_DOWN))]
