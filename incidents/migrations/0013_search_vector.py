"""PostgreSQL: the tsvector of Incident.search_text stored in a generated column
with its GIN index, in place of the expression index of 0007: a search that
matches many rows no longer works out to_tsvector for each of them again.
The model does not name the column; PostgreSQL fills it. SQLite: nothing.
"""

from django.db import migrations

POSTGRES_UP = [
    "ALTER TABLE incidents_incident ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS incident_search_vector_gin ON incidents_incident "
    "USING gin (search_vector)",
    "DROP INDEX IF EXISTS incident_search_gin",
]
POSTGRES_DOWN = [
    "CREATE INDEX IF NOT EXISTS incident_search_gin ON incidents_incident "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
    "DROP INDEX IF EXISTS incident_search_vector_gin",
    "ALTER TABLE incidents_incident DROP COLUMN IF EXISTS search_vector",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("incidents", "0012_trigram_search")]

    operations = [migrations.RunPython(run(POSTGRES_UP), run(POSTGRES_DOWN))]
