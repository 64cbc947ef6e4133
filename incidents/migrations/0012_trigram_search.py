"""PostgreSQL: pg_trgm and a trigram GIN index on Incident.search_text, so that
`q` also finds a name typed with a slip (incidents.filters.full_text_ids).
pg_trgm is a trusted extension: the database's owner may create it. SQLite: nothing.
"""

from django.db import migrations

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS incident_search_trgm ON incidents_incident "
    "USING gin (search_text gin_trgm_ops)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS incident_search_trgm"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("incidents", "0011_admin_date_index")]

    operations = [migrations.RunPython(run(POSTGRES_UP), run(POSTGRES_DOWN))]
