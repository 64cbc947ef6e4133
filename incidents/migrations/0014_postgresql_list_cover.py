"""PostgreSQL: the published list's walk in date order, covering the columns its
filters test (kind, city, organization, person), so that a filter such as
"organization and kind" reads the index alone and not a heap row per skipped
incident. SQLite's planner walks (organization, date) instead. SQLite: nothing.
"""

from django.db import migrations

POSTGRES_UP = [
    "CREATE INDEX IF NOT EXISTS incident_status_date_cover ON incidents_incident "
    "(status, date DESC, id DESC) INCLUDE (kind, city_id, organization_id, person_id)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS incident_status_date_cover"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("incidents", "0013_search_vector")]

    operations = [migrations.RunPython(run(POSTGRES_UP), run(POSTGRES_DOWN))]
